"""Scheduling or changing a session and adding an assignment email the cohort: the first
POST shows who will be emailed and changes nothing; saving a session unchanged asks nothing."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from notices.models import Outbox
from programs.models import Enrollment, Session


def _times(start):
    return {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    }


def test_it_names_who_a_new_session_invites_and_schedules_nothing(
    client_for, district_admin, cohort, teacher
):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    start = timezone.localtime() + timedelta(days=3)

    page = client_for(district_admin).post(
        reverse("programs:session_create", args=[cohort.pk]),
        {"title": "Kick-off", "location": "Room 4", **_times(start)},
    )

    assert "Schedule “Kick-off” for Teacher Leader Fellowship — Fall cohort?" in page.text
    assert "<li>Tom Teacher</li>" in page.text and "<li>Cora Coach</li>" in page.text
    assert "2 people are emailed" in page.text
    assert not Session.objects.exists()
    assert not Outbox.objects.exists()


def test_it_names_who_a_changed_session_emails_and_changes_nothing(
    client_for, district_admin, cohort, teacher
):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    start = timezone.localtime() + timedelta(days=3)
    session = Session.objects.create(
        cohort=cohort, title="Kick-off", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    url = reverse("programs:session_edit", args=[session.pk])
    moved = {"title": "Kick-off", "location": "Library", **_times(start + timedelta(days=1))}

    page = client_for(district_admin).post(url, moved)

    assert "Change “Kick-off” for" in page.text and "<li>Tom Teacher</li>" in page.text
    session.refresh_from_db()
    assert session.location == "" and session.starts_at == start
    assert not Outbox.objects.exists()


def test_it_saves_an_unchanged_session_without_asking(client_for, district_admin, cohort):
    start = timezone.localtime().replace(second=0, microsecond=0) + timedelta(days=3)
    session = Session.objects.create(
        cohort=cohort, title="Kick-off", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    url = reverse("programs:session_edit", args=[session.pk])

    response = client_for(district_admin).post(
        url, {"title": "Kick-off", "location": "", **_times(start)}, follow=True
    )

    assert 'name="confirmed"' not in response.text
    assert not Outbox.objects.exists()
