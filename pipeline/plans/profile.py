"""The growth plan and mentoring section of a person's profile (pipeline/profile.py lists it).

The plan is shown as pipeline/plans/access.py lets the viewer read it; mentoring pairs
(both ways) to whoever sees the profile. Three queries at most, whatever the number of
goals or pairs."""

from leadership import school_year
from leadership.models import Mentorship
from pipeline.plans.access import readable_plans
from pipeline.plans.home import pairs_of, with_progress
from pipeline.plans.models import GrowthPlan, PlanStatus


def plan_section(standing, say):
    """`say(sentence)` words a note for the viewer (pipeline/profile.py)."""
    year = school_year.current_year()
    plans = GrowthPlan.objects.filter(district=standing.district, author=standing.person, year=year)
    plan = with_progress(readable_plans(standing.viewer, plans)).first()
    label = school_year.label(year)
    notes = []
    if plan is None and plans.exclude(status=PlanStatus.DRAFT).exists():
        notes.append(say("{name_has} a growth plan for " + label + " not shared with {you}."))
    elif plan is None:
        notes.append(say("{name_has} no growth plan for " + label + " yet."))
    mentors, mentees = pairs_of(
        standing.person, Mentorship.objects.current().filter(district=standing.district)
    )
    return {
        "template": "pipeline/plans/_profile_plan.html",
        "plan": plan,
        "year_label": label,
        "mentors": mentors,
        "mentees": mentees,
        "may_match": standing.is_admin and not standing.is_self,
        "notes": notes,
    }
