"""The nomination workflow: every move of a nomination goes through a function here.

Each function is atomic: it checks (raising `ServiceError` with a plain-language message),
writes, records history and the audit log, and queues its emails through notices.notify
in the same transaction (they are sent after it commits).

The nomination workflow (anything else is refused):

    submitted (nominated by a principal) --nominee--> accepted | nominee_declined
    awaiting_endorsement (self-nomination) --principal--> endorsed | not_endorsed
    accepted | endorsed --district--> approved | waitlisted | declined
    waitlisted --district--> approved | declined
    submitted | awaiting_endorsement | accepted | endorsed --nominator--> withdrawn

A self-nomination that the principal endorses needs no separate acceptance: the nominee
asked for it. Decisions take a row lock, so two admins deciding at once produce one
decision and the second is told what happened.
"""

import functools
import operator
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from leadership.audit import audit_log
from leadership.models import Membership, Role, User
from leadership.sql import fetch_rows, nested_sql
from leadership.words import counted
from notices.notify import notify
from programs import ics
from programs.models import (
    Cohort,
    Enrollment,
    Nomination,
    NominationEvent,
    NominationStatus,
)
from programs.services.common import ServiceError, district_admins, school_principals
from programs.services.evidence import evidence_check, evidence_write, note_check
from programs.services.nomination_words import (
    endorse_requested_subject,
    moved_subject,
    withdrawn_subject,
)
from programs.services.nominees import nominee_refusal
from programs.signals import nomination_approved

S = NominationStatus

# (from status, to status) -> who may make the move: "nominee", "principal" or "district".
TRANSITIONS = {
    (S.SUBMITTED, S.ACCEPTED): "nominee",
    (S.SUBMITTED, S.NOMINEE_DECLINED): "nominee",
    (S.AWAITING_ENDORSEMENT, S.ENDORSED): "principal",
    (S.AWAITING_ENDORSEMENT, S.NOT_ENDORSED): "principal",
    (S.ACCEPTED, S.APPROVED): "district",
    (S.ACCEPTED, S.WAITLISTED): "district",
    (S.ACCEPTED, S.DECLINED): "district",
    (S.ENDORSED, S.APPROVED): "district",
    (S.ENDORSED, S.WAITLISTED): "district",
    (S.ENDORSED, S.DECLINED): "district",
    (S.WAITLISTED, S.APPROVED): "district",
    (S.WAITLISTED, S.DECLINED): "district",
    # Whoever nominated (the person themself, for a self-nomination) may take it back
    # until the district has decided.
    (S.SUBMITTED, S.WITHDRAWN): "nominator",
    (S.AWAITING_ENDORSEMENT, S.WITHDRAWN): "nominator",
    (S.ACCEPTED, S.WITHDRAWN): "nominator",
    (S.ENDORSED, S.WITHDRAWN): "nominator",
}
VERBS = {
    S.ACCEPTED: "accepted",
    S.NOMINEE_DECLINED: "declined by the nominee",
    S.ENDORSED: "endorsed",
    S.NOT_ENDORSED: "left unendorsed",
    S.APPROVED: "approved",
    S.WAITLISTED: "waitlisted",
    S.DECLINED: "declined",
    S.WITHDRAWN: "withdrawn",
}


def open_window(program, today=None):
    today = today or timezone.localdate()
    return program.windows.filter(opens_on__lte=today, closes_on__gte=today).first()


def nominee_school(nominee, district_id):
    membership = (
        Membership.objects.filter(
            user=nominee, district_id=district_id, is_active=True, school__isnull=False
        )
        .exclude(role=Role.PRINCIPAL)
        .order_by("id")
        .first()
    )
    return membership.school if membership else None


def _event(nomination, from_status, to_status, actor, note):
    NominationEvent.objects.create(
        nomination=nomination,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        note=note,
    )


def nomination_create(*, actor, program, nominee, evidence, note="", today=None):
    """Nominate `nominee` into `program`: `evidence` is a `Seen` per attribute named (what
    was seen, an optional link or file), `note` an optional overall note."""
    with transaction.atomic():
        # One open nomination per person and program: lock the nominee while checking.
        User.objects.select_for_update().filter(pk=nominee.pk).first()
        window = open_window(program, today)
        if window is None:
            raise ServiceError(f"Nominations for {program.name} are closed right now.")
        evidence = evidence_check(evidence)
        note = note_check(note)
        is_self = actor.pk == nominee.pk
        refusal = nominee_refusal(actor=actor, nominee=nominee, program=program)
        if refusal:
            who = "You cannot nominate yourself" if is_self else f"{nominee} cannot be nominated"
            raise ServiceError(f"{who}: {refusal.reason}.", link=refusal.link)
        school = nominee_school(nominee, program.district_id)
        if school is None:
            raise ServiceError(f"{nominee} is not on the staff of a school in this district.")
        now = timezone.now()
        nomination = Nomination.objects.create(
            district_id=program.district_id,
            program=program,
            window=window,
            nominee=nominee,
            school=school,
            nominated_by=actor,
            is_self_nomination=is_self,
            rationale=note,
            status=S.AWAITING_ENDORSEMENT if is_self else S.SUBMITTED,
            created_at=now,
            updated_at=now,
        )
        nomination.attributes.set([item.attribute for item in evidence])
        evidence_write(nomination, evidence)
        _event(nomination, "", nomination.status, actor, "")
        audit_log(
            district=program.district,
            actor=actor,
            action="nomination.create",
            obj=nomination,
            summary=f"{actor} nominated {nominee} for {program.name}",
        )
        _notify_created(nomination)
    return nomination


def _url(nomination):
    return reverse("programs:nomination", args=[nomination.pk])


def _notify_created(nomination):
    context = {"nomination": nomination}
    if nomination.is_self_nomination:
        notify(
            kind="nomination.endorse_requested",
            obj=nomination,
            recipients=school_principals(nomination.school_id),
            subject=endorse_requested_subject(nomination),
            template="nomination_endorse_requested",
            context=context,
            url=_url(nomination),
        )
    else:
        notify(
            kind="nomination.submitted",
            obj=nomination,
            recipients=[nomination.nominee],
            subject=f"You have been nominated for {nomination.program.name}",
            template="nomination_submitted",
            context=context,
            url=_url(nomination),
        )


def _distinct(people):
    found = {}
    for person in people:
        found.setdefault(person.pk, person)
    return list(found.values())


def told_of_move(nomination, to_status):
    """Everybody the move of `nomination` to `to_status` emails (the confirmation names them)."""
    admins = list(district_admins(nomination.district_id))
    if to_status in (S.ACCEPTED, S.NOMINEE_DECLINED):
        return _distinct([nomination.nominated_by, *admins])
    if to_status in (S.ENDORSED, S.NOT_ENDORSED):
        return _distinct([nomination.nominee] + (admins if to_status == S.ENDORSED else []))
    return _distinct([nomination.nominee, nomination.nominated_by])


def told_of_withdrawal(nomination, actor):
    """Everybody withdrawing `nomination` emails: its school's principals and, when somebody
    else nominated them, the nominee; never the person withdrawing it."""
    people = [*school_principals(nomination.school_id)]
    if not nomination.is_self_nomination:
        people.append(nomination.nominee)
    return _distinct(p for p in people if p.pk != actor.pk)


def _notify_moved(nomination, event):
    to = event.to_status
    decided = to in (S.APPROVED, S.WAITLISTED, S.DECLINED)
    context = {
        "nomination": nomination,
        "event": event,
        "decided_by": event.actor if decided else None,
    }
    notify(
        kind=f"nomination.{to}",
        obj=nomination,
        recipients=told_of_move(nomination, to),
        subject=moved_subject(nomination, event),
        template="nomination_moved",
        context=context,
        url=_url(nomination),
    )


def move_check(nomination, to_status, role):
    """Refuse the move unless `role` may make it from the nomination's status now."""
    if TRANSITIONS.get((nomination.status, to_status)) != role:
        last = nomination.events.select_related("actor").last()
        by = (
            f" by {last.actor} on {date_format(timezone.localtime(last.at))}"
            if last and last.actor
            else ""
        )
        raise ServiceError(
            f"This nomination is “{nomination.get_status_display()}”{by}, "
            f"so it cannot be {VERBS.get(to_status, to_status)} now. Nothing was changed.",
            link=_url(nomination),
        )


def _move(nomination_id, *, actor, to_status, note, role):
    """Lock the nomination, check the move, store it. Returns (nomination, event)."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination_id)
    move_check(nomination, to_status, role)
    before = nomination.status
    nomination.status = to_status
    nomination.updated_at = timezone.now()
    nomination.save(update_fields=["status", "updated_at"])
    event = NominationEvent.objects.create(
        nomination=nomination, from_status=before, to_status=to_status, actor=actor, note=note
    )
    audit_log(
        district=nomination.district,
        actor=actor,
        action=f"nomination.{to_status}",
        obj=nomination,
        summary=f"{actor}: {nomination.nominee}'s nomination to {nomination.program} "
        f"{VERBS[to_status]}",
        before={"status": before},
        after={"status": to_status},
    )
    return nomination, event


def nomination_respond(*, actor, nomination_id, accept, note=""):
    """The nominee accepts or declines."""
    with transaction.atomic():
        nomination, event = _move(
            nomination_id,
            actor=actor,
            to_status=S.ACCEPTED if accept else S.NOMINEE_DECLINED,
            note=note,
            role="nominee",
        )
        _notify_moved(nomination, event)
    return nomination


def nomination_endorse(*, actor, nomination_id, endorse, note=""):
    """The nominee's principal endorses a self-nomination, or declines to."""
    with transaction.atomic():
        nomination, event = _move(
            nomination_id,
            actor=actor,
            to_status=S.ENDORSED if endorse else S.NOT_ENDORSED,
            note=note,
            role="principal",
        )
        _notify_moved(nomination, event)
    return nomination


def nomination_withdraw(*, actor, nomination_id, note=""):
    """The nominator (or the person, for a self-nomination) takes back an undecided
    nomination; the nominee, if somebody else, and the principal are told."""
    with transaction.atomic():
        nomination = Nomination.objects.select_for_update().get(pk=nomination_id)
        if nomination.nominated_by_id != actor.pk:
            raise ServiceError(
                "Only the person who made a nomination can withdraw it. Nothing was changed."
            )
        nomination, event = _move(
            nomination_id, actor=actor, to_status=S.WITHDRAWN, note=note.strip(), role="nominator"
        )
        notify(
            kind="nomination.withdrawn",
            obj=nomination,
            recipients=told_of_withdrawal(nomination, actor),
            subject=withdrawn_subject(nomination),
            template="nomination_withdrawn",
            context={"nomination": nomination, "event": event},
            url=_url(nomination),
        )
    return nomination


def default_cohort(program, today=None):
    """The cohort an approval goes to when none is named: the next one still running."""
    today = today or timezone.localdate()
    return program.cohorts.filter(ends_on__gte=today).order_by("starts_on", "id").first()


def approval_cohort(nomination, cohort_id, *, lock=False):
    """The cohort approving `nomination` enrolls its nominee in (`cohort_id`, else the
    program's next), with `taken` places; refused when there is none, it is full, or the
    nominee is in it already."""
    program = nomination.program
    cohorts = Cohort.objects.select_for_update() if lock else Cohort.objects.all()
    if cohort_id:
        cohort = cohorts.filter(pk=cohort_id, program=program).first()
        if cohort is None:
            raise ServiceError(f"Choose a cohort of {program.name}.")
    else:
        found = default_cohort(program)
        if found is None:
            raise ServiceError(
                f"{program.name} has no cohort to enroll into yet. Add a cohort first."
            )
        cohort = cohorts.get(pk=found.pk)
    active = cohort.enrollments.filter(status=Enrollment.Status.ACTIVE)
    cohort.taken = active.count()
    if cohort.taken >= cohort.capacity:
        raise ServiceError(
            f"{cohort.name} is full ({cohort.taken} of {counted(cohort.capacity, 'place')}). "
            "Choose another cohort, raise its capacity, or waitlist the nomination."
        )
    if active.filter(person_id=nomination.nominee_id).exists():
        raise ServiceError(f"{nomination.nominee} is already enrolled in {cohort.name}.")
    return cohort


def decide_check(nomination, decision, cohort_id=None):
    """Refuse a decision the district cannot make now; for an approval, the cohort."""
    if decision not in (S.APPROVED, S.WAITLISTED, S.DECLINED):
        raise ServiceError("Choose approve, waitlist or decline.")
    move_check(nomination, decision, "district")
    return approval_cohort(nomination, cohort_id) if decision == S.APPROVED else None


@dataclass
class Planned:
    """One row of a decision on several nominations, before it is confirmed."""

    nomination: Nomination
    cohort: Cohort | None = None
    told: list = field(default_factory=list)
    problem: str = ""


def decide_many_plan(nomination_ids, decision, cohort_id=None):
    """What deciding these nominations would do, one row each: the cohort an approval
    enrolls in and who is emailed, or why that nomination would be left as it is."""
    nominations = Nomination.objects.filter(pk__in=nomination_ids).select_related(
        "program", "nominee", "nominated_by"
    )
    plan = []
    for nomination in nominations.order_by("nominee__full_name", "pk"):
        try:
            cohort = decide_check(nomination, decision, cohort_id)
        except ServiceError as exc:
            plan.append(Planned(nomination, problem=exc.message))
        else:
            plan.append(Planned(nomination, cohort, told_of_move(nomination, decision)))
    return plan


def nomination_decide(*, actor, nomination_id, decision, note="", cohort_id=None):
    """The district approves (enrolling the nominee), waitlists or declines."""
    decision = S(decision)
    if decision not in (S.APPROVED, S.WAITLISTED, S.DECLINED):
        raise ServiceError("Choose approve, waitlist or decline.")
    with transaction.atomic():
        nomination, event = _move(
            nomination_id, actor=actor, to_status=decision, note=note, role="district"
        )
        if decision == S.APPROVED:
            _enroll(nomination, actor=actor, cohort_id=cohort_id, note=note)
        _notify_moved(nomination, event)
    return nomination


def _enroll(nomination, *, actor, cohort_id, note):
    cohort = approval_cohort(nomination, cohort_id, lock=True)
    enrollment, created = Enrollment.objects.get_or_create(
        cohort=cohort,
        person=nomination.nominee,
        defaults={"nomination": nomination},
    )
    if not created:
        enrollment.status = Enrollment.Status.ACTIVE
        enrollment.ended_on = None
        enrollment.nomination = nomination
        enrollment.save(update_fields=["status", "ended_on", "nomination"])
    nomination.cohort = cohort
    nomination.save(update_fields=["cohort"])
    nomination_approved.send(sender=Nomination, nomination=nomination, actor=actor, note=note)
    upcoming = list(
        cohort.sessions.scheduled()
        .filter(starts_at__gte=timezone.now())
        .select_related("cohort__program")
    )
    notify(
        kind="enrollment.welcome",
        obj=enrollment,
        recipients=[nomination.nominee],
        subject=f"Welcome to {cohort}",
        template="enrollment_welcome",
        context={"cohort": cohort, "sessions": upcoming},
        period=str(nomination.pk),
        url=reverse("home"),
        ics=ics.calendar(upcoming) if upcoming else None,
    )
    return enrollment


def nomination_decide_many(*, actor, nomination_ids, decision, note="", cohort_id=None):
    """Decide several at once; each is its own transaction. Returns (done, [(id, message)])."""
    done, refused = [], []
    for nomination_id in nomination_ids:
        try:
            done.append(
                nomination_decide(
                    actor=actor,
                    nomination_id=nomination_id,
                    decision=decision,
                    note=note,
                    cohort_id=cohort_id,
                )
            )
        except ServiceError as exc:
            refused.append((nomination_id, exc.message))
    return done, refused


def _pending_branches(user, district_ids, principal_school_ids):
    return [
        Q(nominee=user, status=S.SUBMITTED),
        Q(school_id__in=principal_school_ids, status=S.AWAITING_ENDORSEMENT),
        Q(district_id__in=district_ids, status=S.ACCEPTED),
        Q(district_id__in=district_ids, status=S.ENDORSED),
    ]


def pending_for(user, district_ids, principal_school_ids):
    """Nominations waiting for this person: to respond to, to endorse, to decide."""
    branches = _pending_branches(user, district_ids, principal_school_ids)
    return Nomination.objects.filter(functools.reduce(operator.or_, branches))


def oldest_pending(user, district_ids, principal_school_ids, fields, limit=10):
    """The `limit` oldest of `pending_for`, as tuples of `fields`. One query.

    Each kind of waiting is read oldest first on its own and the oldest of them kept: an OR
    of the four made PostgreSQL read and sort every nomination a district admin decides on
    (12,000 at the large size) to show ten; each on its own reads ten rows of an index."""
    parts = [
        nested_sql(
            Nomination.objects.filter(branch)
            .order_by("created_at", "pk")
            .values_list("created_at", "pk", *fields)[:limit]
        )
        for branch in _pending_branches(user, district_ids, principal_school_ids)
    ]
    parts = [part for part in parts if part is not None]
    if not parts:
        return []
    union = " UNION ALL ".join(f"SELECT * FROM ({sql}) p{i}" for i, (sql, _) in enumerate(parts))
    params = [param for _, part_params in parts for param in part_params]
    rows = fetch_rows(f"SELECT * FROM ({union}) pending ORDER BY 1, 2 LIMIT %s", [*params, limit])
    return [row[2:] for row in rows]
