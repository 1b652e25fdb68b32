"""Archiving a prompt, an example or a resource asks first and says what it changes;
restoring it is one click."""

import html

import pytest
from django.urls import reverse

from leadership.tests.confirming import confirm
from portrait.models import LeadershipExample, Resource
from portrait.services import framework_for_district
from portrait.tests.factories import reflection_by


@pytest.fixture
def attribute(district):
    return framework_for_district(district).attributes.get(slug="advocacy")


def test_it_says_what_archiving_a_prompt_changes_and_changes_nothing(
    attribute, district_admin, teacher, coach, client_for
):
    prompt = attribute.prompts.first()
    reflection_by(teacher, prompt=prompt)
    reflection_by(coach, prompt=prompt, submitted=False)
    url = reverse("portrait:prompt_archive", args=[prompt.pk])

    page = client_for(district_admin).post(url, {"archived": "yes"})

    body = html.unescape(page.content.decode())
    assert "Archive this prompt?" in body
    assert prompt.text in body
    assert "Nobody can start a new reflection on it" in body
    assert "1 reflection written on it stays readable, and 1 draft on it can still be finished" in (
        body
    )
    assert "Nobody is emailed." in body
    prompt.refresh_from_db()
    assert not prompt.is_archived


def test_it_archives_a_prompt_once_confirmed_and_offers_to_restore_it(
    attribute, district_admin, client_for
):
    prompt = attribute.prompts.first()
    client = client_for(district_admin)
    url = reverse("portrait:prompt_archive", args=[prompt.pk])

    _, done = confirm(client, url, {"archived": "yes"})

    assert "Restore it below if you change your mind." in done.content.decode()
    assert f'action="{url}"' in done.content.decode()
    prompt.refresh_from_db()
    assert prompt.is_archived
    client.post(url, {"archived": "no"})
    prompt.refresh_from_db()
    assert not prompt.is_archived


@pytest.mark.parametrize("kind", ["example", "resource"])
def test_it_asks_before_archiving_an_example_or_a_resource(
    kind, attribute, district_admin, client_for
):
    if kind == "example":
        item = LeadershipExample.objects.filter(attributes=attribute).first()
    else:
        item = Resource.objects.create(
            framework=attribute.framework, attribute=attribute, title="Guide", note="Read it"
        )
    client = client_for(district_admin)
    url = reverse(f"portrait:{kind}_archive", args=[item.pk])

    page = client.post(url, {"archived": "yes"})
    body = html.unescape(page.content.decode())
    assert f"Archive the {kind} “{item.title}”?" in body
    assert "Only the district's administrators see it from now on." in body
    item.refresh_from_db()
    assert not item.is_archived

    _, done = confirm(client, url, {"archived": "yes"})
    assert "Restore it below" in done.content.decode()
    item.refresh_from_db()
    assert item.is_archived

    restored = client.post(url, {"archived": "no"}, follow=True)
    assert "everybody sees it again" in restored.content.decode()
    item.refresh_from_db()
    assert not item.is_archived


def test_it_keeps_archiving_to_the_districts_admins(
    attribute, teacher, principal, outsider, client_for
):
    prompt = attribute.prompts.first()
    url = reverse("portrait:prompt_archive", args=[prompt.pk])
    data = {"archived": "yes", "confirmed": "yes", "told": ""}
    assert client_for(teacher).post(url, data).status_code == 403
    assert client_for(principal).post(url, data).status_code == 403
    assert client_for(outsider).post(url, data).status_code == 404
    assert client_for(None).post(url, data).status_code == 302
    prompt.refresh_from_db()
    assert not prompt.is_archived
