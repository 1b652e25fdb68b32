"""Workflows for opportunities: posting, applying, selecting (the leadership record's are
in services_experience.py).

Each service checks, writes, records an audit event and queues its notifications in one
transaction; a failed check raises `ValidationError` with a message for the person.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from leadership import access
from leadership.audit import audit_log
from leadership.models import User
from leadership.words import counted
from opportunities import access as opportunity_access
from opportunities import clashes, notices
from opportunities.models import DEFAULT_KINDS, Application, Opportunity, OpportunityKind


def kinds_ensure_defaults(*, district):
    """Give a district the starting list of kinds the first time it needs one."""
    if OpportunityKind.objects.filter(district=district).exists():
        return
    for order, name in enumerate(DEFAULT_KINDS):
        OpportunityKind.objects.get_or_create(
            district=district, name=name, defaults={"order": order}
        )


def manages(user, opportunity):
    """Whether the person posted the opportunity or chooses who takes it on: they are not
    offered it, and do not apply to it."""
    return opportunity.posted_by_id == user.pk or opportunity_access.can_manage(user, opportunity)


def may_apply(user, opportunity):
    """Whether the person belongs to the opportunity's audience and does not manage it."""
    if manages(user, opportunity):
        return False
    if opportunity.school_id:
        return opportunity.school_id in access.staff_school_ids(user)
    return opportunity.district_id in access.district_ids(user)


@transaction.atomic
def opportunity_post(*, actor, opportunity, attributes):
    """Save a new opportunity and tell the people who follow its kind or attributes."""
    if opportunity.closes_on < timezone.localdate():
        raise ValidationError("The closing date has already passed. Choose a later date.")
    opportunity.posted_by = actor
    opportunity.save()
    opportunity.attributes.set(attributes)
    audit_log(
        district=opportunity.district,
        actor=actor,
        action="opportunity.post",
        obj=opportunity,
        summary=f"Posted the opportunity “{opportunity.title}”",
        after={"seats": opportunity.seats, "closes_on": str(opportunity.closes_on)},
    )
    notices.new_opportunity(opportunity)
    return opportunity


@transaction.atomic
def opportunity_update(*, actor, opportunity, attributes):
    """Save changes; the seats never drop below the people already selected."""
    # Lock the row, as selecting does, so a selection cannot slip in between.
    Opportunity.objects.select_for_update().filter(pk=opportunity.pk).first()
    selected = seats_taken(opportunity)
    if opportunity.seats < selected:
        raise ValidationError(
            f"{counted(selected, 'person', 'people')} {'is' if selected == 1 else 'are'} "
            "already selected; the seats cannot be fewer than that."
        )
    opportunity.save()
    opportunity.attributes.set(attributes)
    audit_log(
        district=opportunity.district,
        actor=actor,
        action="opportunity.edit",
        obj=opportunity,
        summary=f"Edited the opportunity “{opportunity.title}”",
    )
    return opportunity


@transaction.atomic
def application_save(*, applicant, opportunity, note, submit):
    """Start, change or send an application. Sending twice, late or from outside fails."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if manages(applicant, opportunity):
        raise ValidationError(
            "You manage this opportunity: you choose who takes it on, so you do not apply."
        )
    if not may_apply(applicant, opportunity):
        raise ValidationError(
            f"This opportunity is open to the staff of {opportunity.school} only."
        )
    if not opportunity.is_open():
        raise ValidationError("Applications for this opportunity have closed.")
    application, _ = Application.objects.get_or_create(opportunity=opportunity, applicant=applicant)
    if application.status == Application.Status.WITHDRAWN:
        raise ValidationError("You withdrew your application; it cannot be sent again.")
    if application.status != Application.Status.DRAFT:
        raise ValidationError("You have already sent your application for this opportunity.")
    note = note.strip()
    if submit and not note:
        raise ValidationError("Add a short note saying why you would like to take this on.")
    application.note = note
    fields = ["note"]
    if submit:
        application.status = Application.Status.SUBMITTED
        application.submitted_at = timezone.now()
        fields += ["status", "submitted_at"]
        audit_log(
            district=opportunity.district,
            actor=applicant,
            action="application.submit",
            obj=application,
            summary=f"{applicant} applied for “{opportunity.title}”",
        )
    application.save(update_fields=fields)
    return application


@transaction.atomic
def application_withdraw(*, applicant, application):
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.applicant_id != applicant.pk:
        raise ValidationError("This is not your application.")
    if application.status not in (Application.Status.DRAFT, Application.Status.SUBMITTED):
        raise ValidationError("A decision has been made on this application already.")
    application.status = Application.Status.WITHDRAWN
    application.submitted_at = application.submitted_at or timezone.now()
    application.save(update_fields=["status", "submitted_at"])
    audit_log(
        district=application.opportunity.district,
        actor=applicant,
        action="application.withdraw",
        obj=application,
        summary=f"{applicant} withdrew from “{application.opportunity.title}”",
    )
    return application


def seats_taken(opportunity):
    """Seats held: people selected, and people chosen but not told yet."""
    return opportunity.applications.filter(
        Q(status=Application.Status.SELECTED)
        | Q(status=Application.Status.SUBMITTED, chosen_at__isnull=False)
    ).count()


def select_check(opportunity, applications):
    """Refuse choosing `applications` when the selection is over, seats run out, or one of
    them is already chosen for another opportunity at the same time (opportunities.clashes:
    the applicant list gives the same reasons)."""
    if opportunity.status != Opportunity.Status.OPEN:
        raise ValidationError("The selection for this opportunity is finished or called off.")
    taken, count = seats_taken(opportunity), len(applications)
    if taken >= opportunity.seats:
        raise ValidationError(
            f"Nobody can be chosen: {clashes.seats_full(opportunity)}. Nobody was selected."
        )
    if taken + count > opportunity.seats:
        raise ValidationError(
            f"This opportunity has {counted(opportunity.seats, 'seat')} and "
            f"{opportunity.seats - taken} left; you chose {counted(count, 'person', 'people')}. "
            "Nobody was selected."
        )
    found = clashes.clashes(opportunity, [a.applicant_id for a in applications])
    if found:
        raise ValidationError(
            " ".join(
                f"{a.applicant} cannot be chosen: {found[a.applicant_id]}."
                for a in applications
                if a.applicant_id in found
            )
            + " Nobody was selected."
        )


@transaction.atomic
def opportunity_select(*, actor, opportunity, application_ids):
    """Choose people for the opportunity; never more than its seats. Nobody is told yet:
    they are told when the selection is announced, and until then a choice can be undone."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    chosen = list(
        opportunity.applications.select_for_update()
        .filter(pk__in=application_ids, status=Application.Status.SUBMITTED, chosen_at=None)
        .select_related("applicant")
    )
    if not chosen or len(chosen) != len(set(application_ids)):
        raise ValidationError("Choose one or more people whose applications are waiting.")
    # Two opportunities choosing the same person at once: one waits for the other's choice.
    people = sorted(a.applicant_id for a in chosen)
    list(User.objects.select_for_update().filter(pk__in=people).values_list("pk", flat=True))
    select_check(opportunity, chosen)
    now = timezone.now()
    for application in chosen:
        _choose(application, now, actor=actor, opportunity=opportunity)
    return chosen


def _choose(application, when, *, actor, opportunity):
    """Mark the application chosen at `when`, or no longer chosen (None), with the audit."""
    application.chosen_at = when
    application.save(update_fields=["chosen_at"])
    person, title = application.applicant, opportunity.title
    audit_log(
        district=opportunity.district,
        actor=actor,
        action="application.choose" if when else "application.unchoose",
        obj=application,
        summary=f"Chose {person} for “{title}” (not told yet)"
        if when
        else f"Took back the choice of {person} for “{title}”",
    )


@transaction.atomic
def opportunity_unselect(*, actor, opportunity, application_id):
    """Undo a choice that has not been announced; nobody was told, so nobody is told."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    application = (
        opportunity.applications.chosen()
        .select_for_update()
        .filter(pk=application_id)
        .select_related("applicant")
        .first()
    )
    if opportunity.status != Opportunity.Status.OPEN or application is None:
        raise ValidationError(
            "Only a choice that has not been announced yet can be undone. Nothing changed."
        )
    _choose(application, None, actor=actor, opportunity=opportunity)
    return application


def selection_announcement(opportunity, *, lock=False):
    """Who finishing the selection tells what: (chosen, others), applications whose people
    are told they were selected, and that it was not them this time."""
    sent = opportunity.applications.filter(status=Application.Status.SUBMITTED).select_related(
        "applicant"
    )
    if lock:
        sent = sent.select_for_update()
    chosen = [a for a in sent if a.chosen_at]
    return chosen, [a for a in sent if not a.chosen_at]


def finish_check(opportunity):
    """Refuse finishing a selection that is over, or that has nobody in it."""
    if opportunity.status != Opportunity.Status.OPEN:
        raise ValidationError("The selection for this opportunity is already finished.")
    if not opportunity.applications.filter(
        Q(status=Application.Status.SELECTED)
        | Q(status=Application.Status.SUBMITTED, chosen_at__isnull=False)
    ).exists():
        raise ValidationError("Select at least one person before finishing the selection.")


@transaction.atomic
def opportunity_finish_selection(*, actor, opportunity):
    """Announce the selection: the people chosen are told they were selected, everybody
    else still waiting is told, kindly, that it was not them. Returns (chosen, others)."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    finish_check(opportunity)
    chosen, others = selection_announcement(opportunity, lock=True)
    now = timezone.now()
    told = [(a, Application.Status.SELECTED) for a in chosen]
    for application, status in told + [(a, Application.Status.NOT_SELECTED) for a in others]:
        application.status = status
        application.decided_at = now
        application.decided_by = actor
        application.save(update_fields=["status", "decided_at", "decided_by"])
    opportunity.status = Opportunity.Status.FILLED
    opportunity.save(update_fields=["status", "updated_at"])
    audit_log(
        district=opportunity.district,
        actor=actor,
        action="opportunity.finish_selection",
        obj=opportunity,
        summary=f"Finished the selection for “{opportunity.title}”",
        after={"selected": len(chosen), "not_selected": len(others)},
    )
    notices.selected(opportunity, chosen)
    notices.not_selected(opportunity, others)
    return chosen, others


def cancel_check(opportunity):
    """Refuse calling off an opportunity that is over or has people told they were selected."""
    if opportunity.status != Opportunity.Status.OPEN:
        raise ValidationError("Only an opportunity that is still open can be cancelled.")
    if opportunity.applications.filter(status=Application.Status.SELECTED).exists():
        raise ValidationError(
            "Some people are already selected. Talk with them before calling it off."
        )


def cancel_told(opportunity):
    """The people calling an opportunity off tells: everybody who sent or started an
    application that is still waiting."""
    return [
        a.applicant
        for a in opportunity.applications.filter(
            status__in=[Application.Status.SUBMITTED, Application.Status.DRAFT]
        ).select_related("applicant")
    ]


@transaction.atomic
def opportunity_cancel(*, actor, opportunity):
    """Call an open opportunity off; everybody who applied is told."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    cancel_check(opportunity)
    opportunity.status = Opportunity.Status.CANCELLED
    opportunity.save(update_fields=["status", "updated_at"])
    audit_log(
        district=opportunity.district,
        actor=actor,
        action="opportunity.cancel",
        obj=opportunity,
        summary=f"Cancelled the opportunity “{opportunity.title}”",
    )
    notices.cancelled(opportunity, cancel_told(opportunity))
    return opportunity
