"""A session carries credit hours (0 to 24) and, optionally, a prompt those present reflect on."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from leadership.tests.confirming import confirm
from notices.models import Outbox
from programs.models import Enrollment, Session


def _form(**extra):
    start = timezone.localtime() + timedelta(days=7)
    return {
        "title": "Leading meetings",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Room 12",
        **extra,
    }


def test_it_schedules_a_session_with_credit_hours_and_a_prompt(
    client_for, district_admin, cohort, prompt, teacher
):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    url = reverse("programs:session_create", args=[cohort.pk])

    page = client_for(district_admin).get(reverse("programs:cohort", args=[cohort.pk]))
    assert "Credit hours for attending" in page.text and prompt.text in page.text
    confirm(client_for(district_admin), url, _form(credit_hours="2.5", prompt=prompt.pk))

    session = Session.objects.get()
    assert session.credit_hours == Decimal("2.5") and session.prompt == prompt


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ("-1", "Credit hours cannot be negative."),
        ("24.5", "One session carries at most 24 credit hours."),
        ("100", "One session carries at most 24 credit hours."),
        ("two", "Give credit hours as a number, such as 1.5."),
    ],
)
def test_it_refuses_hours_that_are_negative_or_more_than_a_day(
    client_for, district_admin, cohort, hours, message
):
    url = reverse("programs:session_create", args=[cohort.pk])

    response = client_for(district_admin).post(url, _form(credit_hours=hours), follow=True)

    assert message in response.text
    assert not Session.objects.exists()
    assert not Outbox.objects.exists()


def test_it_refuses_a_prompt_of_another_district(client_for, district_admin, cohort, outsider):
    from portrait.models import Attribute, Framework, ReflectionPrompt

    framework = Framework.objects.create(district=outsider.memberships.get().district)
    attribute = Attribute.objects.create(framework=framework, name="A", slug="a", summary="A.")
    theirs = ReflectionPrompt.objects.create(attribute=attribute, text="Theirs")
    url = reverse("programs:session_create", args=[cohort.pk])

    response = client_for(district_admin).post(url, _form(prompt=theirs.pk), follow=True)

    assert "Select a valid choice" in response.text
    assert not Session.objects.exists()


def test_it_changes_hours_alone_without_emailing_anybody(
    client_for, district_admin, session, prompt
):
    url = reverse("programs:session_edit", args=[session.pk])
    session.starts_at = session.starts_at.replace(second=0, microsecond=0)
    session.ends_at = session.starts_at + timedelta(hours=1)
    session.save(update_fields=["starts_at", "ends_at"])
    local = timezone.localtime(session.starts_at)
    data = {
        "title": session.title,
        "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(session.ends_at).strftime("%Y-%m-%dT%H:%M"),
        "location": session.location,
        "credit_hours": "3",
        "prompt": prompt.pk,
    }
    before = Outbox.objects.count()

    response = client_for(district_admin).post(url, data, follow=True)

    assert "Saved the session" in response.text
    session.refresh_from_db()
    assert session.credit_hours == 3 and session.prompt == prompt
    assert Outbox.objects.count() == before


def test_it_refuses_the_facilitator_changing_hours(client_for, coach, session):
    url = reverse("programs:session_edit", args=[session.pk])

    assert client_for(coach).post(url, _form(credit_hours="5")).status_code == 403
    session.refresh_from_db()
    assert session.credit_hours == 0
