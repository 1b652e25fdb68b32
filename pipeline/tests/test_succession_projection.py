"""The openings ahead: known ones from what is recorded, expected ones from the district's own
turnover, with the arithmetic said in words."""

import pytest

from pipeline.succession import projection
from pipeline.succession.models import RoleTerm
from pipeline.tests.succession_data import days, holder, position, ready_candidate, slate

pytestmark = pytest.mark.django_db
YEAR = 365


def principals(outlook):
    return next(g for g in outlook["groups"] if g.kind.key == "principal")


def test_it_counts_each_known_opening_once_in_its_year(district, school, other_school):
    first = position(district, school)
    holder(first, "Ann Leaving", departure_on=days(100), retirement_eligible_on=days(500))
    second = position(district, other_school)
    holder(second, "Ben Retiring", retirement_eligible_on=days(YEAR + 30))
    third = position(district, key="principal", title="Principal, night school")
    holder(third, "Cy Interim", is_interim=True)
    position(district, title="Principal, summer school")  # vacant
    found = projection.outlook(district)
    group = principals(found)
    assert group.positions == 4
    assert (group.held, group.interim, group.vacant) == (2, 1, 1)
    # Ann's departure (not her later retirement), the interim and the vacancy in year one.
    assert group.known == [3, 1, 0]
    reasons = {o.holder or o.label: (o.reason, o.year) for o in found["known"]}
    assert reasons == {
        "Ann Leaving": ("announced departure", 1),
        "Ben Retiring": ("eligible to retire", 2),
        "Cy Interim": ("interim holder, no end date", 1),
        "Principal, summer school": ("vacant", 1),
    }


def test_it_projects_from_the_districts_own_turnover_and_says_how(district, school, other_school):
    first = position(district, school)
    second = position(district, other_school)
    # Two terms ended in the last five years; person-years: 2 + 3 + (the current holders).
    holder(first, "Old One", started_days_ago=3 * YEAR, ended_on=days(-YEAR))
    holder(second, "Old Two", started_days_ago=5 * YEAR, ended_on=days(-2 * YEAR))
    holder(first, "New One", started_days_ago=YEAR)
    holder(second, "New Two", started_days_ago=2 * YEAR, departure_on=days(30))
    # Interim terms and other districts' history are left out.
    holder(position(district, title="Interim post"), "Temp", is_interim=True, started_days_ago=YEAR)
    group = principals(projection.outlook(district))
    assert group.turnover.exits == 2
    assert group.turnover.person_years == pytest.approx(8.0, abs=0.02)
    rate = group.turnover.rate
    assert rate == pytest.approx(0.25, abs=0.01)
    # Year one: New Two is leaving (known), so only New One is expected to leave at 25%.
    assert group.base == [1, 2, 2]
    assert group.expected == [round(rate, 1), round(2 * rate, 1), round(2 * rate, 1)]
    words = group.explain()
    assert words[0].startswith("In the last 5 years 2 principal terms ended, out of 8.0 person")
    assert "2 ÷ 8.0 = 25.0% leave a year" in words[0]
    assert (
        f"In the next 12 months: 1 holder with no known opening × 25.0% = {group.expected[0]} "
        "expected." in words
    )


def test_it_expects_nothing_without_history_and_says_so(district, school):
    holder(position(district, school), "Only One", started_days_ago=0)
    group = principals(projection.outlook(district))
    assert group.expected == [0.0, 0.0, 0.0]
    assert "No principal role history" in group.explain()[0]


def test_a_ready_successor_marks_the_opening_covered(district, school, other_school):
    first = position(district, school)
    holder(first, "Ann Leaving", departure_on=days(100))
    second = position(district, other_school)
    holder(second, "Ben Leaving", departure_on=days(50))
    slate(first, (ready_candidate(district, school, "Rea Dy"), "ready_now"))
    slate(second, (ready_candidate(district, school, "La Ter"), "ready_later"))
    found = projection.outlook(district)
    assert {o.holder: o.ready for o in found["known"]} == {
        "Ann Leaving": True,
        "Ben Leaving": False,
    }
    assert principals(found).no_ready == 1


def test_a_supervisor_sees_their_schools_with_the_districts_rate(district, school, other_school):
    mine, theirs = position(district, school), position(district, other_school)
    holder(theirs, "Gone", started_days_ago=4 * YEAR, ended_on=days(-YEAR))
    holder(theirs, "Now", started_days_ago=YEAR)
    holder(mine, "Mine", started_days_ago=5 * YEAR, departure_on=days(10))
    scoped = principals(projection.outlook(district, school_ids={school.pk}))
    whole = principals(projection.outlook(district))
    assert scoped.positions == 1 and scoped.known == [1, 0, 0]
    assert scoped.turnover == whole.turnover


def test_an_ended_role_is_kept_and_the_position_is_vacant(district, school):
    post = position(district, school)
    term = holder(post, "Left", ended_on=days(-3), end_reason=RoleTerm.EndReason.LEFT)
    group = principals(projection.outlook(district))
    assert group.vacant == 1 and group.known[0] == 1
    assert RoleTerm.objects.filter(pk=term.pk).exists()
