"""The daily reminders and the weekly digest: who hears, and nothing twice."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from notices import tasks as sending
from notices.models import Notification, Outbox
from portrait.models import Reflection
from programs import services, tasks
from programs.models import Assignment, Enrollment, Nomination, Session


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def enrolled(cohort, teacher, other_teacher):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    Enrollment.objects.create(cohort=cohort, person=other_teacher)
    return [teacher, other_teacher]


def _submit(author, prompt, district):
    Reflection.objects.create(
        district=district,
        author=author,
        prompt=prompt,
        attribute=prompt.attribute,
        response="I listened first.",
        status=Reflection.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )


def _emails(kind):
    return sorted(Outbox.objects.filter(kind=kind).values_list("to_email", flat=True))


def test_it_reminds_people_who_have_not_submitted_an_assignment_due_soon(
    cohort, prompt, enrolled, district, teacher, today
):
    Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=today + timedelta(days=2))
    _submit(teacher, prompt, district)
    tasks.queue_daily_reminders()
    assert _emails("assignment.due_soon") == ["teacher2@maple.test"]


def test_it_uses_the_district_reminder_days(cohort, prompt, enrolled, district, today):
    Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=today + timedelta(days=5))
    tasks.queue_daily_reminders()
    assert _emails("assignment.due_soon") == []
    district.reminder_days = 7
    district.save()
    tasks.queue_daily_reminders()
    assert len(_emails("assignment.due_soon")) == 2


def test_it_reminds_about_overdue_assignments(cohort, prompt, enrolled, today):
    Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=today - timedelta(days=1))
    tasks.queue_daily_reminders()
    assert len(_emails("assignment.overdue")) == 2
    assert "Overdue" in Outbox.objects.filter(kind="assignment.overdue").first().subject


def test_it_reminds_about_sessions_tomorrow_with_an_invitation(cohort, enrolled, coach, today):
    start = datetime.combine(
        today + timedelta(days=1), time(15), tzinfo=timezone.get_current_timezone()
    )
    Session.objects.create(
        cohort=cohort, title="Kick-off", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    later = start + timedelta(days=3)
    Session.objects.create(
        cohort=cohort, title="Later", starts_at=later, ends_at=later + timedelta(hours=1)
    )
    tasks.queue_daily_reminders()
    assert _emails("session.tomorrow") == sorted(
        ["teacher@maple.test", "teacher2@maple.test", "coach@maple.test"]
    )
    assert "BEGIN:VEVENT" in Outbox.objects.filter(kind="session.tomorrow").first().ics


def test_it_reminds_principals_of_schools_without_a_nomination(
    window, nominate, principal, other_principal, other_teacher, cast, today
):
    window.closes_on = today + timedelta(days=3)
    window.save()
    nominate(principal, cast["teacher"])
    tasks.queue_daily_reminders()
    assert _emails("window.closing") == ["principal2@maple.test"]


def test_it_skips_reminder_emails_for_people_who_turned_them_off(
    cohort, prompt, enrolled, teacher, today
):
    teacher.reminder_emails = False
    teacher.save()
    Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=today)
    tasks.queue_daily_reminders()
    assert _emails("assignment.due_soon") == ["teacher2@maple.test"]
    assert Notification.objects.filter(recipient=teacher).exists()


def test_it_queues_and_sends_nothing_twice(cohort, prompt, enrolled, today, coach):
    Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=today + timedelta(days=1))
    start = timezone.now() + timedelta(days=1)
    Session.objects.create(
        cohort=cohort, title="Soon", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    first = tasks.queue_daily_reminders()
    assert first > 0
    assert tasks.queue_daily_reminders() == 0
    sending.send_due_outbox()
    sending.send_due_outbox()
    assert len(mail.outbox) == Outbox.objects.count() == first


def test_it_sends_admins_a_weekly_digest_once_a_week(
    cast, nominate, cohort, prompt, enrolled, today
):
    # The coach: the enrolled teachers cannot be nominated into the program they are in.
    nomination = nominate(cast["principal"], cast["coach"])
    services.nomination_respond(actor=cast["coach"], nomination_id=nomination.pk, accept=True)
    Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=today - timedelta(days=2))
    assert tasks.queue_weekly_digest() == 2  # Maple Grove's admin, and the other district's
    assert tasks.queue_weekly_digest() == 0
    row = Outbox.objects.get(kind="digest.weekly", to_email="admin@maple.test")
    assert "New nominations in the last seven days: 1" in row.text
    assert "waiting for a district decision: 1" in row.text
    assert "Overdue assignment reflections: 2" in row.text
    assert Nomination.objects.count() == 1
    # Next week is a new period.
    assert tasks.queue_weekly_digest(today=(today + timedelta(days=7)).isoformat()) == 2
