from opportunities.models import Opportunity
from opportunities.tests.conftest import sent


def _url(opportunity):
    return f"/opportunities/{opportunity.pk}/edit/"


def _data(opportunity, **changes):
    data = {
        "title": "A new title",
        "kind": opportunity.kind_id,
        "description": opportunity.description,
        "level": opportunity.level,
        "time_asked": opportunity.time_asked,
        "seats": opportunity.seats,
        "closes_on": opportunity.closes_on.isoformat(),
    }
    data.update(changes)
    return data


def test_it_saves_the_principals_changes(cast, client_for, opportunity):
    response = client_for(cast["principal"]).post(_url(opportunity), _data(opportunity))
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title == "A new title"


def test_it_hides_it_from_a_principal_of_another_school(cast, client_for, opportunity):
    client = client_for(cast["other_principal"])
    assert client.get(_url(opportunity)).status_code == 404
    assert client.post(_url(opportunity), _data(opportunity)).status_code == 404
    assert Opportunity.objects.get().title != "A new title"


def test_it_refuses_a_teacher(cast, client_for, opportunity):
    assert client_for(cast["teacher"]).get(_url(opportunity)).status_code == 403


def test_it_hides_it_from_another_district(cast, client_for, opportunity):
    assert client_for(cast["outsider"]).get(_url(opportunity)).status_code == 404


def test_it_keeps_seats_at_least_the_people_selected(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"], status="selected")
    sent(opportunity, cast["coach"], status="selected")
    response = client_for(cast["principal"]).post(_url(opportunity), _data(opportunity, seats=1))
    assert "2 people are already selected" in response.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.seats == 2
    assert opportunity.title != "A new title"
