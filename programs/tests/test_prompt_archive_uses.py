"""Archiving a reflection prompt that a running cohort has as an assignment says who could no
longer start it (programs registers programs.uses with portrait.uses)."""

import html
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from portrait.models import Reflection
from programs.models import Assignment, Enrollment


def test_it_names_the_cohort_and_counts_who_has_not_started(
    district_admin, teacher, other_teacher, coach, cohort, prompt, client_for
):
    due = timezone.localdate() + timedelta(days=5)
    Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=due)
    Enrollment.objects.create(cohort=cohort, person=teacher)
    Enrollment.objects.create(cohort=cohort, person=other_teacher)
    Enrollment.objects.create(cohort=cohort, person=coach, status=Enrollment.Status.WITHDRAWN)
    Reflection.objects.create(
        district=cohort.program.district,
        author=teacher,
        prompt=prompt,
        attribute=prompt.attribute,
        response="Started.",
    )

    page = client_for(district_admin).post(
        reverse("portrait:prompt_archive", args=[prompt.pk]), {"archived": "yes"}
    )

    body = html.unescape(page.content.decode())
    assert f"It is an assignment of {cohort}, due" in body
    assert "1 person there has not started it and could no longer start it." in body
    prompt.refresh_from_db()
    assert not prompt.is_archived


def test_it_leaves_out_cohorts_that_have_ended(district_admin, cohort, prompt, client_for):
    Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=cohort.starts_on)
    cohort.ends_on = timezone.localdate() - timedelta(days=1)
    cohort.starts_on = cohort.ends_on - timedelta(days=30)
    cohort.save(update_fields=["starts_on", "ends_on"])

    page = client_for(district_admin).post(
        reverse("portrait:prompt_archive", args=[prompt.pk]), {"archived": "yes"}
    )

    assert "It is an assignment of" not in page.content.decode()
