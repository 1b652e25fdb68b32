"""Role history from a OneRoster 1.2 roster: leadership roles with begin and end dates become
dated role terms of their school's position; an ended role is kept; importing again changes
nothing; a bad date is a bad row."""

import datetime

import pytest
from django.utils import timezone

from leadership.models import User
from pipeline.roster import read, sync
from pipeline.succession import projection
from pipeline.succession.models import Position, RoleTerm
from pipeline.tests.fixtures.oneroster import DEPARTMENTS, ORGS, oneroster_12, user
from pipeline.tests.succession_data import position

pytestmark = pytest.mark.django_db
# The former principal left two years ago: inside the five years turnover is read from.
LEFT = timezone.localdate().replace(month=6, day=30) - datetime.timedelta(days=2 * 365)

USERS = [
    user("u1", "Ada", "Lovelace", "ada@maple.test"),
    user("u2", "Ben", "Okri", "ben@maple.test"),
    user("u3", "Cy", "Former", "cy@maple.test"),
    user("u4", "Di", "Undated", "di@maple.test"),
]


def role(sid, user_sid, kind, org, begin="", end=""):
    return {
        "sourcedId": sid,
        "userSourcedId": user_sid,
        "roleType": "primary",
        "role": kind,
        "orgSourcedId": org,
        "beginDate": begin,
        "endDate": end,
    }


ROLES = [
    role("r1", "u1", "teacher", "s1", "2015-08-01"),
    role("r2", "u2", "principal", "s2", (LEFT + datetime.timedelta(days=1)).isoformat()),
    role("r3", "u3", "principal", "s2", "2012-08-01", LEFT.isoformat()),  # before him: ended
    role("r4", "u1", "administrator", "m1", "2019-08-01"),  # at a department of s1
    role("r5", "u4", "siteAdministrator", "s1"),  # no dates
    role("r6", "u2", "districtAdministrator", "d1", "2020-01-01"),  # not a position
]


def bundle(roles=ROLES):
    return read(oneroster_12(users=USERS, roles=roles, orgs=ORGS + DEPARTMENTS))


def test_a_preview_counts_the_role_history_and_writes_nothing(district):
    counts = sync(bundle(), district, write=False)
    assert counts["roles"] == {
        "created": 3,
        "updated": 0,
        "deactivated": 0,
        "unchanged": 0,
        "undated": 1,
    }
    assert not RoleTerm.objects.exists() and not Position.objects.exists()


def test_leadership_roles_become_dated_history_and_ended_ones_are_kept(district):
    sync(bundle(), district, write=True)
    birch = Position.objects.get(school__sourced_id="s2")
    assert birch.kind.key == "principal"
    terms = list(birch.terms.order_by("started_on").values_list("person__email", "ended_on"))
    assert terms == [("cy@maple.test", LEFT), ("ben@maple.test", None)]
    former = User.objects.get(email="cy@maple.test")  # kept for the history, no sign-in
    assert former.full_name == "Cy Former" and not former.has_usable_password()
    assert not former.memberships.exists()
    ap = Position.objects.get(school__sourced_id="s1")
    assert ap.kind.key == "assistant_principal"
    term = ap.terms.get()
    assert (term.person.email, term.started_on) == ("ada@maple.test", datetime.date(2019, 8, 1))
    assert term.source == RoleTerm.Source.ROSTER and term.sourced_id == "r4"
    # The ended term counts as turnover; Ben is the current holder.
    found = projection.outlook(district)
    principals = next(g for g in found["groups"] if g.kind.key == "principal")
    assert principals.held == 1 and principals.turnover.exits == 1


def test_importing_again_changes_nothing_and_new_dates_follow_the_file(district):
    sync(bundle(), district, write=True)
    again = sync(bundle(), district, write=True)
    assert again["roles"]["created"] == 0 and again["roles"]["unchanged"] == 3
    assert RoleTerm.objects.count() == 3 and Position.objects.count() == 2
    moved = [r if r["sourcedId"] != "r2" else {**r, "endDate": "2030-06-30"} for r in ROLES]
    counts = sync(bundle(moved), district, write=True)
    assert counts["roles"]["updated"] == 1
    assert RoleTerm.objects.get(sourced_id="r2").ended_on == datetime.date(2030, 6, 30)


def test_a_position_made_by_hand_is_taken_over(district, school):
    school.sourced_id = "s1"
    school.save()
    by_hand = position(district, school, key="assistant_principal")
    sync(bundle(), district, write=True)
    assert RoleTerm.objects.get(sourced_id="r4").position == by_hand


@pytest.mark.parametrize(
    "begin, end, reason",
    [
        ("last summer", "", "is not a date"),
        ("2022-08-01", "2021-06-30", "The endDate is before the beginDate."),
    ],
)
def test_a_bad_date_is_a_bad_row(district, begin, end, reason):
    roster = bundle([*ROLES, role("r9", "u3", "principal", "s1", begin, end)])
    assert any(reason in error["reason"] for error in roster.errors)
    assert all(term.sourced_id != "r9" for term in roster.terms)
