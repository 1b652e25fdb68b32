"""Seats hold under real concurrency, against PostgreSQL: two people selecting at the same
moment never fill more seats than there are. SQLite has no row locks, so on SQLite these
are skipped with the reason."""

import pytest
from django.core.exceptions import ValidationError

from leadership.tests.helpers import at_the_same_moment, require_postgres
from opportunities import services
from opportunities.models import Application
from opportunities.tests.conftest import sent

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgres():
    require_postgres()


def test_it_fills_one_seat_once_when_two_people_select_at_once(cast, make_opportunity, school):
    opportunity = make_opportunity(school=school, seats=1)
    first = sent(opportunity, cast["teacher"])
    second = sent(opportunity, cast["coach"])

    def select(actor, application):
        return lambda: services.opportunity_select(
            actor=actor, opportunity=opportunity, application_ids=[application.pk]
        )

    results = at_the_same_moment(select(cast["principal"], first), select(cast["admin"], second))
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    assert Application.objects.chosen().count() == 1


def test_it_keeps_one_application_when_the_same_person_sends_twice_at_once(cast, opportunity):
    def send():
        return services.application_save(
            applicant=cast["teacher"], opportunity=opportunity, note="Me", submit=True
        )

    results = at_the_same_moment(send, send)
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    assert Application.objects.count() == 1
