"""The privacy matrix of a person's leadership profile: for each viewer (the author, their
coach, their principal with and without sharing, another principal, an admin, another
district, a teacher colleague), each section of the page and of the side panel shows
exactly the text that viewer may read, and says what it leaves out.

The rules are the apps' own (pipeline/profile.py lists them); reflections follow only
portrait/access.py."""

import html
import json

import pytest

from pipeline.tests import profile_data as d
from portrait.models import Reflection

PANEL = {"HX-Request": "true"}

# Per section, the markers of what is in it (profile_data.py writes them).
SECTIONS = {
    "aims": [d.TARGET_ROLE],
    "judgement": [d.JUDGEMENT],
    "shared reflection": [d.SHARED, d.FEEDBACK_SHARED],
    "unshared reflection": [d.SECRET, d.FEEDBACK_SECRET],
    "draft": [d.DRAFT],
    "record": [d.OUTSIDE],
    "nominations": [d.RATIONALE],
    "programs": ["Spring cohort"],
    "school application": [d.SCHOOL_OPPORTUNITY],
    "district application": [d.DISTRICT_OPPORTUNITY],
}
EVERYTHING_BUT_JUDGEMENT = {
    "aims",
    "shared reflection",
    "unshared reflection",
    "record",
    "nominations",
    "programs",
    "school application",
    "district application",
}
SEES = {
    "author": EVERYTHING_BUT_JUDGEMENT,
    "admin": EVERYTHING_BUT_JUDGEMENT | {"judgement"},
    "principal": {
        "aims",
        "judgement",
        "shared reflection",
        "record",
        "nominations",
        "programs",
        "school application",
    },
    "coach": {"shared reflection", "unshared reflection"},
}
# What each viewer is told about what they do not see: exact sentences.
TOLD = {
    "author": [
        "Your stage and readiness in the district's pipeline are the district's judgement: "
        "they are shown to its administrators and your principal, not here.",
    ],
    "admin": [],
    "principal": [
        "Ratings from 1 reflection not shared with you. A rating is shown only with a "
        "reflection you may read.",
        "Ratings from 1 reflection on Advocacy not shared with you.",
        "1 reflection not shared with you: only Tom Teacher, their coaches and the "
        "district's administrators read them.",
        "You see the nominations made at your school and those you made; others are shown "
        "to Tom Teacher, the principal of the school they were made at and the district's "
        "administrators.",
        "You see applications to the opportunities you manage; the others are shown to Tom "
        "Teacher and to whoever manages each opportunity.",
    ],
    "coach": [
        "Aims, stage and readiness in the district's pipeline are shown to its "
        "administrators and a candidate's principal, not to you.",
        "Their leadership record is shown to Tom Teacher, their principal and the "
        "district's administrators, not to you.",
        "Their programs and attendance are shown to Tom Teacher, their principal and the "
        "district's administrators, not to you.",
        "You see only the nominations you made; the others are shown to Tom Teacher, their "
        "principal and the district's administrators.",
        "You see applications to the opportunities you manage; the others are shown to Tom "
        "Teacher and to whoever manages each opportunity.",
    ],
}
NOT_SHARED = "not shared with you"


@pytest.fixture
def world(cast, district, school):
    return d.person_world(cast, district, school)


def _viewer(cast, who):
    return cast["teacher" if who == "author" else who]


def _get(client, world, surface):
    url = f"/people/{world['person'].pk}/"
    return client.get(url, headers=PANEL) if surface == "panel" else client.get(url)


def _text(response):
    return html.unescape(response.content.decode())


def _growth(body):
    raw = body.split('data-growth-json="')[1].split('" hidden>')[0]
    return {a["name"]: a for a in json.loads(raw)["attributes"]}


@pytest.mark.parametrize("surface", ["page", "panel"])
@pytest.mark.parametrize("who", ["author", "admin", "principal", "coach"])
def test_it_shows_each_viewer_exactly_their_sections(world, cast, client_for, who, surface):
    response = _get(client_for(_viewer(cast, who)), world, surface)
    assert response.status_code == 200
    body = _text(response)
    assert ("<html" in body) is (surface == "page")
    for section, markers in SECTIONS.items():
        for marker in markers:
            shown = section in SEES[who]
            assert (marker in body) is shown, f"{who} {'misses' if shown else 'sees'} {marker!r}"
    for sentence in TOLD[who]:
        assert sentence in body, f"{who} is not told: {sentence}"
    if who != "principal":
        assert NOT_SHARED not in body


@pytest.mark.parametrize("surface", ["page", "panel"])
def test_it_shows_a_principal_no_rating_of_a_reflection_not_shared(
    world, cast, client_for, surface
):
    body = _text(_get(client_for(cast["principal"]), world, surface))
    growth = _growth(body)
    assert growth["Collaboration"]["self"] == [3, None]
    assert growth["Collaboration"]["coach"] == [None, 2]
    assert growth["Advocacy"]["labels"] == []
    assert "Self-rating 1 Emerging" not in body and "coach rating 4 Leading" not in body


@pytest.mark.parametrize("surface", ["page", "panel"])
def test_it_shows_a_principal_nothing_of_reflections_not_shared_at_all(
    world, cast, client_for, surface
):
    Reflection.objects.update(shared_with_principal=False)
    body = _text(_get(client_for(cast["principal"]), world, surface))
    for marker in [d.SHARED, d.FEEDBACK_SHARED, d.SECRET, d.FEEDBACK_SECRET, d.DRAFT]:
        assert marker not in body
    assert "2 reflections not shared with you: only Tom Teacher" in body
    assert "Ratings from 2 reflections not shared with you." in body
    assert all(not a["labels"] for a in _growth(body).values())
    # The rest of what the principal sees does not hang on sharing.
    assert d.JUDGEMENT in body and d.RATIONALE in body and d.OUTSIDE in body


@pytest.mark.parametrize("surface", ["page", "panel"])
def test_it_shows_the_admin_and_the_coach_every_rating(world, cast, client_for, surface):
    for who in ("admin", "coach"):
        growth = _growth(_text(_get(client_for(cast[who]), world, surface)))
        assert growth["Advocacy"]["self"] == [1, None]
        assert growth["Advocacy"]["coach"] == [None, 4]


@pytest.mark.parametrize("surface", ["page", "panel"])
@pytest.mark.parametrize(
    ("who", "status"), [("other_principal", 403), ("colleague", 403), ("outsider", 404)]
)
def test_it_refuses_everybody_else(world, cast, client_for, district, school, who, status, surface):
    viewer = d.colleague(district, school) if who == "colleague" else cast[who]
    response = _get(client_for(viewer), world, surface)
    assert response.status_code == status
    body = _text(response)
    for markers in SECTIONS.values():
        for marker in markers:
            assert marker not in body


def test_it_refuses_a_coach_not_assigned_to_the_person(world, cast, client_for, district, school):
    world["person"].coaches.all().delete()
    assert client_for(cast["coach"]).get(f"/people/{world['person'].pk}/").status_code == 403
