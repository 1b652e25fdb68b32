"""URL-permission rows for growth plans and mentoring (issue 19); see
leadership/tests/permission_table.py.

The teacher's plan is handed in, not shared with her principal, and the coach is her coach:
it is read by her, her coach and the district's admins (404 for the others). Mentor
suggestions and matching are for district admins and the facilitator of the person's cohort
(the coach here, who also offers to mentor); the other district's admin gets 404."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from leadership.tests.permission_table import Row
from pipeline.mentoring.models import MentorOffer
from pipeline.plans.models import PlanStatus
from pipeline.tests import plans_data
from programs.models import Cohort, Enrollment, Program


def objects(cast):
    teacher = cast["teacher"]
    district = teacher.memberships.get().district
    plans_data.coach_of(cast["coach"], teacher, district)
    plan = plans_data.plan(teacher, district, status=PlanStatus.SUBMITTED)
    program = Program.objects.create(district=district, name="Mentored leaders")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        program=program,
        name="First",
        starts_on=today,
        ends_on=today + timedelta(days=90),
        facilitator=cast["coach"],
    )
    Enrollment.objects.create(cohort=cohort, person=teacher)
    # A willing mentor, so the suggestions page renders its "Pair with" forms.
    MentorOffer.objects.create(district=district, person=cast["coach"], capacity=2)
    return {"plan": plan, "goal": plan.goals.get(), "teacher": teacher, "cohort": cohort}


def _url(name, key=None):
    return lambda o: reverse(name, args=[o[key].pk] if key else [])


def post_only(name, key=None):
    return Row(_url(name, key), default=405)


ROWS = {
    "pipeline:plan_home": Row(_url("pipeline:plan_home")),
    "pipeline:plan_edit": Row(_url("pipeline:plan_edit")),
    # The plan form's pickers: everybody writes their own plan, and is answered with their
    # own district's opportunities and sessions.
    "pipeline:plan_opportunity_search": Row(
        lambda o: reverse("pipeline:plan_opportunity_search") + "?goal1_opportunity=lead"
    ),
    "pipeline:plan_session_search": Row(
        lambda o: reverse("pipeline:plan_session_search") + "?goal2_session=session"
    ),
    "pipeline:plan_detail": Row(
        _url("pipeline:plan_detail", "plan"),
        default=404,
        expect={"admin": 200, "teacher": 200, "coach": 200},
    ),
    "pipeline:plan_submit": post_only("pipeline:plan_submit", "plan"),
    "pipeline:plan_review": post_only("pipeline:plan_review", "plan"),
    "pipeline:plan_comment": post_only("pipeline:plan_comment", "plan"),
    "pipeline:goal_check_in": post_only("pipeline:goal_check_in", "goal"),
    "pipeline:goal_close": post_only("pipeline:goal_close", "goal"),
    "pipeline:mentoring": Row(_url("pipeline:mentoring")),
    "pipeline:mentor_offer": post_only("pipeline:mentor_offer"),
    "pipeline:mentor_suggest": Row(
        _url("pipeline:mentor_suggest", "teacher"),
        default=403,
        expect={"admin": 200, "coach": 200, "outsider": 404},
    ),
    "pipeline:mentor_pair": post_only("pipeline:mentor_pair", "teacher"),
    "pipeline:cohort_match": Row(
        _url("pipeline:cohort_match", "cohort"),
        default=403,
        expect={"admin": 200, "coach": 200, "outsider": 404},
    ),
}
