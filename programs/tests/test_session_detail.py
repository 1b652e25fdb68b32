"""A session's own page: what its invitation, change, reminder and cancellation emails link to."""

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from notices.models import Notification, Outbox
from programs import services, tasks


def _page(session):
    return reverse("programs:session", args=[session.pk])


def test_the_invitation_links_to_the_session(session, teacher):
    row = Outbox.objects.get(kind="session.invitation", recipient=teacher)
    assert f"{settings.SITE_URL}{_page(session)}" in row.text
    assert f'href="{settings.SITE_URL}{_page(session)}"' in row.html
    assert Notification.objects.get(recipient=teacher).url.endswith(_page(session))


def test_the_change_reminder_and_cancellation_link_to_the_session(session, teacher, district_admin):
    services.session_update(
        actor=district_admin,
        session_id=session.pk,
        title="Kick-off",
        starts_at=session.starts_at + timedelta(hours=1),
        ends_at=session.ends_at + timedelta(hours=1),
        location="Library",
    )
    session.starts_at = timezone.now() + timedelta(days=1)
    session.ends_at = session.starts_at + timedelta(hours=1)
    session.save()
    tasks.queue_daily_reminders()
    services.session_cancel(actor=district_admin, session_id=session.pk, note="Snow day.")
    for kind in ["session.changed", "session.tomorrow", "session.cancelled"]:
        row = Outbox.objects.get(kind=kind, recipient=teacher)
        assert f"{settings.SITE_URL}{_page(session)}" in row.text, kind


def test_it_shows_the_session_to_a_person_in_its_cohort(client_for, session, teacher):
    session.description = "Bring a lesson plan you want to talk through."
    session.save(update_fields=["description"])
    page = client_for(teacher).get(_page(session))
    assert page.status_code == 200
    assert "Kick-off" in page.text and "Library" in page.text
    assert "Bring a lesson plan" in page.text
    assert reverse("programs:session_calendar", args=[session.pk]) in page.text
    assert reverse("programs:attendance", args=[session.pk]) not in page.text


def test_it_offers_attendance_to_the_facilitator_and_changes_to_an_admin(
    client_for, session, coach, district_admin
):
    attendance = reverse("programs:attendance", args=[session.pk])
    edit = reverse("programs:session_edit", args=[session.pk])
    facilitator = client_for(coach).get(_page(session)).text
    assert attendance in facilitator and edit not in facilitator
    admin = client_for(district_admin).get(_page(session)).text
    assert attendance in admin and edit in admin


def test_it_says_a_cancelled_session_was_cancelled(client_for, session, teacher, district_admin):
    services.session_cancel(actor=district_admin, session_id=session.pk, note="Snow day.")
    page = client_for(teacher).get(_page(session)).text
    assert "This session was cancelled" in page and "Snow day." in page
    assert reverse("programs:session_calendar", args=[session.pk]) not in page


def test_it_requires_sign_in(client, session):
    response = client.get(_page(session))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_hides_the_session_from_people_outside_it(client_for, session, other_teacher, outsider):
    assert client_for(other_teacher).get(_page(session)).status_code == 404
    assert client_for(outsider).get(_page(session)).status_code == 404
    assert client_for(other_teacher).get("/sessions/999999/").status_code == 404


def test_it_refuses_a_post(client_for, session, teacher):
    assert client_for(teacher).post(_page(session)).status_code == 405
