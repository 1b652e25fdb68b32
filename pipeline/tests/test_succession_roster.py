"""Role history from a OneRoster 1.2 roster: leadership roles with begin and end dates become
dated role terms of their school's position (a district administrator's, of the district
office's); an ended role is kept; importing again changes nothing; a full sync ends the roles
the file no longer lists, never deletes them; a bad date is a bad row."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from leadership.models import Level, Role, User
from pipeline.roster import read, sync
from pipeline.succession import projection
from pipeline.succession.models import Position, RoleTerm
from pipeline.tests.fixtures.oneroster import (
    DEPARTMENTS,
    ORGS,
    oneroster_11,
    oneroster_12,
    user,
)
from pipeline.tests.succession_data import days, holder, position

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
    role("r6", "u2", "districtAdministrator", "d1", "2020-01-01"),  # the district office
]


def bundle(roles=ROLES):
    return read(oneroster_12(users=USERS, roles=roles, orgs=ORGS + DEPARTMENTS))


def test_a_preview_counts_the_role_history_and_writes_nothing(district):
    counts = sync(bundle(), district, write=False)
    assert counts["roles"] == {
        "created": 4,
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
    assert again["roles"]["created"] == 0 and again["roles"]["unchanged"] == 4
    assert RoleTerm.objects.count() == 4 and Position.objects.count() == 3
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


# --- district-level roles -------------------------------------------------------------------


def test_a_district_administrator_holds_a_district_office_position(district):
    roles = [*ROLES, role("r7", "u3", "administrator", "c1", "2018-07-01", "2021-06-30")]
    sync(bundle(roles), district, write=True)
    office = Position.objects.get(school__isnull=True)
    assert office.kind.key == "district_director" and office.level == Level.DISTRICT
    assert str(office) == "District director, District office"
    # Ben is a district admin (his membership) and holds the office's position (his role);
    # Cy held it before, at a department of the district: one position, two terms.
    held = office.terms.order_by("started_on").values_list("person__email", "ended_on")
    assert list(held) == [("cy@maple.test", datetime.date(2021, 6, 30)), ("ben@maple.test", None)]
    ben = User.objects.get(email="ben@maple.test")
    assert ben.memberships.filter(role=Role.DISTRICT_ADMIN, school__isnull=True).exists()
    # The school's principal, the school's AP and the office: one position each.
    assert Position.objects.count() == 3


def test_a_district_office_position_made_by_hand_is_taken_over(district):
    by_hand = position(district, key="district_director")
    sync(bundle(), district, write=True)
    assert RoleTerm.objects.get(sourced_id="r6").position == by_hand


# --- a full sync ends the roles the file no longer lists -----------------------------------


def without(*sids, roles=ROLES):
    return [r for r in roles if r["sourcedId"] not in sids]


def test_a_full_sync_ends_a_role_the_file_no_longer_lists_and_keeps_it(district, school):
    sync(bundle(), district, write=True)
    by_hand = holder(position(district, school, key="dean"), "Dee Hand")
    preview = sync(bundle(without("r2", "r6")), district, write=False, full=True)
    assert preview["roles"]["deactivated"] == 2
    assert not RoleTerm.objects.filter(ended_on=days(-1)).exists()  # a preview writes nothing

    counts = sync(bundle(without("r2", "r6")), district, write=True, full=True)
    assert counts["roles"]["deactivated"] == 2
    for sid in ("r2", "r6"):
        term = RoleTerm.objects.get(sourced_id=sid)  # never deleted
        assert term.ended_on == days(-1)  # the day before the import: his last day
        assert term.end_reason == RoleTerm.EndReason.ROSTER
    assert RoleTerm.objects.get(sourced_id="r3").ended_on == LEFT  # ended already, as it was
    assert RoleTerm.objects.get(sourced_id="r4").ended_on is None  # still listed
    by_hand.refresh_from_db()
    assert by_hand.ended_on is None  # entered by hand: not the roster's to end
    # The position is vacant now, and its ended terms count as turnover.
    birch = Position.objects.get(school__sourced_id="s2")
    assert not birch.terms.filter(projection.current_terms(days(0))).exists()
    # Importing the same file again ends nothing more.
    again = sync(bundle(without("r2", "r6")), district, write=True, full=True)
    assert again["roles"]["deactivated"] == 0


def test_an_import_that_is_not_a_full_sync_leaves_missing_roles_alone(district):
    sync(bundle(), district, write=True)
    counts = sync(bundle(without("r2")), district, write=True)
    assert counts["roles"]["deactivated"] == 0
    assert RoleTerm.objects.get(sourced_id="r2").ended_on is None


def test_a_full_sync_ends_a_later_role_on_its_start_day_and_one_ending_later_now(district):
    start = days(30).isoformat()
    roles = [
        *ROLES,
        role("r8", "u3", "principal", "s1", start),
        role("r9", "u4", "administrator", "s1", "2020-08-01", "2030-06-30"),
    ]
    sync(bundle(roles), district, write=True)
    sync(bundle(without("r8", "r9", roles=roles)), district, write=True, full=True)
    assert RoleTerm.objects.get(sourced_id="r8").ended_on == days(30)
    assert RoleTerm.objects.get(sourced_id="r9").ended_on == days(-1)


def test_a_full_sync_never_ends_a_role_listed_on_a_bad_row(district):
    sync(bundle(), district, write=True)
    bad = [r if r["sourcedId"] != "r2" else {**r, "beginDate": "last summer"} for r in ROLES]
    counts = sync(bundle(bad), district, write=True, full=True)
    assert counts["roles"]["deactivated"] == 0
    assert RoleTerm.objects.get(sourced_id="r2").ended_on is None


def test_a_full_sync_of_a_file_without_roles_ends_no_role(district):
    sync(bundle(), district, write=True)
    before = set(RoleTerm.objects.values_list("sourced_id", "ended_on"))
    counts = sync(read(oneroster_11()), district, write=True, full=True)
    assert counts["roles"]["deactivated"] == 0
    assert set(RoleTerm.objects.values_list("sourced_id", "ended_on")) == before


def test_the_preview_of_a_full_sync_says_how_many_roles_end(cast, client_for, district):
    sync(bundle(), district, write=True)
    content = oneroster_12(users=USERS, roles=without("r2"), orgs=ORGS + DEPARTMENTS)
    body = (
        client_for(cast["admin"])
        .post(
            "/roster/import/",
            {"file": SimpleUploadedFile("sis.zip", content), "full_sync": "on"},
            follow=True,
        )
        .content.decode()
    )
    assert "1 leadership role the file no longer lists ends on the day before the import" in body
    assert RoleTerm.objects.get(sourced_id="r2").ended_on is None  # only a preview
