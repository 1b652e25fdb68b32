"""Demo content for growth plans, mentoring and credit hours (seed_demo runs it last).

Lakeview's fellowship sessions carry two credit hours each; Rosa Alvarez (the demo teacher)
has a plan for this school year with two goals, reviewed by her coach Theo Okafor; Theo and
two ready-now teachers from other schools offer to mentor. Idempotent: a second run changes
nothing."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from leadership import school_year
from leadership.models import District, User
from opportunities.models import Opportunity
from pipeline.mentoring.models import MentorOffer
from pipeline.models import Candidate, Stage
from pipeline.plans import services
from pipeline.plans.models import GrowthPlan, PlanNote, PlanStatus
from portrait.models import Attribute
from programs.models import Session

CREDIT_HOURS = Decimal(2)


def _goals(district):
    attributes = {
        a.slug: a
        for a in Attribute.objects.filter(framework__district=district, framework__is_current=True)
    }
    if not {"collaboration", "advocacy"} <= set(attributes):
        return []
    first, last = school_year.bounds(school_year.current_year())
    day = min(timezone.localdate() + timedelta(days=75), last)
    opportunity = (
        Opportunity.objects.filter(district=district).open_on(timezone.localdate()).first()
    )
    advocacy = attributes["advocacy"]
    return [
        {
            "attribute": attributes["collaboration"],
            "text": "Lead my grade team's data meetings so that every voice is heard.",
            "success": "Each teacher brings one student's work; we agree a next step each time.",
            "target_on": day,
            "opportunity": opportunity,
        },
        {
            "attribute": advocacy,
            "text": "Notice which students our interventions leave out, and say so.",
            "success": "Our intervention list changes by spring, with the reasons written down.",
            "target_on": min(day + timedelta(days=60), last),
            "prompt": advocacy.prompts.active().first(),
        },
    ]


def seed():
    district = District.objects.filter(slug="lakeview").first()
    teacher = User.objects.filter(email="teacher@lakeview.test").first()
    coach = User.objects.filter(email="coach@lakeview.test").first()
    if district is None or teacher is None or coach is None:
        return
    Session.objects.filter(cohort__program__district=district, credit_hours=0).update(
        credit_hours=CREDIT_HOURS
    )
    MentorOffer.objects.get_or_create(
        district=district, person=coach, defaults={"capacity": 3, "note": "Coaching teams."}
    )
    ready = (
        Candidate.objects.filter(district=district, stage=Stage.READY_NOW)
        .exclude(user=teacher)
        .order_by("user__email")[:2]
    )
    for candidate in ready:
        MentorOffer.objects.get_or_create(
            district=district, person=candidate.user, defaults={"capacity": 2}
        )
    year = school_year.current_year()
    goals = _goals(district)
    if not goals or GrowthPlan.objects.filter(district=district, author=teacher, year=year):
        return
    plan = services.plan_save(
        author=teacher,
        district=district,
        year=year,
        goals=goals,
        target_level="school",
        shared_with_principal=True,
    )
    # Reviewed as the demo begins, without the emails a real review sends.
    now = timezone.now()
    PlanNote.objects.create(
        plan=plan,
        author=coach,
        kind=PlanNote.Kind.REVIEW,
        text="Two strong goals. For the first, agree with your team how you will take turns.",
    )
    plan.status, plan.submitted_at = PlanStatus.REVIEWED, now - timedelta(days=3)
    plan.reviewed_at, plan.reviewed_by = now, coach
    plan.save(update_fields=["status", "submitted_at", "reviewed_at", "reviewed_by"])
