"""Growth plans and mentoring on the home page (see leadership/home.py): one's own plan's
progress, the plans waiting for one's review, one's mentors and the people one mentors."""

from django.db.models import Count, Q

from leadership import access as people
from leadership import school_year
from leadership.models import Mentorship
from pipeline.plans.access import reviewing
from pipeline.plans.models import GrowthPlan, PlanStatus


def with_progress(plans):
    """Plans annotated with their number of goals and of goals closed."""
    return plans.annotate(
        goal_count=Count("goals", distinct=True),
        closed_count=Count("goals", filter=Q(goals__closed_at__isnull=False), distinct=True),
    )


def pairs_of(person, pairs):
    """(pairs where `person` is mentored, pairs where they mentor), in one query."""
    found = list(
        pairs.filter(Q(person=person) | Q(mentor=person)).select_related("mentor", "person")
    )
    return (
        [p for p in found if p.person_id == person.pk],
        [p for p in found if p.mentor_id == person.pk],
    )


def section(request):
    user = request.user
    if not user.is_authenticated or not people.district_ids(user):
        return {}
    year = school_year.current_year()
    districts = people.district_ids(user)
    current = Mentorship.objects.current().filter(district_id__in=districts)
    mentors, mentees = pairs_of(user, current)
    return {
        "plan_mine": with_progress(
            GrowthPlan.objects.filter(author=user, year=year, district_id__in=districts)
        ).first(),
        "plan_year_label": school_year.label(year),
        "plan_reviews": list(
            reviewing(user)
            .filter(status=PlanStatus.SUBMITTED, district_id__in=districts)
            .select_related("author")
            .order_by("submitted_at")[:10]
        ),
        "my_mentors": mentors,
        "my_mentees": mentees,
    }
