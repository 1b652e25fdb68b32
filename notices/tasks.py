"""The sending task: every due outbox row goes out once (notices/notify.py explains how).

Safe to run twice or in two workers at once. It is asked for after every change that queues
an email, by the beat entry every minute (CELERY_BEAT_SCHEDULE in leadership/settings.py),
and by every worker as it starts (notices/apps.py).
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from notices.models import Outbox

log = logging.getLogger(__name__)

# A row that fails this many times stops being retried (it stays in the outbox, with its error).
MAX_ATTEMPTS = 8
# Backoff after the n-th failure: 1, 2, 4 ... minutes, never more than 30 (well under the
# broker's one-hour visibility timeout).
MAX_BACKOFF = timedelta(minutes=30)
BATCH = 200


def backoff(attempts):
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def _message(row):
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[row.to_email],
        headers={"Message-ID": row.message_id},
    )
    if row.html:
        message.attach_alternative(row.html, "text/html")
    if row.ics:
        message.attach("invitation.ics", row.ics, "text/calendar")
    return message


def _send_one(now):
    """Claim one due row under a lock, mark it sent, send it. None when nothing is due.

    The row is marked before the message goes, in a savepoint that a failed send rolls
    back: a write that cannot be made (a lock, a lost connection) stops the email instead
    of following it, and after the mail server has taken the message only the commit is
    left. On SQLite the transaction holds the database's write lock from its start
    (settings: IMMEDIATE, WAL), so neither the claim nor the commit waits on another writer.
    """
    with transaction.atomic():
        row = (
            Outbox.objects.select_for_update(skip_locked=True)
            .due(now)
            .order_by("due_at", "id")
            .first()
        )
        if row is None:
            return None
        try:
            with transaction.atomic():
                Outbox.objects.filter(pk=row.pk).update(
                    attempts=F("attempts") + 1, sent_at=timezone.now()
                )
                _message(row).send()
        except Exception as exc:
            row.attempts += 1
            row.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            row.due_at = timezone.now() + backoff(row.attempts)
            if row.attempts >= MAX_ATTEMPTS:
                row.gave_up_at = timezone.now()
                log.error("Gave up on outbox row %s: %s", row.pk, row.last_error)
            row.save(update_fields=["attempts", "last_error", "due_at", "gave_up_at"])
            return False
        return True


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS)
def send_due_outbox(self):
    """Send every due, unsent email once. Returns how many were sent."""
    now = timezone.now()
    sent = failed = 0
    for _ in range(BATCH):
        outcome = _send_one(now)
        if outcome is None:
            break
        if outcome:
            sent += 1
        else:
            failed += 1
    if failed and self.request.id:  # run by a worker (or apply), not called as a function
        # The failed rows carry their own due times; come back when the first is due.
        raise self.retry(countdown=int(backoff(self.request.retries + 1).total_seconds()))
    return sent


def enqueue_send(queue=None):
    """Ask a worker to run send_due_outbox now, on `queue` if given. Never raises: when the
    broker is down, the beat entry sends within a minute of it coming back."""
    try:
        send_due_outbox.apply_async(**({"queue": queue} if queue else {}))
    except Exception:
        log.warning("Could not enqueue send_due_outbox; the beat schedule will pick it up.")


def send_when_a_worker_starts(sender, **kwargs):
    """A worker that starts, after a crash too, sends what is due at once, on a queue it
    reads. The task a killed worker was running comes back only after the broker's
    visibility timeout (an hour), and beat may be down or a minute from its next tick."""
    enqueue_send(queue=next(iter(sender.app.amqp.queues.consume_from), None))
