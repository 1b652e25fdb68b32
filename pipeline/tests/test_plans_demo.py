"""The demo shows growth plans, mentors and credit hours, and a second run changes nothing."""

from django.core.management import call_command

from leadership.models import User
from pipeline.mentoring.models import MentorOffer
from pipeline.plans.models import GrowthPlan, PlanStatus
from programs.models import Session


def _state():
    return (
        list(GrowthPlan.objects.values_list("author__email", "status", "updated_at")),
        sorted(MentorOffer.objects.values_list("person__email", "capacity")),
        sorted(Session.objects.values_list("pk", "credit_hours")),
    )


def test_it_seeds_a_reviewed_plan_mentors_and_hours_once(db, client):
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    first = _state()
    call_command("seed_demo", stdout=open("/dev/null", "w"))

    assert _state() == first
    plan = GrowthPlan.objects.get(author__email="teacher@lakeview.test")
    assert plan.status == PlanStatus.REVIEWED and plan.goals.count() == 2
    assert MentorOffer.objects.filter(person__email="coach@lakeview.test").exists()
    assert MentorOffer.objects.count() == 3
    assert not Session.objects.filter(credit_hours=0).exists()
    client.force_login(
        User.objects.get(email="teacher@lakeview.test"),
        backend="leadership.sso.backends.PersonBackend",
    )
    assert "0 of 2 goals closed · Reviewed" in client.get("/").text
