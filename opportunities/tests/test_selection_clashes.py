"""Choosing applicants tells the truth (issue 14, item 4): on the applicant list, a person
already chosen for another opportunity at the same time, or anybody once every seat is
taken, has a disabled checkbox and the reason beside it; choosing them anyway is refused with
the same words, and nothing changes."""

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from conftest import make_person
from leadership.tests.helpers import assert_flat_query_count
from opportunities.models import Application, Opportunity
from opportunities.tests.conftest import sent

TODAY = timezone.localdate()
MARCH = TODAY + datetime.timedelta(days=30)
JUNE = TODAY + datetime.timedelta(days=120)


def _days(start, end):
    return f"{date_format(start)} – {date_format(end)}"


@pytest.fixture
def dated(make_opportunity, school):
    """The principal's opportunity, from MARCH to JUNE, one seat."""
    return make_opportunity(
        title="Lead the reading pilot", school=school, seats=1, starts_on=MARCH, ends_on=JUNE
    )


def _elsewhere(make_opportunity, person, *, starts_on, ends_on=None, **extra):
    """Another opportunity of the district, with `person` selected for it."""
    status = extra.pop("application_status", "selected")
    other = make_opportunity(
        title="Mentor a new teacher", starts_on=starts_on, ends_on=ends_on, **extra
    )
    application = sent(other, person, status=status)
    if status == "submitted":
        application.chosen_at = timezone.now()
        application.save(update_fields=["chosen_at"])
    return other


def _list(client_for, cast, opportunity):
    return client_for(cast["principal"]).get(f"/opportunities/{opportunity.pk}/applications/").text


def _pick(application, *, disabled):
    tail = f' disabled aria-describedby="cannot-{application.pk}">' if disabled else ">"
    return f'id="pick-{application.pk}"{tail}'


# --- The list -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "clash"),
    [
        (TODAY, MARCH, True),  # ends the day this starts
        (MARCH + datetime.timedelta(days=10), None, True),  # starts inside, goes on
        (TODAY - datetime.timedelta(days=400), None, True),  # began long ago, goes on
        (JUNE, JUNE + datetime.timedelta(days=30), True),  # starts the day this ends
        (TODAY, MARCH - datetime.timedelta(days=1), False),  # over the day before
        (JUNE + datetime.timedelta(days=1), None, False),  # starts the day after
    ],
)
def test_it_marks_who_is_chosen_elsewhere_at_the_same_time(
    starts_on, ends_on, clash, cast, client_for, dated, make_opportunity
):
    application = sent(dated, cast["teacher"])
    _elsewhere(make_opportunity, cast["teacher"], starts_on=starts_on, ends_on=ends_on)
    page = _list(client_for, cast, dated)
    assert _pick(application, disabled=clash) in page
    when = _days(starts_on, ends_on) if ends_on else f"from {date_format(starts_on)}"
    reason = f"already chosen for “Mentor a new teacher” at the same time ({when})"
    assert (f"Cannot be chosen: {reason}" in page) is clash


def test_a_choice_not_announced_yet_counts_and_a_called_off_opportunity_does_not(
    cast, client_for, dated, make_opportunity
):
    teacher, coach = sent(dated, cast["teacher"]), sent(dated, cast["coach"])
    _elsewhere(make_opportunity, cast["teacher"], starts_on=MARCH, application_status="submitted")
    _elsewhere(
        make_opportunity, cast["coach"], starts_on=MARCH, status=Opportunity.Status.CANCELLED
    )
    page = _list(client_for, cast, dated)
    assert _pick(teacher, disabled=True) in page and _pick(coach, disabled=False) in page


def test_an_opportunity_without_dates_clashes_with_nothing(
    cast, client_for, make_opportunity, school
):
    undated = make_opportunity(school=school)
    application = sent(undated, cast["teacher"])
    _elsewhere(make_opportunity, cast["teacher"], starts_on=TODAY)
    assert _pick(application, disabled=False) in _list(client_for, cast, undated)


def test_it_marks_everybody_waiting_once_every_seat_is_taken(cast, client_for, dated):
    sent(dated, cast["coach"], status="selected")
    waiting = sent(dated, cast["teacher"])
    page = _list(client_for, cast, dated)
    assert _pick(waiting, disabled=True) in page
    assert "Cannot be chosen: the only seat is taken; undo a choice to choose someone else" in page


# --- Choosing anyway ------------------------------------------------------------------------


def test_it_refuses_to_choose_someone_chosen_elsewhere_with_the_same_reason(
    cast, client_for, dated, make_opportunity
):
    application = sent(dated, cast["teacher"])
    _elsewhere(make_opportunity, cast["teacher"], starts_on=MARCH, ends_on=JUNE)
    client = client_for(cast["principal"])
    url = f"/opportunities/{dated.pk}/select/"
    message = (
        "Tom Teacher cannot be chosen: already chosen for “Mentor a new teacher” at the same "
        f"time ({_days(MARCH, JUNE)}). Nobody was selected."
    )
    asked = client.post(url, {"applications": [application.pk]}, follow=True)
    assert message in asked.text and 'name="confirmed"' not in asked.text
    # Past the confirmation too (a page left open while the other choice was made).
    done = client.post(
        url, {"applications": [application.pk], "confirmed": "yes", "told": ""}, follow=True
    )
    assert message in done.text
    application.refresh_from_db()
    assert application.chosen_at is None


def test_it_refuses_to_choose_anybody_once_every_seat_is_taken(cast, client_for, dated):
    sent(dated, cast["coach"], status="selected")
    waiting = sent(dated, cast["teacher"])
    response = client_for(cast["principal"]).post(
        f"/opportunities/{dated.pk}/select/",
        {"applications": [waiting.pk], "confirmed": "yes", "told": ""},
        follow=True,
    )
    assert (
        "Nobody can be chosen: the only seat is taken; undo a choice to choose someone else. "
        "Nobody was selected."
    ) in response.text
    assert not Application.objects.filter(chosen_at__isnull=False).exists()


def test_it_still_chooses_someone_free_at_that_time(cast, client_for, dated, make_opportunity):
    application = sent(dated, cast["teacher"])
    _elsewhere(make_opportunity, cast["teacher"], starts_on=JUNE + datetime.timedelta(days=1))
    client_for(cast["principal"]).post(
        f"/opportunities/{dated.pk}/select/",
        {"applications": [application.pk], "confirmed": "yes", "told": ""},
    )
    application.refresh_from_db()
    assert application.chosen_at is not None


# --- Queries ------------------------------------------------------------------------------


def test_it_marks_the_list_in_the_same_number_of_queries_for_more_applicants(
    cast, client_for, dated, make_opportunity, district, school
):
    """Who is chosen elsewhere comes from one query, however many applied."""
    dated.seats = 20
    dated.save(update_fields=["seats"])
    sent(dated, cast["teacher"])
    _elsewhere(make_opportunity, cast["teacher"], starts_on=MARCH)

    def grow():
        for i in range(5):
            person = make_person(f"clash{i}@maple.test", f"C {i}", district, "teacher", school)
            sent(dated, person)
            _elsewhere(make_opportunity, person, starts_on=MARCH, ends_on=JUNE)

    url = f"/opportunities/{dated.pk}/applications/"
    assert_flat_query_count(client_for(cast["principal"]), url, grow, budget=10)
