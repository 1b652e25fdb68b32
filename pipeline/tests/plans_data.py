"""Builders for the growth plan and mentoring tests (and their browser tests)."""

from datetime import timedelta

from django.utils import timezone

from leadership import school_year
from leadership.models import CoachAssignment
from opportunities.models import Opportunity, OpportunityKind
from pipeline.plans import services
from pipeline.plans.models import PlanStatus
from portrait.services import framework_for_district


def attribute(district, slug="collaboration"):
    return framework_for_district(district).attributes.get(slug=slug)


def prompt(district, slug="collaboration"):
    return attribute(district, slug).prompts.first()


def opportunity(district, title="Lead the grade 7 data team"):
    kind, _ = OpportunityKind.objects.get_or_create(district=district, name="Team")
    return Opportunity.objects.create(
        district=district,
        kind=kind,
        title=title,
        description="Run the monthly data meeting.",
        time_asked="Two hours a month",
        closes_on=timezone.localdate() + timedelta(days=20),
    )


def target_day(days=60):
    """A day inside this school year (at most its last day)."""
    first, last = school_year.bounds(school_year.current_year())
    return min(timezone.localdate() + timedelta(days=days), last)


def goal(district, slug="collaboration", text="Lead our team's meetings", **links):
    return {
        "attribute": attribute(district, slug),
        "text": text,
        "success": "Everybody speaks and decisions get made.",
        "target_on": target_day(),
        **links,
    }


def plan(author, district, *, goals=None, status=PlanStatus.DRAFT, **fields):
    """A plan of this school year with `goals` (one by default), in `status`."""
    made = services.plan_save(
        author=author,
        district=district,
        year=school_year.current_year(),
        goals=goals or [goal(district)],
        **fields,
    )
    if status != PlanStatus.DRAFT:
        made.status = status
        made.save(update_fields=["status"])
    return made


def coach_of(coach, person, district):
    return CoachAssignment.objects.create(district=district, coach=coach, person=person)
