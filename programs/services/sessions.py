"""Sessions, assignments and attendance: scheduling, changing and cancelling sessions (with
invitations), assigning prompts to a cohort, recording who came.

Each function is atomic, checks, writes, records the audit log and queues its emails
through notices.notify in the same transaction.
"""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from leadership.audit import audit_log
from notices.notify import notify
from programs import ics
from programs.models import (
    Assignment,
    Attendance,
    Enrollment,
    Session,
)
from programs.services.common import ServiceError


def write_url(assignment):
    """Where the person writes the reflection that counts toward an assignment."""
    return f"{reverse('portrait:reflection_new')}?prompt={assignment.prompt_id}"


def cohort_members(cohort):
    """The cohort's active members: who an assignment is for."""
    active = cohort.enrollments.filter(status=Enrollment.Status.ACTIVE).select_related("person")
    return [e.person for e in active]


def cohort_people(cohort):
    """Everybody a cohort's emails go to: active members and the facilitator."""
    people = cohort_members(cohort)
    if cohort.facilitator_id:
        people.append(cohort.facilitator)
    return people


# What the invitation says: changing one of them sends everybody the updated invitation.
INVITATION_FIELDS = ("title", "starts_at", "ends_at", "location", "description")
FOLLOW_UP_DAYS = 7  # a reflection after a session is due a week after attendance is taken


@transaction.atomic
def session_create(
    *,
    actor,
    cohort,
    title,
    starts_at,
    ends_at,
    location,
    description="",
    credit_hours=0,
    prompt=None,
):
    if ends_at <= starts_at:
        raise ServiceError("The session must end after it starts.")
    session = Session.objects.create(
        cohort=cohort,
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        description=description,
        credit_hours=credit_hours,
        prompt=prompt,
    )
    audit_log(
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
        url=reverse("programs:session", args=[session.pk]),
        ics=ics.calendar([session]),
    )
    return session


@transaction.atomic
def session_update(
    *,
    actor,
    session_id,
    title,
    starts_at,
    ends_at,
    location,
    description="",
    credit_hours=None,
    prompt=None,
):
    """Change a session; everybody invited gets the updated invitation (once per version).
    A change of credit hours or of the reflection afterwards alone emails nobody."""
    if ends_at <= starts_at:
        raise ServiceError("The session must end after it starts.")
    session = Session.objects.select_for_update().get(pk=session_id)
    if session.is_cancelled:
        raise ServiceError("This session was cancelled; it cannot be changed.")
    _credit_update(actor, session, credit_hours, prompt)
    values = (title, starts_at, ends_at, location, description)
    new = dict(zip(INVITATION_FIELDS, values, strict=True))
    if all(getattr(session, name) == value for name, value in new.items()):
        return session  # nothing the invitation says changed: nobody needs another email
    before = {"starts_at": session.starts_at.isoformat(), "location": session.location}
    session.title, session.starts_at, session.ends_at = title, starts_at, ends_at
    session.location, session.description = location, description
    session.save(update_fields=["title", "starts_at", "ends_at", "location", "description"])
    cohort = session.cohort
    audit_log(
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
        url=reverse("programs:session", args=[session.pk]),
        ics=ics.calendar([session], sequence=version),
    )
    return session


def _credit_update(actor, session, credit_hours, prompt):
    """Save a changed credit or reflection afterwards (audited), telling nobody."""
    hours = session.credit_hours if credit_hours is None else credit_hours
    if hours == session.credit_hours and prompt == session.prompt:
        return
    before = {"credit_hours": str(session.credit_hours), "prompt": session.prompt_id}
    session.credit_hours, session.prompt = hours, prompt
    session.save(update_fields=["credit_hours", "prompt"])
    audit_log(
        district=session.cohort.program.district,
        actor=actor,
        action="session.credit",
        obj=session,
        summary=f"Changed the credit hours or reflection of “{session.title}”",
        before=before,
        after={"credit_hours": str(hours), "prompt": session.prompt_id},
    )


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
            f"{date_format(timezone.localtime(session.cancelled_at))}. Nothing was changed."
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
    audit_log(
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
        url=reverse("programs:session", args=[session.pk]),
        ics=ics.cancellation(session),
    )
    return session


@transaction.atomic
def assignment_create(*, actor, cohort, prompt, due_on, note=""):
    if cohort.assignments.filter(prompt=prompt, session__isnull=True).exists():
        raise ServiceError("This cohort already has an assignment with that prompt.")
    assignment = Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=due_on, note=note)
    audit_log(
        district=cohort.program.district,
        actor=actor,
        action="assignment.create",
        obj=assignment,
        summary=f"Assigned a reflection to {cohort}, due {date_format(due_on)}",
    )
    notify(
        kind="assignment.new",
        obj=assignment,
        recipients=cohort_members(cohort),
        subject=f"You have a new assignment for {cohort.program.name}, due {date_format(due_on)}",
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
    enrollments = {e.pk: e for e in session.cohort.enrollments.select_related("person")}
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
    audit_log(
        district=session.cohort.program.district,
        actor=actor,
        action="attendance.record",
        obj=session,
        summary=f"Took attendance for “{session.title}”",
    )
    present = [pk for pk, status in statuses.items() if status == Attendance.Status.PRESENT]
    if session.prompt_id and present:
        _follow_up(session, [enrollments[pk].person for pk in present])


def _follow_up(session, people):
    """The session's prompt, assigned to the people present, due a week after attendance
    was first taken; each is told once (a person marked present later is told then)."""
    assignment, _ = Assignment.objects.get_or_create(
        session=session,
        defaults={
            "cohort": session.cohort,
            "prompt": session.prompt,
            "due_on": timezone.localdate() + timedelta(days=FOLLOW_UP_DAYS),
            "note": f"After “{session.title}”.",
        },
    )
    program = session.cohort.program
    notify(
        kind="assignment.after_session",
        obj=assignment,
        recipients=people,
        subject=f"Reflect on “{session.title}” ({program.name}), due "
        f"{date_format(assignment.due_on)}",
        template="session_reflection",
        context={"assignment": assignment, "session": session},
        url=write_url(assignment),
    )


# --- Nominations -----------------------------------------------------------------------
