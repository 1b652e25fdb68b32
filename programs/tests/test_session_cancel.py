"""Cancelling a session: one email with a calendar cancellation, listed as cancelled."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.models import AuditEvent
from leadership.tests.fixtures_browser import audit, sign_in
from leadership.tests.helpers import at_the_same_moment as at_once
from leadership.tests.helpers import require_postgres
from notices.models import Notification, Outbox
from programs import services, tasks
from programs.models import Attendance, Enrollment, Session


def _line(ics, name):
    return re.search(rf"^{name}:(.*)$", ics, re.MULTILINE).group(1).strip()


def _cancel_url(session):
    return reverse("programs:session_cancel", args=[session.pk])


def test_it_cancels_a_session_after_a_confirm_page(client_for, district_admin, session, teacher):
    client = client_for(district_admin)
    confirm = client.get(reverse("programs:session_cancel_confirm", args=[session.pk]))
    assert "Cancel “Kick-off”?" in confirm.text
    assert "Tom Teacher" in confirm.text and "Cora Coach (facilitator)" in confirm.text
    assert _cancel_url(session) in confirm.text

    response = client.post(_cancel_url(session), {"note": "Snow day; we meet next week."})
    assert response.status_code == 302

    session.refresh_from_db()
    assert session.is_cancelled and session.cancelled_at is not None
    assert session.cancel_note == "Snow day; we meet next week."
    page = client.get(reverse("programs:cohort", args=[session.cohort_id])).text
    assert "Kick-off" in page and "Cancelled" in page
    assert reverse("programs:attendance", args=[session.pk]) not in page

    rows = Outbox.objects.filter(kind="session.cancelled")
    assert sorted(r.to_email for r in rows) == ["coach@maple.test", teacher.email]
    row = rows.get(to_email=teacher.email)
    assert "has been cancelled" in row.text and "Snow day" in row.text
    invitation = Outbox.objects.get(kind="session.invitation", to_email=teacher.email)
    assert _line(row.ics, "METHOD") == "CANCEL"
    assert _line(row.ics, "STATUS") == "CANCELLED"
    assert _line(row.ics, "UID") == _line(invitation.ics, "UID")
    assert int(_line(row.ics, "SEQUENCE")) > int(_line(invitation.ics, "SEQUENCE"))
    assert Notification.objects.filter(recipient=teacher, text__startswith="Cancelled:").exists()
    assert AuditEvent.objects.filter(action="session.cancel").count() == 1


def test_it_cancels_after_a_change_with_a_higher_sequence(district_admin, session, teacher):
    services.session_update(
        actor=district_admin,
        session_id=session.pk,
        title="Kick-off",
        starts_at=session.starts_at + timedelta(days=1),
        ends_at=session.ends_at + timedelta(days=1),
        location="Library",
    )
    services.session_cancel(actor=district_admin, session_id=session.pk)
    changed = Outbox.objects.get(kind="session.changed", to_email=teacher.email)
    cancelled = Outbox.objects.get(kind="session.cancelled", to_email=teacher.email)
    assert int(_line(cancelled.ics, "SEQUENCE")) > int(_line(changed.ics, "SEQUENCE"))


def test_it_says_so_when_cancelled_twice_and_sends_nothing_more(
    client_for, district_admin, session
):
    client = client_for(district_admin)
    client.post(_cancel_url(session), {"note": "First"})
    response = client.post(_cancel_url(session), {"note": "Second"}, follow=True)
    assert "was already cancelled" in response.text
    assert Outbox.objects.filter(kind="session.cancelled").count() == 2  # teacher and coach
    assert Notification.objects.filter(text__startswith="Cancelled:").count() == 2
    assert AuditEvent.objects.filter(action="session.cancel").count() == 1
    session.refresh_from_db()
    assert session.cancel_note == "First"
    confirm = client.get(reverse("programs:session_cancel_confirm", args=[session.pk]), follow=True)
    assert "already cancelled" in confirm.text


def test_it_sends_anonymous_people_to_sign_in(client_for, session):
    response = client_for(None).post(_cancel_url(session))
    assert response.status_code == 302 and "/login" in response.url
    session.refresh_from_db()
    assert not session.is_cancelled


def test_it_gives_other_districts_404(client_for, outsider, session):
    assert client_for(outsider).post(_cancel_url(session)).status_code == 404
    session.refresh_from_db()
    assert not session.is_cancelled


@pytest.mark.parametrize("who", ["coach", "teacher", "principal"])
def test_it_refuses_people_who_do_not_run_the_district(request, client_for, session, who):
    person = request.getfixturevalue(who)
    assert client_for(person).post(_cancel_url(session)).status_code == 403
    confirm = reverse("programs:session_cancel_confirm", args=[session.pk])
    assert client_for(person).get(confirm).status_code == 403
    session.refresh_from_db()
    assert not session.is_cancelled
    assert not Outbox.objects.filter(kind="session.cancelled").exists()


def test_it_answers_405_to_get(client_for, district_admin, session):
    assert client_for(district_admin).get(_cancel_url(session)).status_code == 405
    session.refresh_from_db()
    assert not session.is_cancelled


def test_it_refuses_a_note_too_long_and_changes_nothing(client_for, district_admin, session):
    response = client_for(district_admin).post(
        _cancel_url(session), {"note": "x" * 1001}, follow=True
    )
    assert "too long" in response.text
    session.refresh_from_db()
    assert not session.is_cancelled
    assert not Outbox.objects.filter(kind="session.cancelled").exists()


def test_it_takes_no_attendance_for_a_cancelled_session(
    client_for, district_admin, coach, session, teacher
):
    services.session_cancel(actor=district_admin, session_id=session.pk)
    url = reverse("programs:attendance", args=[session.pk])
    enrollment = Enrollment.objects.get(person=teacher)
    response = client_for(coach).get(url, follow=True)
    assert "there is no attendance to take" in response.text
    client_for(coach).post(url, {f"e{enrollment.pk}": "present"})
    assert not Attendance.objects.exists()
    with pytest.raises(services.ServiceError):
        services.attendance_record(
            actor=coach, session=session, statuses={enrollment.pk: "present"}
        )
    assert not Attendance.objects.exists()


def test_it_does_not_change_a_cancelled_session(client_for, district_admin, session):
    services.session_cancel(actor=district_admin, session_id=session.pk)
    url = reverse("programs:session_edit", args=[session.pk])
    assert "cannot be changed" in client_for(district_admin).get(url, follow=True).text
    with pytest.raises(services.ServiceError):
        services.session_update(
            actor=district_admin,
            session_id=session.pk,
            title="Back on",
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            location="",
        )
    assert not Outbox.objects.filter(kind="session.changed").exists()


def test_it_gives_the_calendar_file_as_a_cancellation(client_for, district_admin, session, teacher):
    services.session_cancel(actor=district_admin, session_id=session.pk)
    text = (
        client_for(teacher)
        .get(reverse("programs:session_calendar", args=[session.pk]))
        .content.decode()
    )
    assert "METHOD:CANCEL" in text and "STATUS:CANCELLED" in text
    home = client_for(teacher).get("/").text
    assert "Cancelled" in home


def test_it_sends_no_reminder_for_a_cancelled_session_tomorrow(
    cohort, teacher, coach, district_admin
):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    tomorrow = timezone.localdate() + timedelta(days=1)
    start = datetime.combine(tomorrow, time(15), tzinfo=timezone.get_current_timezone())
    Session.objects.create(
        cohort=cohort, title="Kept", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    dropped = Session.objects.create(
        cohort=cohort, title="Dropped", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    services.session_cancel(actor=district_admin, session_id=dropped.pk)
    tasks.queue_daily_reminders()
    tasks.queue_daily_reminders()
    reminders = Outbox.objects.filter(kind="session.tomorrow")
    assert sorted(r.to_email for r in reminders) == ["coach@maple.test", teacher.email]
    assert all("Kept" in r.subject for r in reminders)


@pytest.mark.django_db(transaction=True)
def test_it_cancels_once_when_two_admins_cancel_at_once(district_admin, session, teacher):
    require_postgres()
    results = at_once(
        lambda: services.session_cancel(actor=district_admin, session_id=session.pk),
        lambda: services.session_cancel(actor=district_admin, session_id=session.pk),
    )
    errors = [r for r in results if isinstance(r, services.ServiceError)]
    assert len(errors) == 1 and "already cancelled" in errors[0].message, results
    assert Outbox.objects.filter(kind="session.cancelled", to_email=teacher.email).count() == 1
    assert AuditEvent.objects.filter(action="session.cancel").count() == 1


@pytest.mark.browser
def test_it_cancels_from_the_cohort_page_in_a_browser(page, live_server, district_admin, session):
    sign_in(page, live_server, district_admin.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('programs:cohort', args=[session.cohort_id])}")
    page.get_by_role("link", name="Cancel Kick-off").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Cancel “Kick-off”?")
    audit(page)
    page.get_by_label("A note for the people invited (optional)").fill("Snow day.")
    page.get_by_role("button", name="Yes, cancel the session").click()
    expect(page.get_by_text("everybody invited has been told")).to_be_visible()
    expect(page.get_by_text("Cancelled", exact=True).first).to_be_visible()
    audit(page)
    session.refresh_from_db()
    assert session.is_cancelled


def test_it_refuses_a_session_that_has_taken_place(client_for, district_admin, cohort, teacher):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    start = timezone.now() - timedelta(days=2)
    past = Session.objects.create(
        cohort=cohort, title="Last week", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    client = client_for(district_admin)
    confirm = reverse("programs:session_cancel_confirm", args=[past.pk])
    assert "cannot be cancelled" in client.get(confirm, follow=True).text
    response = client.post(_cancel_url(past), follow=True)
    assert "has already taken place" in response.text
    past.refresh_from_db()
    assert not past.is_cancelled
    assert not Outbox.objects.filter(kind="session.cancelled").exists()


def test_it_refuses_a_session_with_attendance_taken(client_for, district_admin, session, teacher):
    enrollment = Enrollment.objects.get(person=teacher)
    services.attendance_record(
        actor=district_admin, session=session, statuses={enrollment.pk: "present"}
    )
    client = client_for(district_admin)
    page = client.get(reverse("programs:cohort", args=[session.cohort_id])).text
    assert reverse("programs:session_cancel_confirm", args=[session.pk]) not in page
    response = client.post(_cancel_url(session), follow=True)
    assert "Attendance was already taken" in response.text
    session.refresh_from_db()
    assert not session.is_cancelled
    assert not Outbox.objects.filter(kind="session.cancelled").exists()


def test_it_leaves_a_cancelled_session_out_of_a_welcome(
    district_admin, other_principal, other_teacher, session, cohort, nominate
):
    start = session.starts_at + timedelta(days=7)
    services.session_create(
        actor=district_admin,
        cohort=cohort,
        title="Second meeting",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        location="",
    )
    services.session_cancel(actor=district_admin, session_id=session.pk)
    nomination = nominate(other_principal, other_teacher)
    services.nomination_respond(actor=other_teacher, nomination_id=nomination.pk, accept=True)
    services.nomination_decide(
        actor=district_admin, nomination_id=nomination.pk, decision="approved"
    )
    welcome = Outbox.objects.get(kind="enrollment.welcome", to_email=other_teacher.email)
    assert "Second meeting" in welcome.ics and "Kick-off" not in welcome.ics
