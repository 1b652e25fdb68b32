"""/notifications/: the list, opening one, marking all read, the reminder preference."""

from django.urls import reverse

from leadership.tests.helpers import assert_flat_query_count
from notices.models import Notification

LIST = "/notifications/"


def _add(user, n, start=0):
    for i in range(start, start + n):
        Notification.objects.create(
            key=f"k{user.pk}-{i}", recipient=user, text=f"Notice number {i}", url="/"
        )


def test_it_lists_my_notifications_and_not_others(client_for, teacher, principal):
    _add(teacher, 2)
    Notification.objects.create(key="p", recipient=principal, text="For the principal only")
    response = client_for(teacher).get(LIST)
    assert response.status_code == 200
    assert "Notice number 1" in response.text
    assert "For the principal only" not in response.text
    assert "2 unread" in response.text


def test_it_shows_the_unread_count_in_the_navbar(client_for, teacher):
    _add(teacher, 3)
    response = client_for(teacher).get("/")
    assert '3<span class="visually-hidden"> unread</span>' in response.text


def test_it_asks_anonymous_people_to_sign_in(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_keeps_the_query_count_flat(client_for, teacher):
    _add(teacher, 2)
    client = client_for(teacher)
    assert_flat_query_count(client, LIST, lambda: _add(teacher, 30, start=10), budget=9)


def test_it_marks_one_read_and_follows_its_link(client_for, teacher):
    _add(teacher, 1)
    note = Notification.objects.get()
    response = client_for(teacher).post(reverse("notices:notification_open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == "/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_it_refuses_somebody_elses_notification(client_for, teacher, principal):
    _add(teacher, 1)
    note = Notification.objects.get()
    response = client_for(principal).post(reverse("notices:notification_open", args=[note.pk]))
    assert response.status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_it_does_not_follow_a_link_to_another_site(client_for, teacher):
    note = Notification.objects.create(
        key="x", recipient=teacher, text="x", url="https://evil.test/"
    )
    response = client_for(teacher).post(reverse("notices:notification_open", args=[note.pk]))
    assert response["Location"] == LIST


def test_it_marks_all_read(client_for, teacher, principal):
    _add(teacher, 3)
    _add(principal, 1)
    response = client_for(teacher).post(reverse("notices:notifications_read"), follow=True)
    assert "Marked 3 notifications as read." in response.text
    assert Notification.objects.unread().count() == 1


def test_it_refuses_get_on_actions(client_for, teacher):
    assert client_for(teacher).get(reverse("notices:notifications_read")).status_code == 405


def test_it_turns_reminder_emails_off_and_on(client_for, teacher):
    client = client_for(teacher)
    response = client.post(reverse("notices:reminder_preference"), {}, follow=True)
    assert "Reminder emails are off" in response.text
    teacher.refresh_from_db()
    assert teacher.reminder_emails is False
    client.post(reverse("notices:reminder_preference"), {"reminder_emails": "on"})
    teacher.refresh_from_db()
    assert teacher.reminder_emails is True
