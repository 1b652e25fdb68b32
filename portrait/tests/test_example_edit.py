"""District admins edit a leadership-in-action example or a resource in place."""

import html

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.models import AuditEvent
from leadership.tests.fixtures_browser import audit, sign_in
from portrait.models import LeadershipExample, Resource
from portrait.services import framework_for_district


@pytest.fixture
def framework(district):
    return framework_for_district(district)


@pytest.fixture
def attribute(framework):
    return framework.attributes.get(slug="collaboration")


@pytest.fixture
def example(attribute):
    return attribute.examples.first()


@pytest.fixture
def resource(attribute):
    return attribute.resources.first()


@pytest.fixture
def portrait_resource(framework):
    return framework.resources.get(attribute=None)


def _example_url(example):
    return reverse("portrait:example_edit", args=[example.pk])


def _resource_url(resource):
    return reverse("portrait:resource_edit", args=[resource.pk])


def _text(response):
    return html.unescape(response.content.decode())


def _example_data(attribute, **changes):
    data = {
        "title": "Shared planning time",
        "story": "The grade team met on Tuesdays and wrote one unit together.",
        "level": "school",
        "attributes": [attribute.pk],
    }
    return {**data, **changes}


def test_it_saves_an_example_and_records_the_change(example, attribute, district_admin, client_for):
    response = client_for(district_admin).post(_example_url(example), _example_data(attribute))

    example.refresh_from_db()
    assert response["Location"] == reverse("portrait:attribute_detail", args=[attribute.slug])
    assert (example.title, example.level) == ("Shared planning time", "school")
    event = AuditEvent.objects.get(action="example.edit")
    assert event.actor == district_admin
    assert event.after["title"] == "Shared planning time"
    assert "attributes" not in event.after
    page = _text(client_for(district_admin).get(response["Location"]))
    assert "Shared planning time" in page


def test_it_files_an_example_under_other_attributes(
    example, attribute, framework, district_admin, teacher, client_for
):
    advocacy = framework.attributes.get(slug="advocacy")
    client_for(district_admin).post(
        _example_url(example), _example_data(attribute, attributes=[attribute.pk, advocacy.pk])
    )

    assert set(example.attributes.all()) == {attribute, advocacy}
    assert AuditEvent.objects.get(action="example.edit").after["attributes"] == [
        "advocacy",
        "collaboration",
    ]
    page = _text(client_for(teacher).get(reverse("portrait:attribute_detail", args=["advocacy"])))
    assert "Shared planning time" in page


def test_it_shows_the_form_filled_in(example, district_admin, client_for):
    page = _text(client_for(district_admin).get(_example_url(example)))

    assert example.title in page
    assert example.story.splitlines()[0] in page
    assert "Show it on these attributes" in page


def test_it_records_nothing_when_nothing_changed(example, district_admin, client_for):
    data = {
        "title": example.title,
        "story": example.story,
        "level": example.level,
        "attributes": [a.pk for a in example.attributes.all()],
    }

    client_for(district_admin).post(_example_url(example), data)

    assert not AuditEvent.objects.filter(action="example.edit").exists()


def test_it_rejects_an_empty_title(example, attribute, district_admin, client_for):
    before = example.title
    response = client_for(district_admin).post(
        _example_url(example), _example_data(attribute, title="   ")
    )

    example.refresh_from_db()
    assert response.status_code == 200
    assert "Give the example a title." in _text(response)
    assert example.title == before
    assert not AuditEvent.objects.filter(action="example.edit").exists()


def test_it_rejects_an_attribute_of_another_district(
    example, attribute, other_district, district_admin, client_for
):
    theirs = framework_for_district(other_district).attributes.get(slug="advocacy")
    response = client_for(district_admin).post(
        _example_url(example), _example_data(attribute, attributes=[theirs.pk])
    )

    assert response.status_code == 200
    assert list(example.attributes.all()) == [attribute]
    assert not AuditEvent.objects.filter(action="example.edit").exists()


@pytest.mark.parametrize("who", ["teacher", "principal", "coach"])
def test_it_refuses_people_who_are_not_district_admins(who, example, attribute, cast, client_for):
    before = example.title
    response = client_for(cast[who]).post(_example_url(example), _example_data(attribute))

    example.refresh_from_db()
    assert response.status_code == 403
    assert example.title == before


def test_it_hides_another_districts_example(example, attribute, outsider, client_for):
    response = client_for(outsider).post(_example_url(example), _example_data(attribute))

    example.refresh_from_db()
    assert response.status_code == 404
    assert example.title != "Shared planning time"


def test_it_sends_anonymous_people_to_sign_in(example, resource, client_for):
    for url in [_example_url(example), _resource_url(resource)]:
        response = client_for(None).get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]


def test_it_links_each_example_and_resource_to_its_edit_page_for_admins_only(
    example, resource, attribute, district_admin, teacher, client_for
):
    url = reverse("portrait:attribute_detail", args=[attribute.slug])

    admin_page = client_for(district_admin).get(url).content.decode()
    teacher_page = client_for(teacher).get(url).content.decode()

    assert _example_url(example) in admin_page
    assert _resource_url(resource) in admin_page
    assert _example_url(example) not in teacher_page
    assert _resource_url(resource) not in teacher_page


def test_it_saves_a_resource_and_records_the_change(
    resource, attribute, district_admin, client_for
):
    data = {"title": "Team norms", "url": "https://example.org/norms", "note": ""}
    data["attribute"] = attribute.pk

    response = client_for(district_admin).post(_resource_url(resource), data)

    resource.refresh_from_db()
    assert response["Location"] == reverse("portrait:attribute_detail", args=[attribute.slug])
    assert (resource.title, resource.url, resource.note) == (data["title"], data["url"], "")
    event = AuditEvent.objects.get(action="resource.edit")
    assert event.after["url"] == "https://example.org/norms"


def test_it_moves_a_resource_to_the_whole_portrait(resource, district_admin, teacher, client_for):
    data = {"title": "Team norms", "url": "", "note": "Agree them in week one.", "attribute": ""}

    response = client_for(district_admin).post(_resource_url(resource), data)

    resource.refresh_from_db()
    assert response["Location"] == reverse("portrait:index")
    assert resource.attribute is None
    admin_page = _text(client_for(district_admin).get(reverse("portrait:index")))
    teacher_page = _text(client_for(teacher).get(reverse("portrait:index")))
    assert "Agree them in week one." in teacher_page
    assert _resource_url(resource) in admin_page
    assert _resource_url(resource) not in teacher_page


def test_it_lists_archived_portrait_resources_to_admins_only(
    portrait_resource, district_admin, teacher, client_for
):
    portrait_resource.is_archived = True
    portrait_resource.save(update_fields=["is_archived"])

    assert portrait_resource.title in _text(
        client_for(district_admin).get(reverse("portrait:index"))
    )
    assert portrait_resource.title not in _text(client_for(teacher).get(reverse("portrait:index")))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Give the resource a title."),
        ({"url": "", "note": "  "}, "Give the resource a link or a note."),
        ({"url": "not a link"}, "Enter a valid URL."),
    ],
)
def test_it_rejects_a_bad_resource(portrait_resource, district_admin, client_for, changes, message):
    data = {"title": "Norms", "url": "https://example.org/n", "note": "", "attribute": ""}
    before = (portrait_resource.title, portrait_resource.url, portrait_resource.note)

    response = client_for(district_admin).post(
        _resource_url(portrait_resource), {**data, **changes}
    )

    portrait_resource.refresh_from_db()
    assert response.status_code == 200
    assert message in _text(response)
    assert (portrait_resource.title, portrait_resource.url, portrait_resource.note) == before
    assert not AuditEvent.objects.filter(action="resource.edit").exists()


def test_it_refuses_a_teacher_and_hides_the_resource_from_another_district(
    resource, teacher, outsider, client_for
):
    data = {"title": "Taken over", "url": "", "note": "x", "attribute": ""}

    assert client_for(teacher).post(_resource_url(resource), data).status_code == 403
    assert client_for(outsider).post(_resource_url(resource), data).status_code == 404
    assert not Resource.objects.filter(title="Taken over").exists()
    assert LeadershipExample.objects.exists()


@pytest.mark.browser
def test_it_edits_an_example_in_the_browser(
    page, live_server, example, resource, attribute, district_admin
):
    sign_in(page, live_server, district_admin.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('portrait:attribute_detail', args=[attribute.slug])}")
    page.get_by_role("link", name=f"Edit the example {example.title}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Edit a leadership-in-action")
    audit(page)
    page.get_by_label("Example title").fill("Shared planning time")
    page.get_by_role("button", name="Save the example").click()

    expect(page.get_by_text("The example “Shared planning time” is saved.")).to_be_visible()
    expect(page.get_by_role("heading", name="Shared planning time")).to_be_visible()
    audit(page)

    page.goto(f"{live_server.url}{_resource_url(resource)}")
    expect(page.get_by_label("Show it on")).to_have_value(str(attribute.pk))
    audit(page)
