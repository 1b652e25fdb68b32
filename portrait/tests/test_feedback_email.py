"""Feedback on a reflection tells its author, by email and in the app, exactly once."""

import pytest
from django.db import transaction
from django.urls import reverse

from notices import notify as notify_module
from notices import tasks as sending
from notices.models import Notification, Outbox
from portrait import services
from portrait.models import Feedback
from portrait.tests.factories import assign, reflection_by

SECRET_RESPONSE = "We met weekly and I doubted the plan."


@pytest.fixture(autouse=True)
def no_enqueue(monkeypatch):
    calls = []
    monkeypatch.setattr(notify_module, "_enqueue_send", lambda: calls.append(1))
    return calls


@pytest.fixture
def reflection(teacher, coach):
    assign(coach, teacher)
    return reflection_by(teacher, response=SECRET_RESPONSE)


def test_it_queues_one_email_and_one_notification_for_the_author(
    reflection, coach, teacher, client_for, django_capture_on_commit_callbacks, no_enqueue
):
    url = reverse("portrait:feedback_add", args=[reflection.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coach).post(url, {"text": "Try a pilot with one grade team."})

    row = Outbox.objects.get()
    assert row.recipient == teacher
    assert str(coach) in row.subject
    assert "Collaboration" in row.text
    link = reverse("portrait:reflection_detail", args=[reflection.pk])
    assert link in row.text and link in row.html
    assert SECRET_RESPONSE not in row.text + row.html
    assert "Try a pilot" not in row.text + row.html
    notification = Notification.objects.get()
    assert (notification.recipient, notification.url) == (teacher, link)
    assert notification.district_id == reflection.district_id
    assert no_enqueue == [1]


def test_it_tells_the_author_once_per_feedback(reflection, coach, district_admin):
    services.feedback_give(reflection=reflection, author=coach, text="One.")
    services.feedback_give(reflection=reflection, author=district_admin, text="Two.")

    assert Outbox.objects.filter(recipient=reflection.author).count() == 2
    assert Notification.objects.filter(recipient=reflection.author).count() == 2


def test_it_sends_the_email_once_when_the_task_runs_twice(reflection, coach, mailoutbox):
    services.feedback_give(reflection=reflection, author=coach, text="Good.")

    sending.send_due_outbox()
    sending.send_due_outbox()

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [reflection.author.email]
    assert SECRET_RESPONSE not in mailoutbox[0].body


def test_it_sends_nothing_when_the_feedback_is_rejected(reflection, coach, client_for):
    url = reverse("portrait:feedback_add", args=[reflection.pk])
    client_for(coach).post(url, {"text": "  "})

    assert not Feedback.objects.exists()
    assert not Outbox.objects.exists()
    assert not Notification.objects.exists()


def test_it_takes_the_email_back_when_the_feedback_is_rolled_back(reflection, coach):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.feedback_give(reflection=reflection, author=coach, text="Good.")
        raise RuntimeError("the request failed after saving")

    assert not Outbox.objects.exists()
    assert not Notification.objects.exists()
