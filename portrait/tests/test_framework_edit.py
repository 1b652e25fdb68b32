"""District admins edit their district's framework in the app."""

import html

import pytest
from django.urls import reverse

from leadership.models import AuditEvent
from leadership.tests.confirming import confirm
from leadership.tests.helpers import assert_flat_query_count
from portrait.models import LeadershipExample, ReflectionPrompt, Resource
from portrait.services import framework_for_district
from portrait.tests.factories import reflection_by


@pytest.fixture
def attribute(district):
    return framework_for_district(district).attributes.get(slug="advocacy")


def test_it_shows_an_attribute_with_its_levels_prompts_and_examples(attribute, teacher, client_for):
    url = reverse("portrait:attribute_detail", args=[attribute.slug])
    page = html.unescape(client_for(teacher).get(url).content.decode())

    for descriptor in attribute.descriptors.all():
        assert descriptor.text in page
    for prompt in attribute.prompts.all():
        assert prompt.text in page
    assert attribute.examples.first().title in page
    assert "Archive" not in page


def test_it_lists_the_five_attributes(teacher, client_for):
    page = client_for(teacher).get(reverse("portrait:index")).content.decode()

    for name in ["Human-Centered Approaches", "Transformation", "Authenticity", "Collaboration"]:
        assert name in page


def test_it_offers_the_case_interchange_to_admins_only(
    attribute, district_admin, teacher, client_for
):
    url = reverse("portrait:index")
    case_url = reverse("portrait:framework_case")

    assert case_url in client_for(district_admin).get(url).content.decode()
    assert case_url not in client_for(teacher).get(url).content.decode()


def test_it_saves_texts_and_descriptors(attribute, district_admin, client_for):
    data = {
        "name": "Advocacy",
        "summary": "Speaks up.",
        "description": "Longer.",
        "classroom": "In class.",
        "school": "In school.",
        "district": "In the district.",
    }

    client_for(district_admin).post(reverse("portrait:attribute_edit", args=[attribute.slug]), data)

    attribute.refresh_from_db()
    assert attribute.summary == "Speaks up."
    assert attribute.descriptors.get(level="school").text == "In school."


def test_it_rejects_an_empty_descriptor(attribute, district_admin, client_for):
    data = {
        "name": "Advocacy",
        "summary": "Speaks up.",
        "classroom": "",
        "school": "x",
        "district": "y",
    }

    response = client_for(district_admin).post(
        reverse("portrait:attribute_edit", args=[attribute.slug]), data
    )

    attribute.refresh_from_db()
    assert response.status_code == 200
    assert attribute.summary != "Speaks up."


def test_it_refuses_editing_to_a_teacher(attribute, teacher, client_for):
    response = client_for(teacher).post(
        reverse("portrait:prompt_add", args=[attribute.slug]), {"text": "New?", "level": ""}
    )

    assert response.status_code == 403


def test_it_adds_moves_and_archives_prompts(attribute, district_admin, client_for):
    client = client_for(district_admin)
    client.post(
        reverse("portrait:prompt_add", args=[attribute.slug]), {"text": "Newest", "level": ""}
    )
    newest = ReflectionPrompt.objects.get(text="Newest")
    client.post(reverse("portrait:prompt_move", args=[newest.pk]), {"direction": "up"})
    confirm(client, reverse("portrait:prompt_archive", args=[newest.pk]), {"archived": "yes"})

    texts = list(attribute.prompts.order_by("order").values_list("text", flat=True))
    assert texts[-2] == "Newest"
    newest.refresh_from_db()
    assert newest.is_archived


def test_it_keeps_reflections_on_an_archived_prompt_readable(
    attribute, district_admin, teacher, client_for
):
    prompt = attribute.prompts.first()
    reflection = reflection_by(teacher, prompt=prompt, response="Still here")
    confirm(
        client_for(district_admin),
        reverse("portrait:prompt_archive", args=[prompt.pk]),
        {"archived": "yes"},
    )

    page = (
        client_for(teacher)
        .get(reverse("portrait:reflection_detail", args=[reflection.pk]))
        .content.decode()
    )

    assert "Still here" in page
    assert "archived" in page
    assert prompt.text not in client_for(teacher).get(
        reverse("portrait:attribute_detail", args=[attribute.slug])
    ).content.decode().replace("&#x27;", "'")


def test_it_rejects_an_empty_prompt(attribute, district_admin, client_for):
    before = ReflectionPrompt.objects.count()

    response = client_for(district_admin).post(
        reverse("portrait:prompt_add", args=[attribute.slug]), {"text": ""}, follow=True
    )

    assert "Write the prompt" in response.content.decode()
    assert ReflectionPrompt.objects.count() == before


def test_it_hides_another_districts_prompt(attribute, outsider, client_for):
    prompt = attribute.prompts.first()

    response = client_for(outsider).post(
        reverse("portrait:prompt_archive", args=[prompt.pk]), {"archived": "yes"}
    )

    prompt.refresh_from_db()
    assert response.status_code == 404
    assert not prompt.is_archived


def test_it_adds_and_archives_examples_and_resources(attribute, district_admin, client_for):
    client = client_for(district_admin)
    client.post(
        reverse("portrait:example_add", args=[attribute.slug]),
        {"title": "Bus routes", "story": "We redrew them.", "level": "district"},
    )
    client.post(
        reverse("portrait:resource_add", args=[attribute.slug]),
        {"title": "Guide", "url": "", "note": "Read it"},
    )
    example = LeadershipExample.objects.get(title="Bus routes")
    resource = Resource.objects.get(title="Guide")
    confirm(client, reverse("portrait:example_archive", args=[example.pk]), {"archived": "yes"})
    confirm(client, reverse("portrait:resource_archive", args=[resource.pk]), {"archived": "yes"})

    example.refresh_from_db()
    resource.refresh_from_db()
    assert example.is_archived and resource.is_archived
    assert list(example.attributes.all()) == [attribute]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"leadershipexample.archive", "resource.archive", "example.add"} <= actions


def test_it_rejects_a_resource_without_link_or_note(attribute, district_admin, client_for):
    response = client_for(district_admin).post(
        reverse("portrait:resource_add", args=[attribute.slug]), {"title": "Empty"}, follow=True
    )

    assert "link or a note" in response.content.decode()
    assert not Resource.objects.filter(title="Empty").exists()


def test_it_edits_the_framework_name_and_description(district, district_admin, client_for):
    url = reverse("portrait:framework_edit")

    client_for(district_admin).post(url, {"name": "Our Leaders", "description": "Ours."})
    bad = client_for(district_admin).post(url, {"name": "", "description": "x"})

    framework = framework_for_district(district)
    assert (framework.name, framework.description) == ("Our Leaders", "Ours.")
    assert bad.status_code == 200


def test_it_refuses_framework_editing_to_a_principal(district, principal, client_for):
    response = client_for(principal).post(reverse("portrait:framework_edit"), {"name": "Mine"})

    assert response.status_code == 403
    assert framework_for_district(district).name == "Portrait of a Leader"


def test_it_shows_an_attribute_in_flat_queries(attribute, district_admin, client_for):
    """More prompts, examples and resources must not mean more queries."""
    url = reverse("portrait:attribute_detail", args=[attribute.slug])
    client = client_for(district_admin)

    def grow():
        for i in range(4):
            client.post(reverse("portrait:prompt_add", args=[attribute.slug]), {"text": f"P{i}"})
            client.post(
                reverse("portrait:example_add", args=[attribute.slug]),
                {"title": f"E{i}", "story": "s", "level": "school"},
            )
            client.post(
                reverse("portrait:resource_add", args=[attribute.slug]),
                {"title": f"R{i}", "note": "n"},
            )

    assert_flat_query_count(client, url, grow, budget=12)
