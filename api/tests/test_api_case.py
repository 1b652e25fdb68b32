"""The framework at CASE 1.1's REST path: the package the schema accepts, to a token of the
framework's district with read:framework; CASE's own error shape otherwise."""

from api.tests.api_data import ApiClient
from portrait.case import export_framework, package_problems
from portrait.services import framework_copy_default

CASE = "/ims/case/v1p1/CFPackages/{}"


def identifier_of(framework):
    return export_framework(framework)["CFDocument"]["identifier"]


def imsx(response):
    body = response.json()
    assert body["imsx_codeMajor"] == "failure"
    return body["imsx_codeMinor"]["imsx_codeMinorField"][0]["imsx_codeMinorFieldValue"]


def test_it_serves_the_framework_as_a_case_1_1_package(district, api_for):
    framework = framework_copy_default(district=district)
    response = api_for(["read:framework"]).get(CASE.format(identifier_of(framework)))
    assert response.status_code == 200
    package = response.json()
    assert package["CFDocument"]["title"] == framework.name
    assert package_problems(package) == []


def test_it_hides_another_districts_framework(district, other_district, api_for):
    framework_copy_default(district=district)
    theirs = framework_copy_default(district=other_district)
    response = api_for(["read:framework"]).get(CASE.format(identifier_of(theirs)))
    assert response.status_code == 404
    assert imsx(response) == "unknownobject"


def test_it_needs_a_token_with_read_framework(district, api_for):
    path = CASE.format(identifier_of(framework_copy_default(district=district)))
    assert imsx(ApiClient().get(path)) == "unauthorisedrequest"
    refused = api_for(["read:pipeline"]).get(path)
    assert refused.status_code == 403
    assert imsx(refused) == "forbidden"
