"""Email and in-app notifications that go out exactly once.

How to use it (any app may)::

    from notices.notify import notify

    with transaction.atomic():
        ...  # the change that causes the message
        notify(
            kind="nomination.submitted",      # what happened; part of the unique key
            obj=nomination,                   # the object it is about; part of the key
            recipients=[nominee],             # Users; duplicates are ignored
            subject="You have been nominated",  # or a function of the recipient
            template="nomination_submitted",  # templates/emails/<template>.txt and .html
            context={"nomination": nomination},
            url=reverse("programs:nomination", args=[nomination.pk]),
        )

What it does, inside the caller's transaction (so a rollback takes the emails with it):

- renders ``emails/<template>.txt`` and ``emails/<template>.html`` once per recipient, with
  the given context plus ``recipient``, ``subject``, ``url`` (absolute, from SITE_URL) and
  ``site_url``. ``subject`` may be a function of the recipient, so that each person reads
  about the change from where they stand ("Your nomination…", "Rosa Alvarez's nomination…");
  it is also the in-app notification's text;
- writes one ``Outbox`` row per recipient keyed by (kind, object, recipient, period) with
  one ``bulk_create(ignore_conflicts=True)`` for all recipients (templates are rendered only
  for keys not yet queued): calling ``notify`` twice for the same event writes nothing new.
  Use ``period`` to allow the same kind again later (a reminder passes the date, ``2026-11-23``);
- writes one in-app ``Notification`` per recipient, keyed the same way;
- with ``reminder=True``, a recipient whose ``User.reminder_emails`` is off gets no email
  (the in-app notification still appears). Workflow emails leave ``reminder`` False;
- ``due_at`` delays the email (a row with a due time, never a task with a long countdown);
- ``ics`` is an iCalendar text sent as an ``invitation.ics`` attachment;
- after the transaction commits, it asks a worker to run ``notices.tasks.send_due_outbox``;
  the every-minute beat entry runs it anyway, so a lost enqueue only delays the email.

Returns the number of emails newly queued.

Sending (``notices.tasks.send_due_outbox``) claims one due row at a time with
``select_for_update(skip_locked=True)`` (on SQLite, a transaction that holds the write lock),
marks it sent and then sends it with a Message-ID derived from the key, in the same
transaction; a failed send undoes the mark, counts an attempt and pushes the row's
due time back (exponential backoff, capped well under the broker's visibility timeout).
The one window left open (the mail server took the message and the worker died before the
mark was committed) is described in the README.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from leadership.models import District
from notices.models import Notification, Outbox, message_id_for, outbox_key
from notices.tasks import enqueue_send


def _district_of(obj, recipient):
    if isinstance(obj, District):
        return obj.pk
    district_id = getattr(obj, "district_id", None)
    if district_id:
        return district_id
    membership = recipient.memberships.filter(is_active=True).order_by("id").first()
    return membership.district_id if membership else None


def _enqueue_send():
    enqueue_send()


def _subject(subject, recipient):
    return subject(recipient) if callable(subject) else subject


def _outbox_row(recipient, key, *, kind, template, subject, context, url, reminder, ics, now, due):
    subject = _subject(subject, recipient)
    full_context = {
        **context,
        "recipient": recipient,
        "subject": subject,
        "url": url,
        "site_url": settings.SITE_URL,
        "reminder": reminder,
    }
    return Outbox(
        key=key,
        kind=kind,
        recipient=recipient,
        to_email=recipient.email,
        subject=subject[:200],
        text=render_to_string(f"emails/{template}.txt", full_context),
        html=render_to_string(f"emails/{template}.html", full_context),
        ics=ics or "",
        message_id=message_id_for(key),
        created_at=now,
        due_at=due,
    )


def notify(
    *,
    kind: str,
    obj,
    recipients,
    subject,
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
    people = {}
    for recipient in recipients:
        if recipient is not None and recipient.pk not in people:
            people[recipient.pk] = recipient
    keys = {pk: outbox_key(kind=kind, obj=obj, recipient_id=pk, period=period) for pk in people}
    if not keys:
        return 0
    # Two statements per table whatever the number of recipients: read which keys exist,
    # insert the rest, skipping any a concurrent call inserted in between (the unique key).
    known = set(Notification.objects.filter(key__in=keys.values()).values_list("key", flat=True))
    Notification.objects.bulk_create(
        [
            Notification(
                key=key,
                recipient=people[pk],
                district_id=_district_of(obj, people[pk]),
                text=_subject(subject, people[pk])[:300],
                url=url,
                created_at=now,
            )
            for pk, key in keys.items()
            if key not in known
        ],
        ignore_conflicts=True,
    )
    emailed = {
        pk: key
        for pk, key in keys.items()
        if people[pk].email and not (reminder and not people[pk].reminder_emails)
    }
    queued = 0
    if emailed:
        known = set(Outbox.objects.filter(key__in=emailed.values()).values_list("key", flat=True))
        email = {
            "kind": kind,
            "template": template,
            "subject": subject,
            "context": context,
            "url": absolute_url,
            "reminder": reminder,
            "ics": ics,
            "now": now,
            "due": due_at,
        }
        rows = [
            _outbox_row(people[pk], key, **email) for pk, key in emailed.items() if key not in known
        ]
        if rows:
            Outbox.objects.bulk_create(rows, ignore_conflicts=True)
            # Ours are the rows with our timestamp; a concurrent call's have its own.
            queued = Outbox.objects.filter(
                key__in=[row.key for row in rows], created_at=now
            ).count()
    if queued and due_at <= now:
        transaction.on_commit(_enqueue_send)
    return queued
