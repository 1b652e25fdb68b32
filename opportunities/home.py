from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from leadership import access as people_access
from opportunities.models import Application, Follow, Opportunity
from opportunities.record import record_of

RECORD_LINES = 5
SUGGESTIONS = 3


def suggestions_for(user, limit=SUGGESTIONS):
    """Open opportunities the person may apply to and has not applied to yet (never one
    they posted or manage): those of a kind they follow first, then the ones closing
    soonest.

    The rule of `Opportunity.objects.visible_to(user).offered_to(user)`, read from the
    memberships the page has already loaded instead of three subqueries on them."""
    schools = people_access.staff_school_ids(user)
    followed = Follow.objects.filter(person=user, kinds=OuterRef("kind"))
    return (
        Opportunity.objects.filter(district_id__in=people_access.district_ids(user))
        .open_on(timezone.localdate())
        .filter(Q(school__isnull=True) | Q(school__in=schools))
        .exclude(pk__in=Application.objects.filter(applicant=user).values("opportunity"))
        .exclude(district_id__in=people_access.admin_district_ids(user))
        .exclude(school_id__in=people_access.principal_school_ids(user))
        .exclude(posted_by=user)
        .annotate(followed=Exists(followed))
        .select_related("kind")
        .order_by("-followed", "closes_on", "pk")[:limit]
    )


def section(request):
    """This app's part of the home page: the leadership record and, for those who have
    never led anything, opportunities to start with."""
    user = request.user
    if not people_access.district_ids(user):
        return {}
    entries = record_of(user, people_access.district_ids(user))
    context = {
        "leadership_record": entries[:RECORD_LINES],
        "leadership_record_more": len(entries) > RECORD_LINES,
        "opportunities_can_post": bool(people_access.admin_district_ids(user))
        or bool(people_access.principal_school_ids(user)),
        "opportunities_is_admin": bool(people_access.admin_district_ids(user)),
        "opportunities_section": True,
    }
    if not entries:
        context["opportunity_suggestions"] = list(suggestions_for(user))
    context["opportunity_drafts"] = list(
        Application.objects.filter(
            applicant=user,
            status=Application.Status.DRAFT,
            opportunity__status=Opportunity.Status.OPEN,
            opportunity__closes_on__gte=timezone.localdate(),
        )
        .select_related("opportunity")
        .order_by("opportunity__closes_on")
    )
    return context
