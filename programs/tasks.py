"""Celery tasks: queue daily reminders and the weekly digest (sending is notices.tasks).

All are safe to run twice or in two workers at once (see notices/notify.py). The schedule
is CELERY_BEAT_SCHEDULE in leadership/settings.py.
"""

import logging
from datetime import date, datetime, time, timedelta

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from leadership.models import District, School
from notices.notify import notify
from programs import ics
from programs.models import (
    DECIDABLE_STATUSES,
    Assignment,
    Enrollment,
    Nomination,
    NominationWindow,
    Session,
)
from programs.services import cohort_people, district_admins, school_principals, write_url

log = logging.getLogger(__name__)


# --- Reminders ------------------------------------------------------------------------
# Each reminder is an outbox row with a unique key, so running a task twice (a retry, a
# second beat, two workers) queues nothing new. People who turned reminder emails off
# still see the in-app notification.


def _today(value):
    return date.fromisoformat(value) if value else timezone.localdate()


def _pending_people(assignment):
    """Active members of the assignment's cohort with no reflection that counts for it (one
    written before they were enrolled or the cohort began does not)."""
    return [
        e.person
        for e in assignment.cohort.enrollments.filter(status=Enrollment.Status.ACTIVE)
        .by_assignment()
        .filter(assignment_id=assignment.pk, submitted_on__isnull=True)
        .select_related("person")
    ]


def _assignment_reminders(today):
    queued = 0
    assignments = Assignment.objects.filter(cohort__ends_on__gte=today).select_related(
        "cohort__program__district", "prompt"
    )
    for assignment in assignments:
        window = assignment.cohort.program.district.reminder_days
        overdue = assignment.due_on < today
        if not overdue and assignment.due_on > today + timedelta(days=window):
            continue
        people = _pending_people(assignment)
        if not people:
            continue
        with transaction.atomic():
            queued += notify(
                kind="assignment.overdue" if overdue else "assignment.due_soon",
                obj=assignment,
                recipients=people,
                subject=(
                    f"Overdue: your reflection for {assignment.cohort.program.name}"
                    if overdue
                    else f"Due {date_format(assignment.due_on)}: your reflection for "
                    f"{assignment.cohort.program.name}"
                ),
                template="assignment_due",
                context={"assignment": assignment, "overdue": overdue},
                url=write_url(assignment),
                reminder=True,
            )
    return queued


def _session_reminders(today):
    tomorrow = today + timedelta(days=1)
    zone = timezone.get_current_timezone()
    start = datetime.combine(tomorrow, time.min, tzinfo=zone)
    queued = 0
    sessions = (
        Session.objects.scheduled()
        .filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=1))
        .select_related("cohort__program", "cohort__facilitator")
    )
    for session in sessions:
        with transaction.atomic():
            queued += notify(
                kind="session.tomorrow",
                obj=session,
                recipients=cohort_people(session.cohort),
                subject=f"Tomorrow: {session.title} ({session.cohort.program.name})",
                template="session_tomorrow",
                context={"session": session},
                period=tomorrow.isoformat(),
                url=reverse("programs:session", args=[session.pk]),
                ics=ics.calendar([session]),
                reminder=True,
            )
    return queued


def _window_reminders(today):
    """Three days before a window closes: principals of schools with no nomination yet."""
    queued = 0
    windows = NominationWindow.objects.filter(
        closes_on__gt=today, closes_on__lte=today + timedelta(days=3), opens_on__lte=today
    ).select_related("program")
    for window in windows:
        nominated = window.nominations.values("school")
        schools = School.objects.filter(
            district_id=window.program.district_id, is_active=True
        ).exclude(pk__in=nominated)
        for school in schools:
            with transaction.atomic():
                queued += notify(
                    kind="window.closing",
                    obj=window,
                    recipients=school_principals(school.pk),
                    subject=f"Nominations for {window.program.name} close "
                    f"{date_format(window.closes_on)}",
                    template="window_closing",
                    context={"window": window, "school": school},
                    period=f"school-{school.pk}",
                    url=reverse("programs:nomination_new") + f"?program={window.program_id}",
                    reminder=True,
                )
    return queued


@shared_task(acks_late=True)
def queue_daily_reminders(today=None):
    """Assignments due soon or overdue, sessions tomorrow, nomination windows closing."""
    today = _today(today)
    return _assignment_reminders(today) + _session_reminders(today) + _window_reminders(today)


def overdue_count(district, today):
    total = 0
    assignments = Assignment.objects.filter(
        cohort__program__district=district, due_on__lt=today, cohort__ends_on__gte=today
    ).select_related("cohort")
    for assignment in assignments:
        total += len(_pending_people(assignment))
    return total


@shared_task(acks_late=True)
def queue_weekly_digest(today=None):
    """Monday: district admins hear about new nominations, pending decisions, overdue work."""
    today = _today(today)
    year, week, _ = today.isocalendar()
    since = timezone.now() - timedelta(days=7)
    queued = 0
    for district in District.objects.all():
        admins = list(district_admins(district.pk))
        if not admins:
            continue
        nominations = Nomination.objects.filter(district=district)
        context = {
            "district": district,
            "new_nominations": nominations.filter(created_at__gte=since).count(),
            "pending": nominations.filter(status__in=DECIDABLE_STATUSES).count(),
            "overdue": overdue_count(district, today),
        }
        with transaction.atomic():
            queued += notify(
                kind="digest.weekly",
                obj=district,
                recipients=admins,
                subject=f"Your weekly Deep Bench digest for {district.name}",
                template="weekly_digest",
                context=context,
                period=f"{year}-W{week:02d}",
                url=reverse("programs:nominations") + "?status=waiting",
                reminder=True,
            )
    return queued
