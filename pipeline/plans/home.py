"""Growth plans and mentoring on the home page (see leadership/home.py): one's own plan's
progress, the plans waiting for one's review, one's mentors and the people one mentors."""

from django.db.models import Count, Q

from leadership import access as people
from leadership import school_year
from leadership.links import each_link
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


def _mentoring(person, pairs):
    """(the people mentoring `person`, the people `person` mentors) among `pairs`, each as the
    pk and name leadership/_person_link.html shows, in one query of values."""
    found = pairs.filter(Q(person=person) | Q(mentor=person)).values_list(
        "person_id",
        "person__full_name",
        "person__email",
        "mentor_id",
        "mentor__full_name",
        "mentor__email",
    )
    mentors, mentees = [], []
    for person_id, person_name, person_email, mentor_id, mentor_name, mentor_email in found:
        # The name as User.__str__ writes it.
        if person_id == person.pk:
            mentors.append({"pk": mentor_id, "name": mentor_name or mentor_email})
        if mentor_id == person.pk:
            mentees.append({"pk": person_id, "name": person_name or person_email})
    return mentors, mentees


def _own_plan(user, year, districts):
    """The pk, status and progress of the user's plan for `year`, or None."""
    plan = (
        with_progress(GrowthPlan.objects.filter(author=user, year=year, district_id__in=districts))
        .values("pk", "status", "goal_count", "closed_count")
        .first()
    )
    if plan is not None:
        plan["status_label"] = PlanStatus(plan["status"]).label
    return plan


def _reviews_for(user, districts):
    """The first ten plans handed in that wait for the user's review, oldest first."""
    waiting = (
        reviewing(user)
        .filter(status=PlanStatus.SUBMITTED, district_id__in=districts)
        .order_by("submitted_at")
        .values_list("pk", "author__full_name", "author__email", "submitted_at")[:10]
    )
    link = each_link("pipeline:plan_detail")
    return [
        {"url": link(pk), "author": full_name or email, "submitted_at": submitted_at}
        for pk, full_name, email, submitted_at in waiting
    ]


def section(request):
    user = request.user
    if not user.is_authenticated or not people.district_ids(user):
        return {}
    year = school_year.current_year()
    districts = people.district_ids(user)
    mentors, mentees = _mentoring(
        user, Mentorship.objects.current().filter(district_id__in=districts)
    )
    return {
        "plan_mine": _own_plan(user, year, districts),
        "plan_year_label": school_year.label(year),
        "plan_reviews": _reviews_for(user, districts),
        "my_mentors": mentors,
        "my_mentees": mentees,
    }
