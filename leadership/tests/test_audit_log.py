from leadership.audit import audit_log
from leadership.models import AuditEvent

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
