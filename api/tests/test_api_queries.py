"""A page of any collection costs the same number of queries with few rows or many: one
for the token (with its district and admin), one for the admin's memberships, the page,
its prefetches, the request log and the token's last use; succession reads add their
audit event. Each budget is the count measured when written, plus at most 2."""

import datetime
from itertools import count

import pytest
from django.utils import timezone

from api.tests.world import district_world
from conftest import make_person
from leadership.models import Role, School
from leadership.tests.helpers import assert_flat_query_count
from opportunities.models import Application, ExperienceEntry, Opportunity
from pipeline.models import CandidateChange
from pipeline.succession.models import SlateReadiness
from pipeline.tests import succession_data
from pipeline.tests.pipeline_data import candidate
from programs.models import Attendance, Cohort, Enrollment, Nomination, NominationEvidence, Session

BUDGETS = {
    "schools": 7,
    "people": 8,
    "memberships": 7,
    "candidates": 7,
    "candidate-changes": 7,
    "programs": 8,
    "cohorts": 7,
    "enrollments": 7,
    "attendance": 7,
    "nominations": 9,
    "opportunities": 8,
    "applications": 7,
    "experience": 7,
    "position-kinds": 8,
    "positions": 8,
    "role-terms": 8,
    "slates": 9,
}
serial = count()


def cast_admin(district):
    return district.membership_set.get(role=Role.DISTRICT_ADMIN).user


def more(world, district, school, rows=4):
    """`rows` more of everything the collections list, in the cast's district."""
    ours = world
    today = timezone.localdate()
    for _ in range(rows):
        n = next(serial)
        School.objects.create(district=district, name=f"School {n}")
        person = candidate(district, school, f"Grown Person {n}")
        CandidateChange.objects.create(
            candidate=person, field="stage", new_value="nominated", changed_by=None
        )
        cohort = Cohort.objects.create(
            program=ours["program"],
            name=f"Cohort {n}",
            starts_on=today,
            ends_on=today + datetime.timedelta(days=9),
        )
        enrollment = Enrollment.objects.create(cohort=cohort, person=person.user)
        starts = timezone.now()
        session = Session.objects.create(
            cohort=cohort, title="S", starts_at=starts, ends_at=starts + datetime.timedelta(hours=1)
        )
        Attendance.objects.create(session=session, enrollment=enrollment, status="present")
        nomination = Nomination.objects.create(
            district=district,
            program=ours["program"],
            window=ours["window"],
            nominee=person.user,
            school=school,
            nominated_by=cast_admin(district),
            rationale="Why.",
        )
        nomination.attributes.set(ours["attributes"])
        NominationEvidence.objects.create(
            nomination=nomination, attribute=ours["attributes"][0], seen="Seen."
        )
        opportunity = Opportunity.objects.create(
            district=district,
            kind=ours["kind"],
            title=f"Opportunity {n}",
            description="Lead.",
            time_asked="1h",
            closes_on=today,
        )
        opportunity.attributes.set(ours["attributes"])
        Application.objects.create(
            opportunity=opportunity,
            applicant=person.user,
            status="submitted",
            submitted_at=timezone.now(),
        )
        ExperienceEntry.objects.create(
            district=district, person=person.user, title="T", started_on=today, source="outside"
        )
        position = succession_data.position(district, school, key="dean")
        succession_data.holder(position, f"Holder {n}")
        succession_data.slate(position, (person, SlateReadiness.READY_NOW))
        make_person(f"grown{n}@maple.test", f"Grown {n}", district, Role.COACH, school)


@pytest.mark.parametrize("name", sorted(BUDGETS))
def test_it_reads_a_page_in_the_same_queries_at_any_size(name, cast, district, school, api_for):
    """Two sizes (the world, then four more of everything): equal counts, within budget."""
    world = district_world(cast, district, school)
    api = api_for()
    assert_flat_query_count(
        api,
        f"/api/v1/{name}/?page_size=500",
        lambda: more(world, district, school),
        budget=BUDGETS[name],
    )
