from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from leadership import access as people_access
from leadership.links import each_link
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
        .order_by("-followed", "closes_on", "pk")[:limit]
    )


def _suggested(user):
    """The suggestions as the home lists them: rows of values, not an Opportunity and its
    kind built per line."""
    link = each_link("opportunities:opportunity_detail")
    rows = suggestions_for(user).values_list("pk", "title", "kind__name", "time_asked", "closes_on")
    return [
        {
            "url": link(pk),
            "title": title,
            "kind": kind,
            "time_asked": time_asked,
            "closes_on": closes,
        }
        for pk, title, kind, time_asked, closes in rows
    ]


def _drafts_of(user):
    """The applications the person started and has not sent, to opportunities still open,
    soonest closing first (rows of values)."""
    link = each_link("opportunities:opportunity_detail")
    rows = (
        Application.objects.filter(
            applicant=user,
            status=Application.Status.DRAFT,
            opportunity__status=Opportunity.Status.OPEN,
            opportunity__closes_on__gte=timezone.localdate(),
        )
        .order_by("opportunity__closes_on")
        .values_list("opportunity_id", "opportunity__title", "opportunity__closes_on")
    )
    return [{"url": link(pk), "title": title, "closes_on": closes} for pk, title, closes in rows]


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
        context["opportunity_suggestions"] = _suggested(user)
    context["opportunity_drafts"] = _drafts_of(user)
    return context
