"""Programs and the nomination workflow: every change goes through a function here.

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

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from leadership.audit import record
from leadership.models import Membership, Role, User
from notices.notify import notify
from programs import ics
from programs.models import (
    Assignment,
    Attendance,
    Cohort,
    Enrollment,
    Nomination,
    NominationEvent,
    NominationStatus,
    NominationWindow,
    Program,
    Session,
)
from programs.signals import nomination_approved

S = NominationStatus
MIN_RATIONALE = 50

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


class ServiceError(ValidationError):
    """A refusal with a message for the person; `link` points at what it refers to."""

    def __init__(self, message, *, link=None):
        super().__init__(message)
        self.link = link


def district_admins(district_id):
    return User.objects.filter(
        memberships__district_id=district_id,
        memberships__role=Role.DISTRICT_ADMIN,
        memberships__is_active=True,
        is_active=True,
    ).distinct()


def school_principals(school_id):
    return User.objects.filter(
        memberships__school_id=school_id,
        memberships__role=Role.PRINCIPAL,
        memberships__is_active=True,
        is_active=True,
    ).distinct()


# --- Programs, cohorts, windows, sessions, assignments, attendance -----------------------


@transaction.atomic
def program_create(
    *, actor, district, name, description, target_level, focus_attributes, is_active=True
):
    if Program.objects.filter(district=district, name__iexact=name).exists():
        raise ServiceError(f"There is already a program called “{name}”.")
    program = Program.objects.create(
        district=district,
        name=name,
        description=description,
        target_level=target_level,
        is_active=is_active,
    )
    program.focus_attributes.set(focus_attributes)
    record(
        district=district,
        actor=actor,
        action="program.create",
        obj=program,
        summary=f"Created the program {program.name}",
    )
    return program


@transaction.atomic
def program_update(
    *, actor, program_id, name, description, target_level, focus_attributes, is_active=True
):
    program = Program.objects.select_for_update().get(pk=program_id)
    duplicate = Program.objects.filter(district_id=program.district_id, name__iexact=name)
    if duplicate.exclude(pk=program.pk).exists():
        raise ServiceError(f"There is already a program called “{name}”.")
    before = {"name": program.name, "target_level": program.target_level}
    program.name, program.description = name, description
    program.target_level, program.is_active = target_level, is_active
    program.save(update_fields=["name", "description", "target_level", "is_active"])
    program.focus_attributes.set(focus_attributes)
    record(
        district=program.district,
        actor=actor,
        action="program.update",
        obj=program,
        summary=f"Updated the program {program.name}",
        before=before,
        after={"name": name, "target_level": target_level},
    )
    return program


@transaction.atomic
def cohort_create(*, actor, program, name, starts_on, ends_on, capacity, facilitator=None):
    if ends_on < starts_on:
        raise ServiceError("The cohort must end on or after the day it starts.")
    if program.cohorts.filter(name__iexact=name).exists():
        raise ServiceError(f"{program.name} already has a cohort called “{name}”.")
    cohort = Cohort.objects.create(
        program=program,
        name=name,
        starts_on=starts_on,
        ends_on=ends_on,
        capacity=capacity,
        facilitator=facilitator,
    )
    record(
        district=program.district,
        actor=actor,
        action="cohort.create",
        obj=cohort,
        summary=f"Created the cohort {cohort.name} of {program.name}",
    )
    return cohort


@transaction.atomic
def window_create(*, actor, program, opens_on, closes_on):
    if closes_on < opens_on:
        raise ServiceError("The window must close on or after the day it opens.")
    overlapping = program.windows.filter(opens_on__lte=closes_on, closes_on__gte=opens_on)
    if overlapping.exists():
        raise ServiceError("That window overlaps another nomination window of this program.")
    window = NominationWindow.objects.create(
        program=program, opens_on=opens_on, closes_on=closes_on
    )
    record(
        district=program.district,
        actor=actor,
        action="window.create",
        obj=window,
        summary=f"Opened nominations for {program.name}: {window}",
    )
    return window


def write_url(assignment):
    """Where the person writes the reflection that counts toward an assignment."""
    return f"{reverse('portrait:reflection_new')}?prompt={assignment.prompt_id}"


def cohort_people(cohort):
    """Everybody a cohort's emails go to: active members and the facilitator."""
    people = [
        e.person
        for e in cohort.enrollments.filter(status=Enrollment.Status.ACTIVE).select_related("person")
    ]
    if cohort.facilitator_id:
        people.append(cohort.facilitator)
    return people


@transaction.atomic
def session_create(*, actor, cohort, title, starts_at, ends_at, location, description=""):
    if ends_at <= starts_at:
        raise ServiceError("The session must end after it starts.")
    session = Session.objects.create(
        cohort=cohort,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        description=description,
    )
    record(
        district=cohort.program.district,
        actor=actor,
        action="session.create",
        obj=session,
        summary=f"Scheduled “{title}” for {cohort}",
    )
    notify(
        kind="session.invitation",
        obj=session,
        recipients=cohort_people(cohort),
        subject=f"Invitation: {title} ({cohort.program.name})",
        template="session_invitation",
        context={"session": session, "cohort": cohort},
        url=reverse("home"),
        ics=ics.calendar([session]),
    )
    return session


@transaction.atomic
def session_update(*, actor, session_id, title, starts_at, ends_at, location, description=""):
    """Change a session; everybody invited gets the updated invitation (once per version)."""
    if ends_at <= starts_at:
        raise ServiceError("The session must end after it starts.")
    session = Session.objects.select_for_update().get(pk=session_id)
    if session.is_cancelled:
        raise ServiceError("This session was cancelled; it cannot be changed.")
    fields = ("title", "starts_at", "ends_at", "location", "description")
    new = dict(zip(fields, (title, starts_at, ends_at, location, description), strict=True))
    if all(getattr(session, name) == value for name, value in new.items()):
        return session  # nothing changed: nobody needs another email
    before = {"starts_at": session.starts_at.isoformat(), "location": session.location}
    session.title, session.starts_at, session.ends_at = title, starts_at, ends_at
    session.location, session.description = location, description
    session.save(update_fields=["title", "starts_at", "ends_at", "location", "description"])
    cohort = session.cohort
    record(
        district=cohort.program.district,
        actor=actor,
        action="session.update",
        obj=session,
        summary=f"Changed “{title}” of {cohort}",
        before=before,
        after={"starts_at": starts_at.isoformat(), "location": location},
    )
    version = int(timezone.now().timestamp())
    notify(
        kind="session.changed",
        obj=session,
        recipients=cohort_people(cohort),
        subject=f"Changed: {title} ({cohort.program.name})",
        template="session_invitation",
        context={"session": session, "cohort": cohort, "changed": True},
        # One email per version of the session (saving it unchanged sends nothing, above).
        period=str(version),
        url=reverse("home"),
        ics=ics.calendar([session], sequence=version),
    )
    return session


@transaction.atomic
def session_cancel(*, actor, session_id, note=""):
    """Cancel a session: it stays listed as cancelled; everybody invited gets one email with
    a calendar cancellation and an in-app notification."""
    session = (
        Session.objects.select_for_update(of=("self",))
        .select_related("cohort__program__district", "cohort__facilitator")
        .get(pk=session_id)
    )
    if session.is_cancelled:
        raise ServiceError(
            f"“{session.title}” was already cancelled on "
            f"{timezone.localtime(session.cancelled_at):%b %-d}. Nothing was changed."
        )
    if session.ends_at <= timezone.now():
        raise ServiceError(
            f"“{session.title}” has already taken place, so it cannot be cancelled. "
            "Nothing was changed."
        )
    if session.attendance.exists():
        raise ServiceError(
            f"Attendance was already taken for “{session.title}”, so it cannot be cancelled. "
            "Nothing was changed."
        )
    session.status = Session.Status.CANCELLED
    session.cancelled_at = timezone.now()
    session.cancel_note = note.strip()
    session.save(update_fields=["status", "cancelled_at", "cancel_note"])
    cohort = session.cohort
    record(
        district=cohort.program.district,
        actor=actor,
        action="session.cancel",
        obj=session,
        summary=f"Cancelled “{session.title}” of {cohort}",
        before={"status": Session.Status.SCHEDULED},
        after={"status": Session.Status.CANCELLED},
    )
    notify(
        kind="session.cancelled",
        obj=session,
        recipients=cohort_people(cohort),
        subject=f"Cancelled: {session.title} ({cohort.program.name})",
        template="session_cancelled",
        context={"session": session, "cohort": cohort},
        url=reverse("home"),
        ics=ics.cancellation(session),
    )
    return session


@transaction.atomic
def assignment_create(*, actor, cohort, prompt, due_on, note=""):
    if cohort.assignments.filter(prompt=prompt).exists():
        raise ServiceError("This cohort already has an assignment with that prompt.")
    assignment = Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=due_on, note=note)
    record(
        district=cohort.program.district,
        actor=actor,
        action="assignment.create",
        obj=assignment,
        summary=f"Assigned a reflection to {cohort}, due {due_on:%b %-d}",
    )
    notify(
        kind="assignment.new",
        obj=assignment,
        recipients=[
            e.person
            for e in cohort.enrollments.filter(status=Enrollment.Status.ACTIVE).select_related(
                "person"
            )
        ],
        subject=f"New assignment for {cohort.program.name}, due {due_on:%b %-d}",
        template="assignment_new",
        context={"assignment": assignment, "cohort": cohort},
        url=write_url(assignment),
    )
    return assignment


@transaction.atomic
def attendance_record(*, actor, session, statuses):
    """`statuses`: {enrollment id: status}. Enrollments of other cohorts are refused."""
    if Session.objects.filter(pk=session.pk, status=Session.Status.CANCELLED).exists():
        raise ServiceError("This session was cancelled; there is no attendance to take.")
    enrollments = {e.pk: e for e in session.cohort.enrollments.all()}
    unknown = set(statuses) - set(enrollments)
    if unknown:
        raise ServiceError("Some of those people are not in this cohort; nothing was saved.")
    valid = set(Attendance.Status.values)
    if not set(statuses.values()) <= valid:
        raise ServiceError("Choose present, excused or absent for each person.")
    existing = {a.enrollment_id: a for a in session.attendance.all()}
    now = timezone.now()
    for enrollment_id, status in statuses.items():
        row = existing.get(enrollment_id)
        if row is None:
            Attendance.objects.create(
                session=session,
                enrollment_id=enrollment_id,
                status=status,
                recorded_by=actor,
                recorded_at=now,
            )
        elif row.status != status:
            row.status, row.recorded_by, row.recorded_at = status, actor, now
            row.save(update_fields=["status", "recorded_by", "recorded_at"])
    record(
        district=session.cohort.program.district,
        actor=actor,
        action="attendance.record",
        obj=session,
        summary=f"Took attendance for “{session.title}”",
    )


# --- Nominations -----------------------------------------------------------------------


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


def nomination_create(*, actor, program, nominee, attributes, rationale, today=None):
    with transaction.atomic():
        # One open nomination per person and program: lock the nominee while checking.
        User.objects.select_for_update().filter(pk=nominee.pk).first()
        window = open_window(program, today)
        if window is None:
            raise ServiceError(f"Nominations for {program.name} are closed right now.")
        rationale = rationale.strip()
        if len(rationale) < MIN_RATIONALE:
            raise ServiceError(
                f"Please say a little more about why (at least {MIN_RATIONALE} characters)."
            )
        if not attributes:
            raise ServiceError("Name at least one attribute you have seen.")
        existing = Nomination.objects.open().filter(program=program, nominee=nominee).first()
        if existing:
            raise ServiceError(
                f"{nominee} already has an open nomination to {program.name}.",
                link=reverse("programs:nomination", args=[existing.pk]),
            )
        is_self = actor.pk == nominee.pk
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
            rationale=rationale,
            status=S.AWAITING_ENDORSEMENT if is_self else S.SUBMITTED,
            created_at=now,
            updated_at=now,
        )
        nomination.attributes.set(attributes)
        _event(nomination, "", nomination.status, actor, "")
        record(
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
            subject=f"{nomination.nominee} nominated themself for {nomination.program.name}",
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


def _notify_moved(nomination, event):
    to = event.to_status
    context = {"nomination": nomination, "event": event}
    admins = list(district_admins(nomination.district_id))
    if to in (S.ACCEPTED, S.NOMINEE_DECLINED):
        recipients = [nomination.nominated_by, *admins]
        subject = f"{nomination.nominee} {VERBS[to].replace(' by the nominee', '')} the nomination"
    elif to in (S.ENDORSED, S.NOT_ENDORSED):
        recipients = [nomination.nominee] + (admins if to == S.ENDORSED else [])
        subject = f"{nomination.nominee}'s nomination was {VERBS[to]}"
    else:
        recipients = [nomination.nominee, nomination.nominated_by]
        subject = f"Nomination for {nomination.program.name}: {VERBS[to]}"
    notify(
        kind=f"nomination.{to}",
        obj=nomination,
        recipients=recipients,
        subject=subject,
        template="nomination_moved",
        context=context,
        url=_url(nomination),
    )


def _move(nomination_id, *, actor, to_status, note, role):
    """Lock the nomination, check the move, store it. Returns (nomination, event)."""
    nomination = Nomination.objects.select_for_update().get(pk=nomination_id)
    needed = TRANSITIONS.get((nomination.status, to_status))
    if needed != role:
        last = nomination.events.select_related("actor").last()
        by = f" by {last.actor} on {last.at:%b %-d}" if last and last.actor else ""
        raise ServiceError(
            f"This nomination is “{nomination.get_status_display()}”{by}, "
            f"so it cannot be {VERBS.get(to_status, to_status)} now. Nothing was changed.",
            link=_url(nomination),
        )
    before = nomination.status
    nomination.status = to_status
    nomination.updated_at = timezone.now()
    nomination.save(update_fields=["status", "updated_at"])
    event = NominationEvent.objects.create(
        nomination=nomination, from_status=before, to_status=to_status, actor=actor, note=note
    )
    record(
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
        recipients = list(school_principals(nomination.school_id))
        if not nomination.is_self_nomination:
            recipients.append(nomination.nominee)
        notify(
            kind="nomination.withdrawn",
            obj=nomination,
            recipients=[r for r in recipients if r.pk != actor.pk],
            subject=f"Nomination withdrawn: {nomination.nominee} for {nomination.program.name}",
            template="nomination_withdrawn",
            context={"nomination": nomination, "event": event},
            url=_url(nomination),
        )
    return nomination


def default_cohort(program, today=None):
    """The cohort an approval goes to when none is named: the next one still running."""
    today = today or timezone.localdate()
    return program.cohorts.filter(ends_on__gte=today).order_by("starts_on", "id").first()


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
    program = nomination.program
    if cohort_id:
        cohort = Cohort.objects.select_for_update().filter(pk=cohort_id, program=program).first()
        if cohort is None:
            raise ServiceError(f"Choose a cohort of {program.name}.")
    else:
        found = default_cohort(program)
        if found is None:
            raise ServiceError(
                f"{program.name} has no cohort to enroll into yet. Add a cohort first."
            )
        cohort = Cohort.objects.select_for_update().get(pk=found.pk)
    taken = cohort.enrollments.filter(status=Enrollment.Status.ACTIVE).count()
    if taken >= cohort.capacity:
        raise ServiceError(
            f"{cohort.name} is full ({taken} of {cohort.capacity} places). "
            "Choose another cohort, raise its capacity, or waitlist the nomination."
        )
    enrollment, created = Enrollment.objects.get_or_create(
        cohort=cohort,
        person=nomination.nominee,
        defaults={"nomination": nomination},
    )
    if not created:
        if enrollment.status == Enrollment.Status.ACTIVE:
            raise ServiceError(f"{nomination.nominee} is already enrolled in {cohort.name}.")
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


def pending_for(user, district_ids, principal_school_ids):
    """Nominations waiting for this person: to respond to, to endorse, to decide."""
    return Nomination.objects.filter(
        Q(nominee=user, status=S.SUBMITTED)
        | Q(school_id__in=principal_school_ids, status=S.AWAITING_ENDORSEMENT)
        | Q(district_id__in=district_ids, status__in=[S.ACCEPTED, S.ENDORSED])
    )


@transaction.atomic
def cohort_update(*, actor, cohort_id, name, starts_on, ends_on, capacity, facilitator=None):
    cohort = Cohort.objects.select_for_update().get(pk=cohort_id)
    if ends_on < starts_on:
        raise ServiceError("The cohort must end on or after the day it starts.")
    if cohort.program.cohorts.filter(name__iexact=name).exclude(pk=cohort.pk).exists():
        raise ServiceError(f"{cohort.program.name} already has a cohort called “{name}”.")
    taken = cohort.enrollments.filter(status=Enrollment.Status.ACTIVE).count()
    if capacity < taken:
        raise ServiceError(f"{taken} people are enrolled; the capacity cannot be less than that.")
    before = {"capacity": cohort.capacity, "name": cohort.name}
    cohort.name, cohort.starts_on, cohort.ends_on = name, starts_on, ends_on
    cohort.capacity, cohort.facilitator = capacity, facilitator
    cohort.save(update_fields=["name", "starts_on", "ends_on", "capacity", "facilitator"])
    record(
        district=cohort.program.district,
        actor=actor,
        action="cohort.update",
        obj=cohort,
        summary=f"Updated the cohort {cohort}",
        before=before,
        after={"capacity": capacity, "name": name},
    )
    return cohort


@transaction.atomic
def enrollment_set_status(*, actor, enrollment_id, status):
    """Mark an enrollment completed or withdrawn (or active again), with the date."""
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment_id)
    status = Enrollment.Status(status)
    if enrollment.status == status:
        raise ServiceError(f"{enrollment.person} is already {status.label.lower()}.")
    if status == Enrollment.Status.ACTIVE:
        cohort = Cohort.objects.select_for_update().get(pk=enrollment.cohort_id)
        taken = cohort.enrollments.filter(status=Enrollment.Status.ACTIVE).count()
        if taken >= cohort.capacity:
            raise ServiceError(f"{cohort.name} is full ({taken} of {cohort.capacity} places).")
    before = enrollment.status
    enrollment.status = status
    enrollment.ended_on = None if status == Enrollment.Status.ACTIVE else timezone.localdate()
    enrollment.save(update_fields=["status", "ended_on"])
    record(
        district=enrollment.cohort.program.district,
        actor=actor,
        action="enrollment.status",
        obj=enrollment,
        summary=f"{enrollment.person} in {enrollment.cohort}: {status.label}",
        before={"status": before},
        after={"status": status},
    )
    return enrollment
