"""Passwords and sessions under the district's sign-in rules: a district that requires its
own account refuses a password and points to its button; superusers keep theirs; the roster
turning someone off ends their session at once; the district sets the session length;
signing out ends the session."""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.urls import reverse

from conftest import PASSWORD
from leadership.models import Membership, User
from leadership.sso.tests.helpers import configure_oidc

SSO_MESSAGE = "Maple Grove Schools signs you in with your district account, not a password."


def _password_sign_in(client, email, password=PASSWORD):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_it_refuses_a_password_and_points_to_the_districts_button(client, district, teacher):
    configure_oidc(
        district, "https://idp.maple.test", domains=["maple.test"], passwords_allowed=False
    )
    response = _password_sign_in(client, "teacher@maple.test")
    body = response.content.decode()
    assert response.status_code == 200
    assert SSO_MESSAGE in body
    assert "Sign in with Maple Grove staff sign-in" in body
    assert reverse("sso:begin", args=["maple-grove", "oidc"]) in body
    assert SESSION_KEY not in client.session


def test_it_gives_the_same_answer_for_anybody_at_the_districts_domain(client, district, teacher):
    configure_oidc(
        district, "https://idp.maple.test", domains=["maple.test"], passwords_allowed=False
    )
    for email, password in [("teacher@maple.test", "wrong"), ("nobody@maple.test", "x")]:
        assert SSO_MESSAGE in _password_sign_in(client, email, password).content.decode()


def test_it_refuses_a_right_password_at_another_address(client, district, teacher):
    configure_oidc(
        district, "https://idp.maple.test", domains=["maple.test"], passwords_allowed=False
    )
    teacher.email = "tom@example.org"
    teacher.save()
    assert SSO_MESSAGE in _password_sign_in(client, "tom@example.org").content.decode()
    # A wrong password there says nothing about the district.
    wrong = _password_sign_in(client, "tom@example.org", "wrong").content.decode()
    assert "do not match an account" in wrong
    assert SSO_MESSAGE not in wrong


def test_it_lets_a_superuser_keep_a_password(client, district):
    configure_oidc(
        district, "https://idp.maple.test", domains=["maple.test"], passwords_allowed=False
    )
    User.objects.create_superuser(email="root@maple.test", password=PASSWORD, full_name="Root")
    response = _password_sign_in(client, "root@maple.test")
    assert response.status_code == 302
    assert SESSION_KEY in client.session


def test_it_keeps_passwords_where_the_district_allows_them(client, district, teacher):
    configure_oidc(district, "https://idp.maple.test", domains=["maple.test"])
    assert _password_sign_in(client, "teacher@maple.test").status_code == 302


def test_it_ends_the_session_of_a_person_the_roster_made_inactive(client, teacher):
    assert _password_sign_in(client, "teacher@maple.test").status_code == 302
    assert client.get("/").status_code == 200
    Membership.objects.filter(user=teacher).update(is_active=False)
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    refused = _password_sign_in(client, "teacher@maple.test")
    assert "do not match an account" in refused.content.decode()
    assert SESSION_KEY not in client.session


def test_it_keeps_the_session_of_a_person_active_in_another_district(
    client, teacher, other_district
):
    Membership.objects.create(user=teacher, district=other_district, role="teacher")
    assert _password_sign_in(client, "teacher@maple.test").status_code == 302
    Membership.objects.filter(user=teacher, district__slug="maple-grove").update(is_active=False)
    assert client.get("/").status_code == 200


def test_it_lets_a_person_without_any_district_sign_in(client, db):
    User.objects.create_user(email="helpdesk@deepbench.test", password=PASSWORD, full_name="H")
    assert _password_sign_in(client, "helpdesk@deepbench.test").status_code == 302


def test_it_makes_the_session_as_long_as_the_district_says(client, district, teacher):
    configure_oidc(district, "https://idp.maple.test", domains=["maple.test"], session_hours=2)
    _password_sign_in(client, "teacher@maple.test")
    assert client.session.get_expiry_age() == 2 * 3600


def test_it_ends_the_session_on_sign_out(client, teacher):
    _password_sign_in(client, "teacher@maple.test")
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=key).exists()
    client.cookies["sessionid"] = key  # the old cookie, replayed
    assert client.get("/").status_code == 302


def test_password_reset_points_a_district_address_to_the_districts_sign_in(
    client, district, teacher, mailoutbox
):
    configure_oidc(
        district, "https://idp.maple.test", domains=["maple.test"], passwords_allowed=False
    )
    response = client.post(reverse("password_reset"), {"email": "teacher@maple.test"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "signs you in with your district account, so there is no" in body
    assert reverse("sso:district", args=[district.slug]) in body
    assert mailoutbox == []


def test_password_reset_sends_no_link_to_someone_whose_district_refuses_passwords(
    client, district, teacher, mailoutbox
):
    configure_oidc(
        district, "https://idp.maple.test", domains=["maple.test"], passwords_allowed=False
    )
    teacher.email = "tom@example.org"  # not at the district's domain: nothing is told
    teacher.save()
    response = client.post(reverse("password_reset"), {"email": "tom@example.org"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mailoutbox == []


def test_password_reset_still_mails_where_passwords_are_allowed(
    client, district, teacher, mailoutbox
):
    response = client.post(reverse("password_reset"), {"email": teacher.email})
    assert response.status_code == 302
    assert [message.to for message in mailoutbox] == [[teacher.email]]
