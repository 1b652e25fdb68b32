import pytest
from django.core import mail

from conftest import PASSWORD

SAME_MESSAGE = "That email and password do not match an account."


def test_it_signs_in_with_email_and_password(client, teacher):
    response = client.post(
        "/accounts/login/", {"username": "Teacher@Maple.test", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.parametrize("email", ["teacher@maple.test", "nobody@maple.test"])
def test_it_gives_the_same_message_for_a_wrong_password_or_unknown_email(client, teacher, email):
    response = client.post("/accounts/login/", {"username": email, "password": "wrong"})
    assert response.status_code == 200
    assert SAME_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_locks_out_the_sixth_failure_in_a_row(client, teacher):
    for _ in range(5):
        response = client.post("/accounts/login/", {"username": teacher.email, "password": "no"})
        assert SAME_MESSAGE in response.content.decode()
    response = client.post("/accounts/login/", {"username": teacher.email, "password": "no"})
    assert response.status_code == 429
    # Locked out now, even with the right password.
    response = client.post("/accounts/login/", {"username": teacher.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_signs_out_with_post(client_for, teacher):
    client = client_for(teacher)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302


def test_it_sends_a_password_reset_link(client, teacher):
    response = client.post("/accounts/password_reset/", {"email": "teacher@maple.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body


def test_it_says_nothing_about_unknown_addresses_on_reset(client, db):
    response = client.post("/accounts/password_reset/", {"email": "ghost@maple.test"}, follow=True)
    assert "If that address belongs to an account" in response.content.decode()
    assert mail.outbox == []


def test_it_shows_its_own_404_page(client_for, teacher):
    response = client_for(teacher).get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
