"""`seed_demo --scale large` at a tiny size factor: every count lands in the database."""

import pytest
from django.core.management import call_command

from leadership.models import District, Membership, Role, School, User
from opportunities.models import Application, Opportunity
from pipeline import scale
from pipeline.models import Candidate
from portrait.models import Reflection
from programs.models import Assignment, Cohort, Enrollment, Nomination, Session

pytestmark = pytest.mark.django_db
FACTOR = 0.002


def test_it_builds_the_large_district_at_a_tiny_factor():
    call_command("seed_demo", scale="large", size_factor=FACTOR)
    want = scale.sizes(FACTOR)
    district = District.objects.get(slug=scale.DISTRICT_SLUG)
    assert School.objects.filter(district=district).count() == want["schools"]
    assert Membership.objects.filter(district=district).count() == want["staff"]
    assert Candidate.objects.filter(district=district).count() == want["candidates"]
    assert Reflection.objects.filter(district=district).count() == want["reflections"]
    assert Nomination.objects.filter(district=district).count() == want["nominations"]
    cohorts = Cohort.objects.filter(program__district=district)
    assert cohorts.count() == want["cohorts"]
    assert Session.objects.filter(cohort__in=cohorts).count() == 4 * want["cohorts"]
    assert Assignment.objects.filter(cohort__in=cohorts).count() == 3 * want["cohorts"]
    assert Enrollment.objects.filter(cohort__in=cohorts).exists()
    assert Opportunity.objects.filter(district=district).count() == want["opportunities"]
    assert (
        Application.objects.filter(opportunity__district=district).count() == want["applications"]
    )
    # Every school has its principal.
    assert (
        Membership.objects.filter(district=district, role=Role.PRINCIPAL).count() == want["schools"]
    )


def test_it_signs_in_only_the_named_benchmark_people():
    call_command("seed_demo", scale="large", size_factor=FACTOR)
    usable = [u.email for u in User.objects.all() if u.has_usable_password()]
    assert sorted(usable) == sorted(scale.SIGN_INS.values())
    teacher = User.objects.get(email=scale.SIGN_INS["teacher"])
    assert teacher.check_password("deepbench-demo")
    assert Reflection.objects.filter(author=teacher).count() >= 12


def test_it_changes_nothing_on_a_second_run():
    call_command("seed_demo", scale="large", size_factor=FACTOR)
    before = (User.objects.count(), Reflection.objects.count(), Nomination.objects.count())
    call_command("seed_demo", scale="large", size_factor=FACTOR)
    assert (User.objects.count(), Reflection.objects.count(), Nomination.objects.count()) == before
