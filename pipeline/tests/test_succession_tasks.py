"""The succession emails: the alert for a known opening within six months with nobody ready
now (exactly once), and the monthly digest to district admins (once a month)."""

import pytest
from django.conf import settings
from django.utils.formats import date_format

from conftest import make_person
from leadership.models import Role
from notices import notify as notify_module
from notices.models import Outbox
from pipeline.succession import tasks
from pipeline.succession.models import SchoolSupervisor, SuccessionSetting
from pipeline.tests.succession_data import (
    READY_LATER,
    READY_NOW,
    days,
    holder,
    position,
    ready_candidate,
    slate,
)


@pytest.fixture(autouse=True)
def _no_broker(monkeypatch):
    monkeypatch.setattr(notify_module, "_enqueue_send", lambda: None)


@pytest.fixture
def leaving(district, school, district_admin):
    post = position(district, school)
    term = holder(post, "Hana Holder", departure_on=days(60))
    return post, term


def alerts():
    return Outbox.objects.filter(kind="succession.uncovered")


def test_it_alerts_the_admins_once_however_often_it_runs(
    district_admin, outsider, leaving, district, school
):
    later = ready_candidate(district, school, "Lena Later")
    slate(leaving[0], (later, READY_LATER))
    assert tasks.alert_uncovered_openings() == 1
    assert tasks.alert_uncovered_openings() == 0
    (email,) = alerts()
    assert email.recipient == district_admin
    assert "Principal, Maple Grove Middle School: an opening by" in email.subject
    assert "announced departure: Hana Holder" in email.text
    assert f"/positions/{leaving[0].pk}/" in email.text
    assert "nobody on its slate is ready now" in email.html
    # Never to the people on the slate, nor to the holder.
    assert not Outbox.objects.filter(recipient__in=[later.user, leaving[1].person]).exists()


def test_nobody_is_alerted_when_someone_is_ready_now(leaving, district, school):
    slate(leaving[0], (ready_candidate(district, school, "Rea Dy"), READY_NOW))
    assert tasks.alert_uncovered_openings() == 0


def test_an_opening_more_than_six_months_away_waits(district, school, district_admin):
    holder(position(district, school), "Far Off", retirement_eligible_on=days(200))
    assert tasks.alert_uncovered_openings() == 0
    later = days(30).isoformat()
    assert tasks.alert_uncovered_openings(today=later) == 1


def test_a_new_date_is_a_new_opening(leaving):
    tasks.alert_uncovered_openings()
    post, term = leaving
    term.departure_on = days(90)
    term.save()
    assert tasks.alert_uncovered_openings() == 1
    assert alerts().count() == 2


def test_recording_the_departure_alerts_at_once_and_the_task_adds_nothing(
    cast, client_for, district, school
):
    post = position(district, school)
    term = holder(post, "Hana Holder")
    client_for(cast["admin"]).post(
        f"/succession/roles/{term.pk}/",
        {"started_on": term.started_on.isoformat(), "departure_on": days(45).isoformat()},
    )
    assert alerts().count() == 1
    assert tasks.alert_uncovered_openings() == 0


def test_a_vacancy_with_no_departing_holder_is_told_once(district, school, district_admin):
    post = position(district, school)
    holder(post, "Gone Before", started_days_ago=900, ended_on=days(-20))
    position(district, title="Director of assessment")  # never held
    assert tasks.alert_uncovered_openings() == 2
    assert tasks.alert_uncovered_openings() == 0
    assert tasks.alert_uncovered_openings(today=days(1).isoformat()) == 0  # a day later too
    email = alerts().get(subject__startswith="Principal, Maple Grove Middle School")
    assert email.recipient == district_admin
    assert email.subject == "Principal, Maple Grove Middle School: vacant and nobody ready now"
    since = date_format(days(-20))
    assert f"is vacant: nobody has held it since {since}" in email.text
    assert "You are told once about this vacancy." in email.html
    assert alerts().filter(subject__startswith="Director of assessment").count() == 1


def test_a_vacancy_with_somebody_ready_or_a_holder_named_to_start_is_not_told(
    district, school, other_school, district_admin
):
    covered = position(district, school)
    slate(covered, (ready_candidate(district, school, "Rea Dy"), READY_NOW))
    coming = position(district, other_school)
    holder(coming, "Next Holder", started_days_ago=-30)  # starts in a month
    assert tasks.alert_uncovered_openings() == 0


def test_a_departure_told_is_not_told_again_when_the_holder_leaves(
    cast, client_for, district, school, district_admin
):
    post = position(district, school)
    term = holder(post, "Hana Holder", departure_on=days(-1))
    assert tasks.alert_uncovered_openings() == 1
    client_for(cast["admin"]).post(
        f"/succession/roles/{term.pk}/end/", {"ended_on": days(-1).isoformat(), "reason": "left"}
    )
    term.refresh_from_db()
    assert term.ended_on == days(-1)
    assert tasks.alert_uncovered_openings() == 0
    assert alerts().count() == 1


def test_ending_the_last_holders_term_alerts_at_once(cast, client_for, district, school):
    post = position(district, school)
    term = holder(post, "Hana Holder")
    client_for(cast["admin"]).post(
        f"/succession/roles/{term.pk}/end/", {"ended_on": days(-1).isoformat(), "reason": "left"}
    )
    (email,) = alerts()
    assert "vacant" in email.subject
    assert tasks.alert_uncovered_openings() == 0


def test_supervisors_of_the_school_are_told_when_the_district_allows(
    leaving, district, school, district_admin
):
    supervisor = make_person("sup@maple.test", "Sue Pervisor", district, Role.COACH, school)
    SchoolSupervisor.objects.create(district=district, supervisor=supervisor, school=school)
    tasks.alert_uncovered_openings()
    assert not alerts().filter(recipient=supervisor).exists()
    SuccessionSetting.objects.create(district=district, supervisors_see_succession=True)
    leaving[1].departure_on = days(61)
    leaving[1].save()
    tasks.alert_uncovered_openings()
    assert alerts().filter(recipient=supervisor).count() == 1


def test_the_monthly_digest_goes_once_a_month(district_admin, leaving, district, school, outsider):
    nora = ready_candidate(district, school, "Nora Ready")
    second = position(district, title="Principal, summer school")
    slate(leaving[0], (nora, READY_NOW))
    slate(second, (nora, READY_NOW))
    assert tasks.send_succession_digest(today="2026-12-01") == 1  # the other district has none
    assert tasks.send_succession_digest(today="2026-12-15") == 0
    assert tasks.send_succession_digest(today="2027-01-01") == 1
    email = Outbox.objects.filter(kind="succession.digest").earliest("created_at")
    assert email.recipient == district_admin
    assert email.subject == "Succession in Maple Grove Schools: Dec 2026"
    assert "Known openings in the next 12 months: 2" in email.text
    assert "Ready-now successors on slates (each person counted once): 1" in email.text
    assert "Nora Ready: 2 slates, ranked first on 2" in email.text
    assert "/succession/" in email.text


def test_a_district_without_positions_gets_no_digest(district_admin):
    assert tasks.send_succession_digest() == 0


def test_the_beat_schedule_runs_both():
    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "pipeline.succession.tasks.alert_uncovered_openings" in tasks_scheduled
    assert "pipeline.succession.tasks.send_succession_digest" in tasks_scheduled
