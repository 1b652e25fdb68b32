"""The whole authorization-code flow against a real OpenID Provider on loopback, and every
way it is refused. The provider is oidc-provider (npm), started by conftest.py; it requires
PKCE, so every sign-in that gets through also proves Deep Bench sent a code challenge."""

import time
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from conftest import PASSWORD
from leadership.models import AuditEvent, Membership, User
from leadership.sso.adapter import LINK_KEY
from leadership.sso.models import SignInProvider
from leadership.sso.tests.helpers import (
    begin,
    configure_oidc,
    local,
    provider_login,
    through_provider,
)


@pytest.fixture
def maple(district, cast, oidc_provider):
    """Maple Grove signs in with the well-behaved provider; everybody in the cast exists."""
    configure_oidc(district, oidc_provider().issuer, domains=["maple.test"])
    return district


def assert_refused(client, response, status, *texts):
    body = response.content.decode()
    assert response.status_code == status, body[:2000]
    for text in texts:
        assert text in body
    assert SESSION_KEY not in client.session
    assert client.get("/").status_code == 302  # still signed out


def test_it_signs_the_teacher_in_and_lands_on_her_home(client, maple, teacher):
    people = User.objects.count()
    response = through_provider(client, maple, "teacher@maple.test")
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == str(teacher.pk)
    home = client.get("/").content.decode()
    assert "Tom Teacher" in home
    assert "Maple Grove Schools" in home
    assert User.objects.count() == people
    assert not SocialAccount.objects.exists()  # a match on email links nothing


def test_it_refuses_a_token_from_another_issuer(client, district, teacher, oidc_provider):
    configure_oidc(district, oidc_provider("wrong-issuer").issuer, domains=["maple.test"])
    response = through_provider(client, district, "teacher@maple.test")
    assert_refused(
        client, response, 400, "could not confirm who you are", "issued by a different server"
    )


def test_it_refuses_a_token_with_a_bad_signature(client, district, teacher, oidc_provider):
    configure_oidc(district, oidc_provider("bad-signature").issuer, domains=["maple.test"])
    response = through_provider(client, district, "teacher@maple.test")
    assert_refused(client, response, 400, "signature does not match the provider")


def test_it_refuses_an_expired_token(client, district, teacher, oidc_provider):
    # ID tokens live one second; the provider's token endpoint answers 2.5 s late.
    configure_oidc(district, oidc_provider("slow-token").issuer, domains=["maple.test"])
    response = through_provider(client, district, "teacher@maple.test")
    assert_refused(client, response, 400, "the sign-in token had expired")


def test_it_refuses_a_callback_without_its_state(client, maple, teacher):
    back = provider_login(begin(client, maple)["Location"], "teacher@maple.test")
    parts = urlsplit(back)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "state"]
    response = client.get(f"{parts.path}?{urlencode(query)}")
    assert_refused(client, response, 400, "expired or was already used")


def test_it_refuses_a_replayed_callback(client, maple, teacher, client_for):
    back = provider_login(begin(client, maple)["Location"], "teacher@maple.test")
    assert client.get(local(back)).status_code == 302
    client.post(reverse("logout"))
    assert_refused(client, client.get(local(back)), 400, "expired or was already used")


def test_it_refuses_a_callback_replayed_in_another_browser(client, maple, teacher):
    back = provider_login(begin(client, maple)["Location"], "teacher@maple.test")
    client.cookies.clear()  # another browser: no session, so no state
    assert_refused(client, client.get(local(back)), 400, "expired or was already used")


def test_it_refuses_an_email_the_provider_does_not_vouch_for(client, maple, other_teacher):
    response = through_provider(client, maple, "teacher2@maple.test")
    assert_refused(client, response, 403, "has not confirmed your email address")


def test_it_refuses_a_verified_email_in_another_districts_domain(client, maple, outsider):
    configure_oidc(
        outsider.memberships.get().district, "https://idp.cedar.test", domains=["cedar.test"]
    )
    response = through_provider(client, maple, "admin@cedar.test")
    assert_refused(client, response, 403, "is not a Maple Grove Schools account")


def test_it_creates_no_account_for_a_person_not_in_the_roster(client, maple):
    people = User.objects.count()
    response = through_provider(client, maple, "stranger@maple.test")
    assert_refused(client, response, 403, "not on Maple Grove Schools&#x27;s roster", "Ask")
    assert User.objects.count() == people
    assert not User.objects.filter(email="stranger@maple.test").exists()


def test_it_names_who_to_ask(client, maple):
    maple.sign_in.help_contact = "the Talent Office, talent@maple.test"
    maple.sign_in.save()
    response = through_provider(client, maple, "stranger@maple.test")
    assert_refused(client, response, 403, "Ask the Talent Office, talent@maple.test")


def test_it_refuses_a_person_the_roster_made_inactive(client, maple, coach):
    Membership.objects.filter(user=coach).update(is_active=False)
    response = through_provider(client, maple, "coach@maple.test")
    assert_refused(client, response, 403, "is not active")


def test_it_refuses_a_provider_the_district_turned_off(client, maple, teacher):
    SignInProvider.objects.filter(district=maple).update(enabled=False)
    assert_refused(client, begin(client, maple), 403, "does not sign in this way")


def test_it_refuses_the_way_back_once_the_district_turned_the_provider_off(client, maple, teacher):
    back = provider_login(begin(client, maple)["Location"], "teacher@maple.test")
    SignInProvider.objects.filter(district=maple).update(enabled=False)
    assert_refused(client, client.get(local(back)), 403, "does not sign in this way")


def test_it_refuses_a_wrong_password_at_the_provider(client, maple, teacher):
    authorize = begin(client, maple)["Location"]
    with pytest.raises(AssertionError, match="did not send the browser back"):
        provider_login(authorize, "teacher@maple.test", password="wrong")


def _link(client, district, email, password=PASSWORD):
    response = client.post(reverse("sso:linked"), {"kind": "oidc", "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return provider_login(response["Location"], email)


def test_it_links_another_address_after_the_password(client_for, maple, teacher):
    client = client_for(teacher)
    back = _link(client, maple, "tom.t@maple.test")
    response = client.get(local(back))
    assert response.status_code == 302
    assert response["Location"] == reverse("sso:linked")
    account = SocialAccount.objects.get()
    assert account.user == teacher
    assert AuditEvent.objects.filter(action="sign_in.link", actor=teacher).exists()
    assert "tom.t@maple.test" in client.get(reverse("sso:linked")).content.decode()
    # From now on the linked address signs her in.
    client.post(reverse("logout"))
    response = through_provider(client, maple, "tom.t@maple.test")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(teacher.pk)


def test_it_links_nothing_without_the_password(client_for, maple, teacher):
    client = client_for(teacher)
    response = client.post(reverse("sso:linked"), {"kind": "oidc", "password": "wrong"})
    assert response.status_code == 200
    assert "That is not your password." in response.content.decode()
    assert not SocialAccount.objects.exists()


def test_it_links_nothing_once_the_password_is_five_minutes_old(client_for, maple, teacher):
    client = client_for(teacher)
    response = client.post(reverse("sso:linked"), {"kind": "oidc", "password": PASSWORD})
    back = provider_login(response["Location"], "tom.t@maple.test")
    session = client.session
    session[LINK_KEY] = {**session[LINK_KEY], "at": time.time() - 301}
    session.save()
    response = client.get(local(back))
    assert response.status_code == 403
    assert "Confirm your password before linking" in response.content.decode()
    assert not SocialAccount.objects.exists()


def test_it_does_not_link_an_address_that_is_somebody_else(client_for, maple, teacher, principal):
    client = client_for(teacher)
    back = _link(client, maple, "principal@maple.test")
    response = client.get(local(back))
    assert response.status_code == 403
    assert "belongs to somebody else here" in response.content.decode()
    assert not SocialAccount.objects.exists()


def test_it_makes_a_district_sign_in_as_long_as_the_district_says(client, maple, teacher):
    maple.sign_in.session_hours = 3
    maple.sign_in.save()
    assert through_provider(client, maple, "teacher@maple.test").status_code == 302
    assert client.session.get_expiry_age() == 3 * 3600


def test_it_unlinks_an_account_and_audits_it(client_for, maple, teacher):
    client = client_for(teacher)
    client.get(local(_link(client, maple, "tom.t@maple.test")))
    account = SocialAccount.objects.get()
    assert client.get(reverse("sso:unlink", args=[account.pk])).status_code == 405
    response = client.post(reverse("sso:unlink", args=[account.pk]))
    assert response.status_code == 302
    assert not SocialAccount.objects.exists()
    assert AuditEvent.objects.filter(action="sign_in.unlink", actor=teacher).exists()


def test_it_unlinks_nobody_elses_account(client_for, maple, teacher, principal):
    client = client_for(teacher)
    client.get(local(_link(client, maple, "tom.t@maple.test")))
    account = SocialAccount.objects.get()
    response = client_for(principal).post(reverse("sso:unlink", args=[account.pk]))
    assert response.status_code == 404
    assert SocialAccount.objects.filter(pk=account.pk).exists()


def test_it_pauses_linking_after_five_wrong_passwords(client_for, maple, teacher):
    client = client_for(teacher)
    for tries_left in ["4 more tries", "3 more tries", "2 more tries", "1 more try"]:
        response = client.post(reverse("sso:linked"), {"kind": "oidc", "password": "wrong"})
        assert tries_left in response.content.decode()
    client.post(reverse("sso:linked"), {"kind": "oidc", "password": "wrong"})
    # Even the right password is refused now, without being checked.
    response = client.post(reverse("sso:linked"), {"kind": "oidc", "password": PASSWORD})
    assert response.status_code == 200
    assert "linking an account is paused for 15 minutes" in response.content.decode()
    assert not SocialAccount.objects.exists()
