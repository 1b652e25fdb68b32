"""Succession's periodic tasks (beat entries in leadership/settings.py). Safe to run twice:
every email has a unique key (pipeline/succession/alerts.py)."""

import datetime

from celery import shared_task
from django.db import transaction

from leadership.models import District
from pipeline.succession import alerts
from pipeline.succession.models import Position


def _today(value):
    """Tasks take dates as ISO text (JSON); none means today."""
    return datetime.date.fromisoformat(value) if value else None


def _districts_with_positions():
    return District.objects.filter(
        pk__in=Position.objects.filter(is_active=True).values("district_id")
    ).order_by("pk")


@shared_task(acks_late=True)
def alert_uncovered_openings(today=None):
    """Daily: tell district admins, once, about each position with a known opening within
    six months and nobody ready now."""
    queued = 0
    for district in _districts_with_positions():
        with transaction.atomic():
            queued += alerts.alert_uncovered(district, _today(today))
    return queued


@shared_task(acks_late=True)
def send_succession_digest(today=None):
    """Monthly: the district admins' succession digest (openings, the ready bench, gaps)."""
    queued = 0
    for district in _districts_with_positions():
        with transaction.atomic():
            queued += alerts.send_digest(district, _today(today))
    return queued
