"""CASE packages: export, import, the round trip, bad files, the page and the commands."""

import html
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from leadership.models import AuditEvent
from portrait.case import CaseError, export_framework, import_package
from portrait.models import (
    Attribute,
    Framework,
    LeadershipExample,
    LevelDescriptor,
    ReflectionPrompt,
)
from portrait.services import framework_copy_default


def shape(framework):
    """Everything a framework says, without database ids."""
    return {
        "name": framework.name,
        "description": framework.description,
        "attributes": [
            (
                a.name,
                a.slug,
                a.summary,
                a.description,
                a.order,
                sorted((d.level, d.text) for d in a.descriptors.all()),
                sorted((p.level, p.text, p.order, p.is_archived) for p in a.prompts.all()),
            )
            for a in framework.attributes.order_by("order", "name")
        ],
        "examples": sorted(
            (e.title, e.story, e.level, sorted(a.slug for a in e.attributes.all()))
            for e in framework.examples.filter(is_archived=False)
        ),
    }


def test_it_exports_a_case_package(district):
    framework = framework_copy_default(district=district)
    package = export_framework(framework)
    assert package["CFDocument"]["title"] == framework.name
    types = {item["CFItemType"] for item in package["CFItems"]}
    assert types == {"Attribute", "Level descriptor", "Reflection prompt", "Leadership example"}
    kinds = {link["associationType"] for link in package["CFAssociations"]}
    assert kinds == {"isChildOf", "exemplar"}
    ids = [item["identifier"] for item in package["CFItems"]]
    assert ids == [item["identifier"] for item in export_framework(framework)["CFItems"]]


def test_the_round_trip_gives_the_same_framework(district, other_district):
    original = framework_copy_default(district=district)
    text = json.dumps(export_framework(original))
    copy = import_package(text, district=other_district)
    assert copy.is_current  # the district had none
    assert shape(copy) == shape(original)

    # And the copy exports to the same package, identifiers included.
    def stable(package):
        return [
            {k: v for k, v in item.items() if k != "lastChangeDateTime"}
            for item in package["CFItems"]
        ]

    assert stable(export_framework(copy)) == stable(json.loads(text))


def test_it_refuses_what_is_not_json(district):
    with pytest.raises(CaseError, match="not valid JSON"):
        import_package(b"{nope", district=district)


def test_it_refuses_a_package_without_a_cfdocument(district):
    with pytest.raises(CaseError, match="no CFDocument"):
        import_package(json.dumps({"CFItems": []}), district=district)
    assert not Framework.objects.exists()


def test_it_refuses_the_same_package_twice(district, other_district):
    text = json.dumps(export_framework(framework_copy_default(district=district)))
    import_package(text, district=other_district)
    with pytest.raises(CaseError, match="already been imported"):
        import_package(text, district=other_district)
    assert Framework.objects.filter(district=other_district).count() == 1


def test_the_page_exports_and_imports(cast, client_for, district, other_district):
    framework = framework_copy_default(district=other_district)
    text = json.dumps(export_framework(framework))
    client = client_for(cast["admin"])
    body = client.get("/pipeline/framework/case/").content.decode()
    assert "no framework yet" in body
    response = client.post(
        "/pipeline/framework/case/",
        {"file": SimpleUploadedFile("f.json", text.encode()), "make_current": "on"},
        follow=True,
    )
    assert f"Imported {framework.name}" in response.content.decode()
    mine = Framework.objects.get(district=district)
    download = client.get(f"/pipeline/framework/case/{mine.pk}/export/")
    assert json.loads(download.content)["CFDocument"]["title"] == framework.name
    assert AuditEvent.objects.filter(district=district, action="framework.import").exists()
    assert AuditEvent.objects.filter(district=district, action="framework.export").exists()


def test_the_page_explains_a_bad_file(cast, client_for, district):
    response = client_for(cast["admin"]).post(
        "/pipeline/framework/case/", {"file": SimpleUploadedFile("f.json", b"[1, 2")}
    )
    assert "not valid JSON" in response.content.decode()
    assert not Framework.objects.exists()


def test_the_page_is_for_district_admins(cast, client_for, district):
    framework = framework_copy_default(district=district)
    assert client_for(cast["principal"]).get("/pipeline/framework/case/").status_code == 403
    url = f"/pipeline/framework/case/{framework.pk}/export/"
    assert client_for(cast["outsider"]).get(url).status_code == 404
    assert client_for(cast["teacher"]).get(url).status_code == 403


def test_the_commands_round_trip(district, other_district, tmp_path):
    original = framework_copy_default(district=district)
    path = tmp_path / "case.json"
    call_command("export_case", "--district", district.slug, "-o", str(path))
    call_command("import_case", str(path), "--district", other_district.slug)
    assert shape(Framework.objects.get(district=other_district)) == shape(original)
    path.write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError, match="no CFDocument"):
        call_command("import_case", str(path), "--district", other_district.slug)


def _package(district, change):
    """A valid exported package with `change(package)` applied, as JSON text."""
    package = export_framework(framework_copy_default(district=district))
    change(package)
    return json.dumps(package)


def _first(kind):
    def pick(package):
        return next(item for item in package["CFItems"] if item["CFItemType"] == kind)

    return pick


DEEP = 100_000
HOSTILE = {
    "deeply nested JSON": (
        lambda package: None,
        '{"CFDocument": {"identifier": "x", "title": "t", "description": '
        + "[" * DEEP
        + "]" * DEEP
        + "}}",
        "nests its values too deeply",
    ),
    "a title that is a number": (
        lambda package: package["CFDocument"].update(title=5),
        None,
        "title should be text, but it is a number",
    ),
    "a statement that is a list": (
        lambda package: _first("Attribute")(package).update(fullStatement=["a", "b"]),
        None,
        "fullStatement should be text, but it is a list",
    ),
    "an identifier that is a nested object": (
        lambda package: _first("Reflection prompt")(package).update(
            identifier=json.loads("[" * 500 + "]" * 500)
        ),
        None,
        "identifier should be text, but it is a list",
    ),
    "a NUL character": (
        lambda package: _first("Reflection prompt")(package).update(fullStatement="a\x00b"),
        None,
        "control character (U+0000)",
    ),
    "items that are all strings": (
        lambda package: package.update(CFItems=["one", "two"]),
        None,
        "Entry 1 of CFItems is text, not an object",
    ),
    "an association node that is text": (
        lambda package: package["CFAssociations"][0].update(originNodeURI="urn:x"),
        None,
        "originNodeURI should be an object, but it is text",
    ),
    "keywords that are a number": (
        lambda package: _first("Level descriptor")(package).update(conceptKeywords=7),
        None,
        "conceptKeywords should be a list of text",
    ),
    "no attribute": (
        lambda package: package.update(
            CFItems=[i for i in package["CFItems"] if i["CFItemType"] != "Attribute"]
        ),
        None,
        'no CFItem of type "Attribute"',
    ),
    "a number of 5,000 digits": (
        lambda package: None,
        '{"CFDocument": {"identifier": "x", "title": "t", "n": ' + "9" * 5000 + "}}",
        "number too long",
    ),
}


def _counts():
    models = (Framework, Attribute, LevelDescriptor, ReflectionPrompt, LeadershipExample)
    return [model.objects.count() for model in models] + [AuditEvent.objects.count()]


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_the_page_refuses_a_hostile_package_with_a_message(
    case, cast, client_for, district, other_district
):
    change, raw, message = HOSTILE[case]
    text = raw or _package(other_district, change)
    before = _counts()
    response = client_for(cast["admin"]).post(
        "/pipeline/framework/case/", {"file": SimpleUploadedFile("f.json", text.encode())}
    )
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert _counts() == before


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_the_command_refuses_a_hostile_package_with_a_message(
    case, district, other_district, tmp_path
):
    change, raw, message = HOSTILE[case]
    path = tmp_path / "case.json"
    path.write_text(raw or _package(other_district, change), encoding="utf-8")
    before = _counts()
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("import_case", str(path), "--district", district.slug)
    assert _counts() == before


def test_it_keeps_an_order_beyond_the_column_within_it(district, other_district):
    text = _package(
        other_district, lambda p: _first("Attribute")(p).update(listEnumeration="9" * 30)
    )
    framework = import_package(text, district=district)
    assert max(a.order for a in framework.attributes.all()) == 32767
