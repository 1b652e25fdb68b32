"""Email and in-app notifications: one outbox row per email, one notification per person,
each under a unique key so that nothing is queued or sent twice (notices/notify.py).
The tables keep the names they had in `programs` (see migrations/0001_initial.py)."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone

from leadership.models import District


def outbox_key(*, kind, obj, recipient_id, period=""):
    """The unique key of one email: kind, object, recipient and period (often a date)."""
    label = f"{obj._meta.label_lower}.{obj.pk}" if obj is not None else "-"
    return f"{kind}|{label}|{recipient_id}|{period}"[:255]


def message_id_for(key):
    """A Message-ID derived from the key, so a resent copy is recognisable as the same email."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:40]
    return f"<{digest}@deepbench.invalid>"


class OutboxQuerySet(models.QuerySet):
    def due(self, now=None):
        return self.filter(
            sent_at__isnull=True, gave_up_at__isnull=True, due_at__lte=now or timezone.now()
        )


class Outbox(models.Model):
    """One email, written in the transaction that decided to send it; sent by a task."""

    key = models.CharField(max_length=255, unique=True)
    kind = models.CharField(max_length=60)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outbox"
    )
    to_email = models.EmailField()
    subject = models.CharField(max_length=200)
    text = models.TextField()
    html = models.TextField(blank=True)
    ics = models.TextField(blank=True, help_text="An iCalendar invitation sent as an attachment.")
    message_id = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    due_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    gave_up_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        db_table = "programs_outbox"
        verbose_name_plural = "outbox"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["sent_at", "due_at"])]

    def __str__(self):
        return f"{self.subject} → {self.to_email}"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """An in-app notification, listed at /notifications/."""

    key = models.CharField(max_length=255, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        db_table = "programs_notification"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.text
