"""notices.notify.notify and the send_due_outbox task: every email goes out exactly once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from leadership.tests.helpers import assert_within_budget
from notices import notify as notify_module
from notices import tasks
from notices.models import Notification, Outbox
from notices.tests.sending import queue_notice as _notify


@pytest.fixture
def no_enqueue(monkeypatch):
    calls = []
    monkeypatch.setattr(notify_module, "_enqueue_send", lambda: calls.append(1))
    return calls


def test_it_writes_one_email_and_one_notification_per_recipient(
    district, teacher, principal, no_enqueue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(district, [teacher, principal, teacher]) == 2
    assert Outbox.objects.count() == 2
    assert Notification.objects.filter(recipient=teacher, text="Something happened").exists()
    row = Outbox.objects.get(recipient=teacher)
    assert "Your cohort meets on Tuesday." in row.text
    assert "http://127.0.0.1:8000/notifications/" in row.html
    assert no_enqueue == [1]


def test_it_writes_nothing_new_when_called_twice(district, teacher, no_enqueue):
    _notify(district, [teacher])
    assert _notify(district, [teacher]) == 0
    assert Outbox.objects.count() == 1
    assert Notification.objects.count() == 1


def test_it_writes_many_recipients_in_the_same_number_of_queries(district, no_enqueue):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from conftest import make_person

    people = [make_person(f"n{i}@maple.test", f"N {i}", district, "teacher") for i in range(12)]
    counts = []
    for group in (people[:2], people[2:12]):
        with CaptureQueriesContext(connection) as queries:
            assert _notify(district, group) == len(group)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert_within_budget("notify() to ten people", counts[1], 7)
    assert _notify(district, people) == 0
    assert Outbox.objects.count() == 12 and Notification.objects.count() == 12


def test_it_allows_the_same_kind_again_in_another_period(district, teacher, no_enqueue):
    _notify(district, [teacher], period="2026-11-23")
    _notify(district, [teacher], period="2026-11-24")
    assert Outbox.objects.count() == 2


def test_it_skips_reminder_emails_for_people_who_turned_them_off(
    district, teacher, principal, no_enqueue
):
    teacher.reminder_emails = False
    teacher.save(update_fields=["reminder_emails"])
    _notify(district, [teacher, principal], reminder=True)
    assert list(Outbox.objects.values_list("recipient", flat=True)) == [principal.pk]
    assert Notification.objects.filter(recipient=teacher).exists()


def test_it_sends_workflow_emails_even_when_reminders_are_off(district, teacher, no_enqueue):
    teacher.reminder_emails = False
    teacher.save(update_fields=["reminder_emails"])
    _notify(district, [teacher])
    assert Outbox.objects.filter(recipient=teacher).exists()


def test_it_writes_nothing_when_the_transaction_rolls_back(district, teacher, no_enqueue):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        _notify(district, [teacher])
        raise RuntimeError("the change failed")
    assert not Outbox.objects.exists()
    assert not Notification.objects.exists()


def test_it_sends_each_email_once_when_the_task_runs_twice(district, teacher, no_enqueue):
    _notify(district, [teacher])
    assert tasks.send_due_outbox() == 1
    assert tasks.send_due_outbox() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    row = Outbox.objects.get()
    assert message.extra_headers["Message-ID"] == row.message_id
    assert message.to == [teacher.email]
    assert message.alternatives[0][1] == "text/html"
    assert row.sent_at is not None


def test_it_attaches_the_calendar_invitation(district, teacher, no_enqueue):
    _notify(district, [teacher], ics="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    tasks.send_due_outbox()
    name, content, mimetype = mail.outbox[0].attachments[0]
    assert (name, mimetype) == ("invitation.ics", "text/calendar")


def test_it_waits_for_the_due_time(district, teacher, no_enqueue):
    _notify(district, [teacher], due_at=timezone.now() + timedelta(hours=2))
    assert tasks.send_due_outbox() == 0
    assert no_enqueue == []
    assert mail.outbox == []


def test_it_retries_a_failed_send_later_and_loses_nothing(
    district, teacher, no_enqueue, monkeypatch
):
    _notify(district, [teacher])

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    assert tasks.send_due_outbox() == 0
    row = Outbox.objects.get()
    assert row.attempts == 1 and row.sent_at is None
    assert "mail server down" in row.last_error
    assert row.due_at > timezone.now()
    monkeypatch.undo()

    Outbox.objects.filter(pk=row.pk).update(due_at=timezone.now())
    assert tasks.send_due_outbox() == 1
    assert len(mail.outbox) == 1


def test_it_backs_off_exponentially_under_the_visibility_timeout():
    assert tasks.backoff(1) == timedelta(minutes=1)
    assert tasks.backoff(3) == timedelta(minutes=4)
    assert tasks.backoff(20) == timedelta(minutes=30)


def test_it_asks_celery_to_retry_when_a_send_fails(district, teacher, no_enqueue, monkeypatch):
    from celery.exceptions import Retry

    _notify(district, [teacher])

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    countdowns = []

    def fake_retry(**kwargs):
        countdowns.append(kwargs["countdown"])
        raise Retry()

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    monkeypatch.setattr(tasks.send_due_outbox, "retry", fake_retry)
    result = tasks.send_due_outbox.apply()
    assert result.state == "RETRY"
    assert countdowns == [60]  # well under the broker's visibility timeout
    assert Outbox.objects.get().attempts == 1


def test_it_gives_up_after_the_last_attempt_and_keeps_the_row(
    district, teacher, no_enqueue, monkeypatch
):
    _notify(district, [teacher])
    Outbox.objects.update(attempts=tasks.MAX_ATTEMPTS - 1)

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", broken)
    tasks.send_due_outbox()
    row = Outbox.objects.get()
    assert row.gave_up_at is not None and row.sent_at is None
    Outbox.objects.update(due_at=timezone.now())
    monkeypatch.undo()
    assert tasks.send_due_outbox() == 0  # a row that was given up on is not retried


def test_it_sends_nothing_when_the_row_cannot_be_marked_sent(district, teacher, no_enqueue):
    """The mark is written before the message goes: a mark that fails (SQLite's "database is
    locked") stops that email, instead of following it and leaving the row to go again."""
    from django.db import OperationalError, connection

    _notify(district, [teacher])

    def locked(execute, sql, params, many, context):
        if sql.startswith("UPDATE") and '"sent_at"' in sql:
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(locked):
        assert tasks.send_due_outbox() == 0
        Outbox.objects.update(due_at=timezone.now())
        assert tasks.send_due_outbox() == 0
    assert mail.outbox == []
    row = Outbox.objects.get()
    assert row.sent_at is None and row.attempts == 2
    assert "database is locked" in row.last_error
