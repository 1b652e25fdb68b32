"""Learning turns into reflection: taking attendance for a session that names a prompt assigns
it to everybody present, due a week later; each is told once and reminded once, and the
reflection counts in the completion (Enrollment.objects.by_assignment)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from notices.models import Outbox
from portrait.models import Reflection
from programs import services, tasks
from programs.models import Assignment, Enrollment, Session


@pytest.fixture
def held(cohort, prompt, teacher, other_teacher):
    """A session that took place an hour ago and names the prompt; two people enrolled."""
    start = timezone.now() - timedelta(hours=2)
    session = Session.objects.create(
        cohort=cohort,
        title="Hard conversations",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        prompt=prompt,
        credit_hours=2,
    )
    one = Enrollment.objects.create(cohort=cohort, person=teacher)
    two = Enrollment.objects.create(cohort=cohort, person=other_teacher)
    return session, one, two


def _reflect(session, person, when):
    prompt = session.prompt
    return Reflection.objects.create(
        district=session.cohort.program.district,
        author=person,
        prompt=prompt,
        attribute=prompt.attribute,
        response="What I will try next week.",
        status=Reflection.Status.SUBMITTED,
        submitted_at=when,
    )


def _take(client, session, statuses):
    url = reverse("programs:attendance", args=[session.pk])
    return client.post(url, {f"e{e.pk}": status for e, status in statuses}, follow=True)


def test_it_assigns_the_prompt_to_those_present_due_a_week_later(client_for, coach, held):
    session, one, two = held

    _take(client_for(coach), session, [(one, "present"), (two, "absent")])

    assignment = Assignment.objects.get(session=session)
    assert assignment.prompt == session.prompt
    assert assignment.due_on == timezone.localdate() + timedelta(days=7)
    rows = Outbox.objects.filter(kind="assignment.after_session")
    assert [r.to_email for r in rows] == [one.person.email]
    assert "Hard conversations" in rows[0].subject
    mine = Enrollment.objects.filter(cohort=session.cohort).by_assignment()
    assert set(mine.values_list("pk", flat=True)) == {one.pk}


def test_it_tells_each_person_once_and_later_ones_then(client_for, coach, held):
    session, one, two = held
    client = client_for(coach)

    _take(client, session, [(one, "present"), (two, "absent")])
    _take(client, session, [(one, "present"), (two, "absent")])
    _take(client, session, [(one, "present"), (two, "present")])

    assert Assignment.objects.filter(session=session).count() == 1
    emails = sorted(Outbox.objects.filter(kind="assignment.after_session").values_list("to_email"))
    assert emails == sorted([(one.person.email,), (two.person.email,)])


def test_it_assigns_nothing_without_a_prompt_or_anybody_present(client_for, coach, held):
    session, one, two = held
    _take(client_for(coach), session, [(one, "absent"), (two, "excused")])
    assert not Assignment.objects.exists()

    session.prompt = None
    session.save(update_fields=["prompt"])
    _take(client_for(coach), session, [(one, "present"), (two, "present")])
    assert not Assignment.objects.exists()
    assert not Outbox.objects.filter(kind="assignment.after_session").exists()


def test_it_counts_the_reflection_written_after_the_session(coach, held):
    session, one, two = held
    services.attendance_record(
        actor=coach, session=session, statuses={one.pk: "present", two.pk: "present"}
    )
    _reflect(session, one.person, timezone.now())

    done = dict(
        Enrollment.objects.filter(cohort=session.cohort)
        .by_assignment()
        .values_list("pk", "submitted_on")
    )

    assert done == {one.pk: timezone.localdate(), two.pk: None}


def test_it_does_not_count_a_reflection_from_before_the_session(coach, held):
    session, one, two = held
    _reflect(session, one.person, session.starts_at - timedelta(days=7))
    session.cohort.starts_on = timezone.localdate() - timedelta(days=30)
    session.cohort.save(update_fields=["starts_on"])
    Enrollment.objects.filter(pk=one.pk).update(enrolled_on=session.cohort.starts_on)

    services.attendance_record(actor=coach, session=session, statuses={one.pk: "present"})

    row = Enrollment.objects.filter(pk=one.pk).by_assignment().get()
    assert row.submitted_on is None


def test_it_reminds_those_present_once_however_often_the_task_runs(coach, held):
    session, one, two = held
    services.attendance_record(
        actor=coach, session=session, statuses={one.pk: "present", two.pk: "absent"}
    )
    soon = (timezone.localdate() + timedelta(days=5)).isoformat()

    first = tasks.queue_daily_reminders(soon)
    second = tasks.queue_daily_reminders(soon)

    assert first == 1 and second == 0
    rows = Outbox.objects.filter(kind="assignment.due_soon")
    assert [r.to_email for r in rows] == [one.person.email]


def test_it_shows_it_on_the_home_of_those_present_only(client_for, coach, held):
    session, one, two = held
    services.attendance_record(
        actor=coach, session=session, statuses={one.pk: "present", two.pk: "absent"}
    )
    item = 'Write your reflection<span class="visually-hidden"> for Teacher Leader Fellowship'

    assert item in client_for(one.person).get("/").text
    assert item not in client_for(two.person).get("/").text


def test_it_marks_the_grid_for_those_not_at_the_session(client_for, district_admin, coach, held):
    session, one, two = held
    services.attendance_record(
        actor=coach, session=session, statuses={one.pk: "present", two.pk: "absent"}
    )

    page = client_for(district_admin).get(reverse("programs:cohort", args=[session.cohort_id]))

    assert "after Hard conversations" in page.text
    assert page.text.count("Not asked (not at the session)") == 1
