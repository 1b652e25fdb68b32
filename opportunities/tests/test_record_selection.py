"""Being selected for an opportunity is on the leadership record at once, as a current role
("Leading now, since …"), on the home page, the record page and the candidate page; once the
opportunity has ended the line is dated, and recording it replaces the line."""

import datetime

from django.template.defaultfilters import date as date_format
from django.utils import timezone

from leadership.tests.helpers import assert_flat_query_count
from opportunities.models import ExperienceEntry, Opportunity
from opportunities.record import export_experience
from opportunities.tests.conftest import sent
from pipeline.models import Candidate

TODAY = timezone.localdate()
NEVER_LED = "You have not led a team"


def _select(opportunity, person, days_ago=3):
    application = sent(opportunity, person, status="selected")
    application.decided_at = timezone.now() - datetime.timedelta(days=days_ago)
    application.save(update_fields=["decided_at"])
    return application


def _pages(cast, client_for, district, school):
    candidate = Candidate.objects.create(district=district, user=cast["teacher"], school=school)
    teacher = client_for(cast["teacher"])
    return {
        "home": teacher.get("/").content.decode(),
        "record": teacher.get("/experience/").content.decode(),
        "candidate": client_for(cast["admin"])
        .get(f"/pipeline/candidates/{candidate.pk}/")
        .content.decode(),
    }


def test_it_shows_a_selection_as_a_current_role(cast, client_for, district, school, opportunity):
    _select(opportunity, cast["teacher"], days_ago=3)
    since = date_format(TODAY - datetime.timedelta(days=3))
    for page, body in _pages(cast, client_for, district, school).items():
        assert NEVER_LED not in body, page
        assert "No leadership experience recorded yet" not in body, page
        assert "Review the grade 7 science units" in body, page
        assert f"Leading now, since {since}" in body, page
    record = client_for(cast["teacher"]).get("/experience/").content.decode()
    assert f"/opportunities/{opportunity.pk}/experience/" in record  # record it when it ends


def test_it_dates_the_role_from_the_opportunitys_start(
    cast, client_for, district, school, opportunity
):
    opportunity.starts_on = TODAY - datetime.timedelta(days=40)
    opportunity.save()
    _select(opportunity, cast["teacher"])
    body = client_for(cast["teacher"]).get("/").content.decode()
    assert f"Leading now, since {date_format(opportunity.starts_on)}" in body


def test_it_dates_the_role_once_the_opportunity_has_ended(
    cast, client_for, district, school, opportunity
):
    opportunity.starts_on = datetime.date(2025, 1, 10)
    opportunity.ends_on = datetime.date(2025, 6, 20)
    opportunity.save()
    _select(opportunity, cast["teacher"], days_ago=400)
    body = client_for(cast["teacher"]).get("/experience/").content.decode()
    assert "Leading now" not in body
    start, end = (
        date_format(d, "YEAR_MONTH_FORMAT") for d in (opportunity.starts_on, opportunity.ends_on)
    )
    assert f"{start} – {end}" in body
    assert "has ended" in body
    teacher = Candidate.objects.create(district=district, user=cast["teacher"], school=school)
    exported = export_experience([teacher])[teacher.pk]
    assert exported.startswith("Review the grade 7 science units (") and "now" not in exported


def test_it_shows_a_recorded_selection_once(cast, client_for, district, school, opportunity):
    _select(opportunity, cast["teacher"])
    client = client_for(cast["teacher"])
    response = client.post(
        f"/opportunities/{opportunity.pk}/experience/",
        {
            "started_on": (TODAY - datetime.timedelta(days=30)).isoformat(),
            "ended_on": TODAY.isoformat(),
            "summary": "We rewrote two units.",
        },
    )
    assert response.status_code == 302
    assert ExperienceEntry.objects.count() == 1
    body = client.get("/experience/").content.decode()
    assert body.count("Curriculum-review committee") == 1  # the kind, under the one line
    assert "Leading now" not in body


def test_it_leaves_people_chosen_but_not_yet_told_off_the_record(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"], status="submitted")
    body = client_for(cast["teacher"]).get("/").content.decode()
    assert NEVER_LED in body
    assert "Leading now" not in body


def test_it_makes_the_same_number_of_queries_for_more_selections(
    cast, client_for, make_opportunity
):
    """Selections are read in one query, however many the person holds."""
    _select(make_opportunity(title="First"), cast["teacher"])

    def grow():
        for _ in range(5):
            _select(make_opportunity(title=f"Team {Opportunity.objects.count()}"), cast["teacher"])

    client = client_for(cast["teacher"])
    assert_flat_query_count(client, "/experience/", grow, budget=10)
    # The home page's growth plan, its reviews and the mentoring pairs add three (issue 19).
    assert_flat_query_count(client, "/", grow, budget=21)
