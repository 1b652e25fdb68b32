"""An opportunity of one seat says "1 seat"; one person selected "1 person is"."""

import pytest
from django.core.exceptions import ValidationError

from opportunities import services
from opportunities.models import Application
from opportunities.tests.conftest import sent


@pytest.fixture
def one_seat(make_opportunity, school):
    return make_opportunity(school=school, seats=1)


def test_the_page_says_one_seat(cast, client_for, one_seat):
    body = client_for(cast["principal"]).get(f"/opportunities/{one_seat.pk}/").content.decode()
    assert "0 of 1 seat filled" in body


def test_the_selection_confirmation_says_one_seat(cast, client_for, one_seat):
    application = sent(one_seat, cast["teacher"])
    page = client_for(cast["principal"]).post(
        f"/opportunities/{one_seat.pk}/select/", {"applications": [application.pk]}
    )
    assert "1 of 1 seat will then be taken." in page.content.decode()


def test_fewer_seats_than_one_selected_person_says_person(cast, one_seat):
    sent(one_seat, cast["teacher"], status=Application.Status.SELECTED)
    one_seat.seats = 0
    with pytest.raises(ValidationError) as refused:
        services.opportunity_update(actor=cast["principal"], opportunity=one_seat, attributes=[])
    assert refused.value.messages[0].startswith("1 person is already selected;")
