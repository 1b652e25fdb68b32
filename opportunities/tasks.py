"""Celery tasks for opportunities. The schedule is CELERY_BEAT_SCHEDULE in settings."""

from datetime import timedelta

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from opportunities import kept_reach, notices

# The furthest ahead any district's reminder setting looks.
LONGEST_NOTICE_DAYS = 14


@shared_task
def remind_unsent_applications():
    """Remind people whose application is started but not sent, before the closing date.

    Each district's `reminder_days` says how far ahead. Safe to run twice: the message is
    keyed by application and closing date, so it goes out once (notices.notify).
    """
    today = timezone.localdate()
    queued = 0
    drafts = notices.unsent_drafts(today, today + timedelta(days=LONGEST_NOTICE_DAYS))
    for application in drafts.select_related("opportunity__district", "opportunity__kind"):
        district = application.opportunity.district
        if application.opportunity.closes_on > today + timedelta(days=district.reminder_days):
            continue
        with transaction.atomic():
            queued += notices.draft_reminder(application)
    return queued


@shared_task
def keep_reach_for_the_school_year():
    """On the first day of a school year, count the fair reach the database keeps for the new
    year (opportunities/kept_reach.py); nothing on any other day. Until it has run, the
    pages count reach afresh, right but slower. Safe to run twice."""
    return kept_reach.keep_year()
