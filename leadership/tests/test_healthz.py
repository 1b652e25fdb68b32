from unittest import mock


def test_it_reports_database_and_broker(client, db):
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "status": "ok"}


def test_it_answers_503_when_the_broker_does_not(client, db):
    with mock.patch("leadership.views._broker_ok", return_value=False):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["broker"] == "unavailable"


def test_it_answers_503_when_the_database_does_not(client, db):
    with mock.patch("leadership.views.connection.cursor", side_effect=RuntimeError("down")):
        response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"
