"""A cohort of one place says "1 place", one person enrolled "1 person is enrolled"."""

import pytest
from django.urls import reverse

from programs import services
from programs.models import Enrollment


@pytest.fixture
def one_place(cohort):
    cohort.capacity = 1
    cohort.save(update_fields=["capacity"])
    return cohort


def test_a_cohort_of_one_place_says_place(client_for, district_admin, one_place):
    page = client_for(district_admin).get(reverse("programs:cohort", args=[one_place.pk]))
    assert "0 of 1 place taken" in page.text


def test_a_capacity_below_one_enrolled_person_says_person(district_admin, teacher, cohort):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    with pytest.raises(services.ServiceError) as refused:
        services.cohort_update(
            actor=district_admin,
            cohort_id=cohort.pk,
            name=cohort.name,
            starts_on=cohort.starts_on,
            ends_on=cohort.ends_on,
            capacity=0,
        )
    assert str(refused.value.args[0]).startswith("1 person is enrolled;")


def test_the_approval_confirmation_says_one_place(
    client_for, district_admin, principal, teacher, nominate, one_place
):
    nomination = nominate(principal, teacher)
    services.nomination_respond(actor=teacher, nomination_id=nomination.pk, accept=True)
    page = client_for(district_admin).post(
        reverse("programs:nomination_decide", args=[nomination.pk]),
        {"decision": "approved", "cohort": one_place.pk},
    )
    assert "(0 of 1 place taken now)" in page.text
