from datetime import date

from django.utils.formats import date_format

from leadership.audit import audit_log
from leadership.audit_words import changes
from leadership.models import AuditEvent
from pipeline.models import Stage
from pipeline.services import candidate_change
from pipeline.tests.pipeline_data import candidate

URL = "/pipeline/audit/"


def test_it_lists_the_districts_events_newest_first(cast, client_for, district, other_district):
    audit_log(district=district, actor=cast["admin"], action="candidate.stage", summary="First one")
    audit_log(district=district, actor=None, action="roster.import", summary="Second one")
    audit_log(district=other_district, actor=cast["outsider"], action="x.y", summary="Elsewhere")
    body = client_for(cast["admin"]).get(URL).content.decode()
    assert body.index("Second one") < body.index("First one")
    assert "The system" in body
    assert "Elsewhere" not in body


def test_it_filters_by_action_and_person(cast, client_for, district):
    audit_log(district=district, actor=cast["admin"], action="candidate.stage", summary="Staged")
    audit_log(
        district=district, actor=cast["principal"], action="roster.import", summary="Imported"
    )
    client = client_for(cast["admin"])
    body = client.get(URL, {"action": "roster.import"}).content.decode()
    assert "Imported" in body and "Staged" not in body
    body = client.get(URL, {"actor": "alice"}).content.decode()
    assert "Staged" in body and "Imported" not in body


def test_it_requires_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_refuses_principals_and_teachers(cast, client_for):
    assert client_for(cast["principal"]).get(URL).status_code == 403
    assert client_for(cast["teacher"]).get(URL).status_code == 403


def test_it_offers_no_way_to_change_an_entry(cast, client_for, district):
    event = audit_log(district=district, actor=cast["admin"], action="a.b", summary="Kept")
    assert client_for(cast["admin"]).post(URL, {"summary": "Changed"}).status_code == 405
    event.refresh_from_db()
    assert event.summary == "Kept"


def test_it_makes_the_same_number_of_queries_for_few_and_many_events(cast, client_for, district):
    from leadership.tests.helpers import assert_flat_query_count

    audit_log(district=district, actor=cast["admin"], action="a.b", summary="One")

    def grow():
        AuditEvent.objects.bulk_create(
            AuditEvent(district=district, actor=cast["teacher"], action=f"a.{i}", summary="Many")
            for i in range(80)
        )

    assert_flat_query_count(client_for(cast["admin"]), URL, grow, budget=9)


def test_it_says_a_stage_change_in_words(cast, client_for, district, school):
    rosa = candidate(district, school, "Rosa Alvarez", stage=Stage.NOMINATED)
    candidate_change(
        candidate=rosa,
        actor=cast["admin"],
        stage=Stage.IN_DEVELOPMENT,
        readiness=rosa.readiness,
        note="Started the fellowship",
    )
    body = client_for(cast["admin"]).get(URL).content.decode()
    assert "Stage changed from Nominated to In development" in body
    assert "Note: Started the fellowship" in body
    assert "Candidate stage" in body
    assert "in_development" not in body
    assert "{&#x27;" not in body and "{'" not in body


def test_it_says_dates_choices_nested_values_and_removals_in_words(cast, client_for, district):
    audit_log(
        district=district,
        actor=cast["admin"],
        action="roster.import",
        summary="Imported",
        before={"title": "Team lead", "started_on": "2025-09-01"},
        after={"counts": {"people": {"created": 3}}, "archived": True, "filters": {}},
    )
    body = client_for(cast["admin"]).get(URL).content.decode()
    assert "Counts: people (created 3)" in body
    assert "Archived: yes" in body
    assert "Filters: none" in body
    assert "Title was Team lead" in body
    assert f"Started on was {date_format(date(2025, 9, 1))}" in body
    assert "Roster imported" in body


def test_it_names_each_action_in_words_in_the_filter(cast, client_for, district):
    audit_log(district=district, actor=cast["admin"], action="session.cancel", summary="Off")
    body = client_for(cast["admin"]).get(URL).content.decode()
    assert '<option value="session.cancel">Session cancelled</option>' in body


def test_it_says_a_coachs_rating_by_its_label(cast, district):
    event = audit_log(
        district=district,
        actor=cast["coach"],
        action="reflection.feedback",
        summary="Feedback",
        after={"rating": 3},
    )
    assert changes(event) == ["Coach's rating: Practicing"]
