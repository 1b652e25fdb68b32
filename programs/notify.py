"""Email and in-app notifications that go out exactly once.

How to use it (any app may)::

    from programs.notify import notify

    with transaction.atomic():
        ...  # the change that causes the message
        notify(
            kind="nomination.submitted",      # what happened; part of the unique key
            obj=nomination,                   # the object it is about; part of the key
            recipients=[nominee],             # Users; duplicates are ignored
            subject="You have been nominated",
            template="nomination_submitted",  # templates/emails/<template>.txt and .html
            context={"nomination": nomination},
            url=reverse("programs:nomination", args=[nomination.pk]),
        )

What it does, inside the caller's transaction (so a rollback takes the emails with it):

- renders ``emails/<template>.txt`` and ``emails/<template>.html`` once per recipient, with
  the given context plus ``recipient``, ``url`` (absolute, from SITE_URL) and ``site_url``;
- writes one ``Outbox`` row per recipient keyed by (kind, object, recipient, period) with
  ``get_or_create``: calling ``notify`` twice for the same event writes nothing new. Use
  ``period`` to allow the same kind again later (a reminder passes the date, ``2026-11-23``);
- writes one in-app ``Notification`` per recipient, keyed the same way;
- with ``reminder=True``, a recipient whose ``User.reminder_emails`` is off gets no email
  (the in-app notification still appears). Workflow emails leave ``reminder`` False;
- ``due_at`` delays the email (a row with a due time, never a task with a long countdown);
- ``ics`` is an iCalendar text sent as an ``invitation.ics`` attachment;
- after the transaction commits, it asks a worker to run ``programs.tasks.send_due_outbox``;
  the every-minute beat entry runs it anyway, so a lost enqueue only delays the email.

Returns the number of emails newly queued.

Sending (``programs.tasks.send_due_outbox``) claims one due row at a time with
``select_for_update(skip_locked=True)``, sends it with a Message-ID derived from the key,
and marks it sent in the same transaction; a failure counts an attempt and pushes the row's
due time back (exponential backoff, capped well under the broker's visibility timeout).
The one window left open (the mail server took the message and the worker died before the
row was marked) is described in the README.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from leadership.models import District
from programs.models import Notification, Outbox, message_id_for, outbox_key

log = logging.getLogger(__name__)


def _district_of(obj, recipient):
    if isinstance(obj, District):
        return obj.pk
    district_id = getattr(obj, "district_id", None)
    if district_id:
        return district_id
    membership = recipient.memberships.filter(is_active=True).order_by("id").first()
    return membership.district_id if membership else None


def _enqueue_send():
    from programs.tasks import send_due_outbox

    try:
        send_due_outbox.delay()
    except Exception:  # the broker is down: the beat entry will send it within a minute
        log.warning("Could not enqueue send_due_outbox; the beat schedule will pick it up.")


def notify(
    *,
    kind: str,
    obj,
    recipients,
    subject: str,
    template: str,
    context: dict,
    period: str = "",
    url: str = "",
    due_at=None,
    ics: str | None = None,
    reminder: bool = False,
) -> int:
    """Queue one email and one in-app notification per recipient, once. See the module doc."""
    now = timezone.now()
    due_at = due_at or now
    absolute_url = f"{settings.SITE_URL}{url}" if url.startswith("/") else url
    seen = set()
    queued = 0
    for recipient in recipients:
        if recipient is None or recipient.pk in seen:
            continue
        seen.add(recipient.pk)
        key = outbox_key(kind=kind, obj=obj, recipient_id=recipient.pk, period=period)
        Notification.objects.get_or_create(
            key=key,
            defaults={
                "recipient": recipient,
                "district_id": _district_of(obj, recipient),
                "text": subject[:300],
                "url": url,
                "created_at": now,
            },
        )
        if reminder and not recipient.reminder_emails:
            continue
        if not recipient.email or Outbox.objects.filter(key=key).exists():
            continue
        full_context = {
            **context,
            "recipient": recipient,
            "url": absolute_url,
            "site_url": settings.SITE_URL,
            "reminder": reminder,
        }
        _, created = Outbox.objects.get_or_create(
            key=key,
            defaults={
                "kind": kind,
                "recipient": recipient,
                "to_email": recipient.email,
                "subject": subject[:200],
                "text": render_to_string(f"emails/{template}.txt", full_context),
                "html": render_to_string(f"emails/{template}.html", full_context),
                "ics": ics or "",
                "message_id": message_id_for(key),
                "created_at": now,
                "due_at": due_at,
            },
        )
        queued += int(created)
    if queued and due_at <= now:
        transaction.on_commit(_enqueue_send)
    return queued
