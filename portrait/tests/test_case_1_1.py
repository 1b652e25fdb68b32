"""CASE 1.1: the export conforms to 1EdTech's CASE 1.1 package schema, and a package in
the 1.0 shape (links back to its document on every item and association) still imports."""

import copy
import json

from portrait.case import export_framework, import_package, package_problems
from portrait.services import framework_copy_default
from portrait.tests.test_case_interchange import shape


def as_1_0(package):
    """The package as Deep Bench wrote it in CASE 1.0: what 1.1 no longer allows."""
    old = copy.deepcopy(package)
    document = old["CFDocument"]
    link = {key: document[key] for key in ("identifier", "uri", "title")}
    del document["caseVersion"]
    document["CFPackageURI"] = link
    for item in old["CFItems"]:
        item["CFDocumentURI"] = link
        item["title"] = item["fullStatement"][:200]
    for association in old["CFAssociations"]:
        association["CFDocumentURI"] = link
    return old


def test_it_exports_a_package_the_case_1_1_schema_accepts(district):
    package = export_framework(framework_copy_default(district=district))
    assert package["CFDocument"]["caseVersion"] == "1.1"
    assert package_problems(package) == []


def test_the_schema_refuses_what_1_1_no_longer_allows(district):
    """The check can fail: the same framework in the 1.0 shape breaks the 1.1 schema."""
    package = as_1_0(export_framework(framework_copy_default(district=district)))
    problems = "\n".join(package_problems(package))
    assert "'CFPackageURI' was unexpected" in problems
    assert "'CFDocumentURI' was unexpected" in problems
    assert "CFAssociations/0" in problems


def test_it_imports_a_1_0_package_and_a_1_1_package_alike(district, other_district):
    original = framework_copy_default(district=district)
    package = export_framework(original)
    from_1_1 = import_package(json.dumps(package), district=other_district)
    other = copy.deepcopy(package)
    other["CFDocument"]["identifier"] = "0f8e2a3c-5b7d-4e1f-9a2b-3c4d5e6f7a8b"
    from_1_0 = import_package(json.dumps(as_1_0(other)), district=other_district)
    assert shape(from_1_1) == shape(from_1_0) == shape(original)
