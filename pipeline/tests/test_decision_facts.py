"""The facts beside a decision (/people/<id>/facts/, /people/facts/?people=…): latest
ratings, experience, open nominations and the last feedback's day, as the decider may see
them; and the decide forms that load them (nomination decide page, bulk decisions,
opportunity selection)."""

import html

import pytest

from conftest import make_person
from leadership.models import Role
from leadership.tests.helpers import assert_flat_query_count, assert_within_budget, count_queries
from opportunities.models import Opportunity
from pipeline.tests import profile_data as d
from portrait.models import Reflection

PANEL = {"HX-Request": "true"}
BOTH_RATINGS = [
    "Collaboration: self 3 Practicing, coach 2 Developing",
    "Advocacy: self 1 Emerging, coach 4 Leading",
]
SHARED_RATING, SECRET_RATING = BOTH_RATINGS
RECORD = "1 line on the record"
NOMINATIONS = "1: Teacher Leader Fellowship (accepted by the nominee)"


@pytest.fixture
def world(cast, district, school):
    return d.person_world(cast, district, school)


def _facts(client, world, *, many=False):
    pk = world["person"].pk
    url = f"/people/facts/?people={pk}" if many else f"/people/{pk}/facts/"
    response = client.get(url, headers=PANEL)
    return response.status_code, html.unescape(response.content.decode())


EXPECTED = {
    "author": ([*BOTH_RATINGS, RECORD, NOMINATIONS], ["not shared with you"]),
    "admin": ([*BOTH_RATINGS, RECORD, NOMINATIONS], ["not shared with you"]),
    "principal": (
        [SHARED_RATING, "Ratings from 1 reflection not shared with you.", RECORD, NOMINATIONS],
        [SECRET_RATING, "Advocacy:"],
    ),
    "coach": (
        [
            *BOTH_RATINGS,
            "The record is shown to the person, their principal and the district's "
            "administrators, not to you.",
            "Nominations are shown to the person, their principal and the district's "
            "administrators, not to you.",
        ],
        [RECORD, "Teacher Leader Fellowship"],
    ),
}


@pytest.mark.parametrize("many", [False, True])
@pytest.mark.parametrize("who", ["author", "admin", "principal", "coach"])
def test_it_shows_each_viewer_the_facts_they_may_see(world, cast, client_for, who, many):
    status, body = _facts(client_for(cast["teacher" if who == "author" else who]), world, many=many)
    assert status == 200
    present, absent = EXPECTED[who]
    for text in present:
        assert text in body, f"{who} misses {text!r}"
    for text in absent:
        assert text not in body, f"{who} sees {text!r}"
    assert "Last feedback" in body
    for secret in (d.SECRET, d.SHARED, d.FEEDBACK_SECRET, d.FEEDBACK_SHARED, d.JUDGEMENT):
        assert secret not in body  # facts never carry anybody's words


@pytest.mark.parametrize("many", [False, True])
def test_it_shows_a_principal_no_rating_when_nothing_is_shared(world, cast, client_for, many):
    Reflection.objects.update(shared_with_principal=False)
    _, body = _facts(client_for(cast["principal"]), world, many=many)
    assert "No ratings you may see yet." in body
    assert "Ratings from 2 reflections not shared with you." in body
    assert "Collaboration:" not in body and "Advocacy:" not in body


@pytest.mark.parametrize(
    ("who", "status"), [("other_principal", 403), ("colleague", 403), ("outsider", 404)]
)
def test_it_refuses_everybody_else_one_person(
    world, cast, client_for, district, school, who, status
):
    viewer = d.colleague(district, school) if who == "colleague" else cast[who]
    got, body = _facts(client_for(viewer), world)
    assert got == status
    assert "Collaboration" not in body


@pytest.mark.parametrize("who", ["other_principal", "colleague", "outsider"])
def test_it_leaves_out_of_many_those_not_shown(world, cast, client_for, district, school, who):
    viewer = d.colleague(district, school) if who == "colleague" else cast[who]
    status, body = _facts(client_for(viewer), world, many=True)
    assert status == 200
    assert "1 of the people asked about is not shown to you." in body
    assert "Tom Teacher" not in body and "Collaboration" not in body


def test_it_gives_a_plain_request_a_page(world, cast, client_for):
    response = client_for(cast["admin"]).get(f"/people/{world['person'].pk}/facts/")
    body = html.unescape(response.content.decode())
    assert "<h1" in body and SHARED_RATING in body


def test_it_ignores_ids_that_are_not_numbers(world, cast, client_for):
    response = client_for(cast["admin"]).get("/people/facts/?people=x&people=-1&people=")
    assert response.status_code == 200
    assert "Nobody to show yet." in response.content.decode()


def test_it_makes_a_fixed_number_of_queries_for_many_people(
    world, cast, client_for, district, school
):
    """Ratings, records and nominations of every person asked about come in one go."""
    client = client_for(cast["admin"])
    ids = [world["person"].pk]
    small, _ = count_queries(client, f"/people/facts/?people={ids[0]}")
    for i in range(5):
        other = make_person(f"p{i}@maple.test", f"Person {i}", district, Role.TEACHER, school)
        d.reflect(other, world["prompts"][0], "x", rating=2, shared=True, days_ago=3)
        ids.append(other.pk)
    many = "&".join(f"people={pk}" for pk in ids)
    large, response = count_queries(client, f"/people/facts/?{many}")
    assert large == small, f"{small} queries for one person, {large} for six"
    assert response.content.decode().count('class="decision-facts ') == 6
    assert_within_budget("facts for six people", large, 19)


def test_it_stays_within_its_budget_for_one_person(world, cast, client_for):
    assert_flat_query_count(
        client_for(cast["principal"]),
        f"/people/{world['person'].pk}/facts/",
        lambda: d.reflect(
            world["person"], world["prompts"][0], "y", rating=4, shared=True, days_ago=1
        ),
        budget=21,
    )


# --- The decide forms that show them -------------------------------------------------------


def test_it_stands_beside_the_nomination_decision(world, cast, client_for):
    page = html.unescape(
        client_for(cast["admin"]).get(f"/nominations/{world['nomination'].pk}/").content.decode()
    )
    decide = page.split('id="decide-heading"')[1].split("</form>")[0]
    assert f'hx-get="/people/{world["person"].pk}/facts/" hx-trigger="load"' in decide
    assert "Tom Teacher's growth, record and nominations</a> before you decide." in decide
    assert decide.index("hx-get") < decide.index("Record the decision")


def test_it_stands_beside_bulk_decisions(world, cast, client_for):
    page = client_for(cast["admin"]).post(
        "/nominations/decide/",
        {"nominations": [world["nomination"].pk], "decision": "waitlisted", "note": ""},
    )
    body = page.content.decode()
    assert f'hx-get="/people/facts/?people={world["person"].pk}" hx-trigger="load"' in body
    assert body.index("hx-get") < body.index('name="confirmed"')


def test_it_stands_beside_the_opportunity_selection(world, cast, client_for):
    opportunity = Opportunity.objects.get(title=d.SCHOOL_OPPORTUNITY)
    body = (
        client_for(cast["principal"])
        .get(f"/opportunities/{opportunity.pk}/applications/")
        .content.decode()
    )
    assert f'hx-get="/people/facts/?people={world["person"].pk}" hx-trigger="load"' in body
    assert body.index("hx-get") < body.index("Select the ticked people")
