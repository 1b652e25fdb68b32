"""Which reflection counts for an assignment: one submitted in its window (since the person
was enrolled and the cohort began), by the due date or marked late. Cohort page, home and
reminders give the same answer."""

from datetime import timedelta

import pytest
from django.template.defaultfilters import date as date_format
from django.urls import reverse
from django.utils import timezone

from notices.models import Outbox
from portrait.tests.factories import reflection_by
from programs import tasks
from programs.models import Assignment, Enrollment


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def assign(cohort, prompt, teacher, today):
    """The teacher in a cohort that began `began` days ago, enrolled `enrolled` days ago,
    with an assignment due in `due` days."""

    def make(*, began, enrolled, due):
        cohort.starts_on = today - timedelta(days=began)
        cohort.save()
        Enrollment.objects.create(
            cohort=cohort, person=teacher, enrolled_on=today - timedelta(days=enrolled)
        )
        return Assignment.objects.create(
            cohort=cohort, prompt=prompt, due_on=today + timedelta(days=due)
        )

    return make


def _submit(teacher, prompt, days_ago):
    return reflection_by(
        teacher, prompt=prompt, submitted_at=timezone.now() - timedelta(days=days_ago)
    )


def _cell(client, cohort):
    """The text of the teacher's assignment cell on the cohort page (one assignment)."""
    text = client.get(reverse("programs:cohort", args=[cohort.pk])).text
    row = text[text.index("Tom Teacher") :].split("</tr>", 1)[0]
    return row.rsplit("<td", 1)[1].split(">", 1)[1]


def _home_badge(client):
    text = client.get("/").text
    item = text[text.index('<h3 class="h6">Assignments</h3>') :].split("</li>", 1)[0]
    return item.split('<span class="badge', 1)[1].split("</span>", 1)[0]


def _reminded():
    return sorted(
        Outbox.objects.filter(kind__startswith="assignment.").values_list("to_email", flat=True)
    )


def test_it_does_not_count_a_reflection_from_before_the_enrolment(
    client_for, district_admin, teacher, cohort, prompt, assign
):
    assign(began=0, enrolled=0, due=2)
    _submit(teacher, prompt, days_ago=365)
    cell = _cell(client_for(district_admin), cohort)
    assert "Submitted" not in cell and "Not yet" in cell
    badge = _home_badge(client_for(teacher))
    assert "Submitted" not in badge and "Due" in badge
    assert "Write your reflection" in client_for(teacher).get("/").text
    tasks.queue_daily_reminders()
    assert _reminded() == ["teacher@maple.test"]


def test_it_does_not_count_a_reflection_from_before_the_cohort_began(
    client_for, district_admin, teacher, cohort, prompt, assign
):
    assign(began=10, enrolled=30, due=2)
    _submit(teacher, prompt, days_ago=20)
    assert "Not yet" in _cell(client_for(district_admin), cohort)
    tasks.queue_daily_reminders()
    assert _reminded() == ["teacher@maple.test"]


def test_it_counts_a_reflection_submitted_in_the_window(
    client_for, district_admin, teacher, cohort, prompt, assign
):
    assign(began=30, enrolled=20, due=2)
    _submit(teacher, prompt, days_ago=365)
    counted = _submit(teacher, prompt, days_ago=10)
    cell = _cell(client_for(district_admin), cohort)
    assert "Submitted" in cell and "late" not in cell
    # The day of the reflection that counts, in the site's date format.
    assert date_format(timezone.localtime(counted.submitted_at).date()) in cell
    badge = _home_badge(client_for(teacher))
    assert "Submitted" in badge and "late" not in badge
    tasks.queue_daily_reminders()
    assert _reminded() == []


def test_it_shows_a_reflection_after_the_due_date_as_late(
    client_for, district_admin, teacher, cohort, prompt, district, today, assign
):
    assign(began=30, enrolled=30, due=-5)
    _submit(teacher, prompt, days_ago=1)
    cell = _cell(client_for(district_admin), cohort)
    assert "Submitted late" in cell and "Overdue" not in cell
    assert "Submitted late" in _home_badge(client_for(teacher))
    tasks.queue_daily_reminders()
    assert _reminded() == []
    assert tasks.overdue_count(district, today) == 0
