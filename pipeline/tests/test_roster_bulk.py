"""Applying a large roster: a few statements per batch, whatever the number of people."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from leadership.models import Membership, School, User
from leadership.tests.helpers import assert_within_budget
from pipeline.roster import changes, read, sync
from pipeline.roster.files import SIMPLE_HEADER
from pipeline.tests.fixtures.oneroster import simple_csv


def roster_of(count, name="Person", prefix="p"):
    rows = [
        [
            f"{prefix}{i}",
            f"{prefix}{i}@bulk.test",
            f"{name} {i}",
            "teacher",
            f"s{i % 3}",
            f"School {i % 3}",
            "",
        ]
        for i in range(count)
    ]
    return read(simple_csv([dict(zip(SIMPLE_HEADER, row, strict=True)) for row in rows]))


def apply_counting(roster, district, **kwargs):
    with CaptureQueriesContext(connection) as captured:
        counts = sync(roster, district, write=True, **kwargs)
    return counts, len(captured)


def test_it_writes_in_the_same_number_of_statements_for_more_people(
    district, other_district, monkeypatch
):
    monkeypatch.setattr(changes, "BATCH", 1000)
    _, few = apply_counting(roster_of(5), district)
    _, many = apply_counting(roster_of(60, prefix="q"), other_district)
    assert many == few
    assert_within_budget("applying a roster of 60", many, 9)
    assert User.objects.filter(email__startswith="q", email__endswith="@bulk.test").count() == 60
    assert Membership.objects.filter(district=other_district, is_active=True).count() == 60
    assert School.objects.filter(district=other_district).count() == 3


def test_it_updates_only_what_changed_and_deactivates_in_one_statement(district, monkeypatch):
    monkeypatch.setattr(changes, "BATCH", 1000)
    sync(roster_of(40), district, write=True)
    renamed = roster_of(30, name="Renamed")  # ten people leave, thirty change name
    counts, queries = apply_counting(renamed, district, full=True)
    assert counts["people"] == {"created": 0, "updated": 30, "deactivated": 10, "unchanged": 0}
    assert_within_budget("renaming 30 people and deactivating 10", queries, 7)
    assert User.objects.get(email="p3@bulk.test").full_name == "Renamed 3"
    assert not Membership.objects.get(sourced_id="p35").is_active
    assert Membership.objects.filter(district=district, is_active=True).count() == 30
    again, _ = apply_counting(renamed, district, full=True)
    assert again["people"] == {"created": 0, "updated": 0, "deactivated": 0, "unchanged": 30}


def test_it_reports_progress_after_each_batch(district, monkeypatch):
    monkeypatch.setattr(changes, "BATCH", 10)
    calls = []
    roster = roster_of(25)
    sync(roster, district, write=True, progress=lambda done, total: calls.append(done))
    assert calls == [3, 13, 23, 28]
    assert roster.size == 28
    assert Membership.objects.filter(district=district).count() == 25


def test_new_people_get_the_defaults_and_no_usable_password(district):
    sync(roster_of(3), district, write=True)
    person = User.objects.get(email="p1@bulk.test")
    assert person.full_name == "Person 1"
    assert person.is_active and not person.is_staff and not person.is_superuser
    assert person.date_joined is not None
    assert not person.has_usable_password()
    membership = person.memberships.get()
    assert (membership.role, membership.level, membership.school.sourced_id) == (
        "teacher",
        "classroom",
        "s1",
    )
    assert membership.created_at is not None


def test_it_deactivates_nobody_unless_asked_for_a_full_sync(district):
    sync(roster_of(5), district, write=True)
    leaving = {}
    counts = sync(roster_of(3), district, write=True, leaving=leaving)
    assert counts["people"]["deactivated"] == 0
    assert leaving == {"people": [], "schools": []}
    assert Membership.objects.filter(district=district, is_active=True).count() == 5


def test_it_names_who_a_full_sync_deactivates(district):
    sync(roster_of(5), district, write=True)
    leaving = {}
    counts = sync(roster_of(3), district, write=False, full=True, leaving=leaving)
    assert counts["people"]["deactivated"] == 2
    assert leaving["people"] == [
        {"sourced_id": "p3", "name": "Person 3", "email": "p3@bulk.test"},
        {"sourced_id": "p4", "name": "Person 4", "email": "p4@bulk.test"},
    ]
    assert leaving["schools"] == []
