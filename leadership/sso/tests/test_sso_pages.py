"""The email-first page, a district's own sign-in address and its buttons."""

from django.urls import reverse

from leadership.models import AuditEvent
from leadership.sso.models import Kind, SignInProvider
from leadership.sso.tests.helpers import begin, configure_oidc


def test_it_picks_the_district_from_the_email_domain(client, district):
    configure_oidc(district, "https://idp.maple.test", domains=["maple.test"])
    page = client.get(reverse("sso:find"))
    assert "Work email" in page.content.decode()
    response = client.post(reverse("sso:find"), {"email": " Tom@Maple.TEST "})
    assert response.status_code == 302
    assert response["Location"] == reverse("sso:district", args=["maple-grove"])
    assert "tom@maple.test" in client.get(response["Location"]).content.decode()


def test_it_says_when_no_district_has_the_domain(client, district):
    response = client.post(reverse("sso:find"), {"email": "tom@nowhere.test"})
    assert response.status_code == 200
    assert "No district here signs in with addresses at nowhere.test" in response.content.decode()


def test_it_rejects_what_is_not_an_email(client, db):
    response = client.post(reverse("sso:find"), {"email": "tom"})
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()


def test_it_keeps_a_safe_next_and_drops_another_sites(client, district):
    configure_oidc(district, "https://idp.maple.test", domains=["maple.test"])
    kept = client.post(reverse("sso:find"), {"email": "t@maple.test", "next": "/pipeline/"})
    assert kept["Location"].endswith("?next=%2Fpipeline%2F")
    dropped = client.post(
        reverse("sso:find"), {"email": "t@maple.test", "next": "https://evil.test/"}
    )
    assert dropped["Location"] == reverse("sso:district", args=["maple-grove"])


def test_it_shows_only_the_buttons_the_district_turned_on(client, district):
    configure_oidc(district, "https://idp.maple.test", domains=["maple.test"])
    SignInProvider.objects.create(district=district, kind=Kind.GOOGLE, client_id="g", enabled=False)
    body = client.get(reverse("sso:district", args=["maple-grove"])).content.decode()
    assert "Sign in with Maple Grove staff sign-in" in body
    assert "Sign in with Google" not in body
    assert "Sign in with a Deep Bench password instead" in body


def test_it_hides_the_password_link_when_the_district_requires_its_account(client, district):
    configure_oidc(
        district, "https://idp.maple.test", domains=["maple.test"], passwords_allowed=False
    )
    body = client.get(reverse("sso:district", args=["maple-grove"])).content.decode()
    assert "password instead" not in body


def test_it_answers_404_for_an_unknown_district(client, db):
    assert client.get(reverse("sso:district", args=["atlantis"])).status_code == 404
    assert client.post(reverse("sso:begin", args=["atlantis", "oidc"])).status_code == 404


def test_it_answers_404_for_an_unknown_kind_of_provider(client, district):
    assert client.post(reverse("sso:begin", args=["maple-grove", "myspace"])).status_code == 404


def test_it_starts_a_sign_in_only_on_post(client, district):
    configure_oidc(district, "https://idp.maple.test", domains=["maple.test"])
    assert client.get(reverse("sso:begin", args=["maple-grove", "oidc"])).status_code == 405


def test_it_refuses_a_provider_that_was_never_set_up(client, district):
    response = begin(client, district, kind=Kind.GOOGLE)
    assert response.status_code == 403
    assert "does not sign in this way" in response.content.decode()


def test_it_says_so_when_the_provider_cannot_be_reached(client, district):
    configure_oidc(district, "http://127.0.0.1:9/", domains=["maple.test"])
    response = begin(client, district)
    assert response.status_code == 502
    assert "could not finish signing you in" in response.content.decode()
    assert not AuditEvent.objects.exists()
