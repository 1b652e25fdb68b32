"""Who is told what about opportunities; each message goes out once (notices.notify).

Called inside the service's transaction, so a rolled-back change sends nothing.
"""

from django.db.models import Q
from django.urls import reverse

from leadership.models import Membership
from notices.notify import notify as _notify
from opportunities.models import Application, Follow


def followers_for(opportunity):
    """People in the opportunity's audience who follow its kind or one of its attributes."""
    follows = Follow.objects.filter(district_id=opportunity.district_id).filter(
        Q(kinds=opportunity.kind_id) | Q(attributes__in=opportunity.attributes.all())
    )
    audience = Membership.objects.filter(district_id=opportunity.district_id, is_active=True)
    if opportunity.school_id:
        audience = audience.filter(school_id=opportunity.school_id)
    people = (
        Follow.objects.filter(pk__in=follows.values("pk"), person__in=audience.values("user"))
        .exclude(person_id=opportunity.posted_by_id)
        .select_related("person")
    )
    return [follow.person for follow in people]


def new_opportunity(opportunity):
    recipients = followers_for(opportunity)
    if not recipients:
        return 0
    return _notify(
        kind="opportunity.new",
        obj=opportunity,
        recipients=recipients,
        subject=f"A leadership opportunity for you: {opportunity.title}",
        template="opportunity_new",
        context={"opportunity": opportunity},
        url=reverse("opportunities:opportunity_detail", args=[opportunity.pk]),
    )


def selected(opportunity, applications):
    for application in applications:
        _notify(
            kind="opportunity.selected",
            obj=application,
            recipients=[application.applicant],
            subject=f"You have been selected: {opportunity.title}",
            template="opportunity_selected",
            context={"opportunity": opportunity, "application": application},
            url=reverse("opportunities:opportunity_detail", args=[opportunity.pk]),
        )


def not_selected(opportunity, applications):
    for application in applications:
        _notify(
            kind="opportunity.not_selected",
            obj=application,
            recipients=[application.applicant],
            subject=f"About your application: {opportunity.title}",
            template="opportunity_not_selected",
            context={"opportunity": opportunity, "application": application},
            url=reverse("opportunities:opportunity_list"),
        )


def cancelled(opportunity, people):
    if not people:
        return 0
    return _notify(
        kind="opportunity.cancelled",
        obj=opportunity,
        recipients=people,
        subject=f"Called off: {opportunity.title}",
        template="opportunity_cancelled",
        context={"opportunity": opportunity},
        url=reverse("opportunities:opportunity_list"),
    )


def draft_reminder(application):
    opportunity = application.opportunity
    return _notify(
        kind="opportunity.draft_reminder",
        obj=application,
        recipients=[application.applicant],
        subject=f"Your application is not sent yet: {opportunity.title}",
        template="opportunity_draft_reminder",
        context={"opportunity": opportunity, "application": application},
        period=str(opportunity.closes_on),
        url=reverse("opportunities:opportunity_detail", args=[opportunity.pk]),
        reminder=True,
    )


def unsent_drafts(day, until):
    """Drafts of open opportunities that close between `day` and `until` (inclusive)."""
    return (
        Application.objects.filter(
            status=Application.Status.DRAFT,
            opportunity__status="open",
            opportunity__closes_on__gte=day,
            opportunity__closes_on__lte=until,
        )
        .select_related("applicant", "opportunity")
        .order_by("pk")
    )
