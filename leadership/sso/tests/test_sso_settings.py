"""The district admin's sign-in settings: domains, passwords, sessions and each provider's
client id and secret (encrypted, never shown back). Every change is audited."""

import json

import pytest
from cryptography.fernet import Fernet
from django.urls import reverse

from leadership.models import AuditEvent, User
from leadership.sso import crypto
from leadership.sso.models import DistrictSignIn, Kind, SignInDomain, SignInProvider
from leadership.sso.tests.helpers import begin, configure_oidc

SECRET = "s3cret-from-the-provider-console"
SETTINGS = {"domains": "maple.test\nmaplegrove.org", "passwords_allowed": "on", "session_hours": 8}


def _oidc(**fields):
    data = {
        "enabled": "on",
        "client_id": "deep-bench",
        "secret": SECRET,
        "issuer": "https://login.maple.test",
        "label": "Maple staff",
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def test_it_saves_domains_passwords_and_session_length(client_for, district_admin):
    client = client_for(district_admin)
    response = client.post(
        reverse("sso:settings"), {**SETTINGS, "help_contact": "the Talent Office"}
    )
    assert response.status_code == 302
    sign_in = DistrictSignIn.objects.get(district__slug="maple-grove")
    assert (sign_in.passwords_allowed, sign_in.session_hours) == (True, 8)
    assert sorted(SignInDomain.objects.values_list("domain", flat=True)) == [
        "maple.test",
        "maplegrove.org",
    ]
    event = AuditEvent.objects.get(action="sign_in.settings")
    assert event.actor == district_admin
    assert event.after["domains"] == ["maple.test", "maplegrove.org"]
    assert event.before["domains"] == []


def test_it_audits_nothing_when_nothing_changed(client_for, district_admin):
    client = client_for(district_admin)
    client.post(reverse("sso:settings"), SETTINGS)
    client.post(reverse("sso:settings"), SETTINGS)
    assert AuditEvent.objects.filter(action="sign_in.settings").count() == 1


def test_it_will_not_turn_passwords_off_without_a_provider(client_for, district_admin):
    response = client_for(district_admin).post(
        reverse("sso:settings"), {"domains": "maple.test", "session_hours": 8}
    )
    assert response.status_code == 200
    assert "Turn on a way to sign in with the district" in response.content.decode()
    assert not DistrictSignIn.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_turns_passwords_off_once_a_provider_is_on(client_for, district_admin, district):
    configure_oidc(district, "https://login.maple.test", domains=["maple.test"])
    response = client_for(district_admin).post(
        reverse("sso:settings"), {"domains": "maple.test", "session_hours": 8}
    )
    assert response.status_code == 302
    assert DistrictSignIn.objects.get(district=district).passwords_allowed is False
    event = AuditEvent.objects.get(action="sign_in.settings")
    assert (event.before["passwords_allowed"], event.after["passwords_allowed"]) == (True, False)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"domains": "not a domain"}, "is not an email domain"),
        ({"domains": "cedar.test"}, "already belongs to another district"),
        ({"session_hours": 0}, "Choose between 1 hour and 720 hours"),
        ({"session_hours": 1000}, "Choose between 1 hour and 720 hours"),
    ],
)
def test_it_rejects_bad_settings(client_for, district_admin, other_district, data, message):
    SignInDomain.objects.create(district=other_district, domain="cedar.test")
    response = client_for(district_admin).post(reverse("sso:settings"), {**SETTINGS, **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SignInDomain.objects.filter(district__slug="maple-grove").exists()
    assert not AuditEvent.objects.exists()


def test_it_stores_the_secret_encrypted_and_never_shows_it(client_for, district_admin):
    client = client_for(district_admin)
    response = client.post(reverse("sso:provider", args=["oidc"]), _oidc())
    assert response.status_code == 302
    row = SignInProvider.objects.get(kind=Kind.OIDC)
    assert row.enabled
    assert SECRET not in row.secret_encrypted
    assert row.secret() == SECRET
    page = client.get(reverse("sso:provider", args=["oidc"])).content.decode()
    assert SECRET not in page
    assert row.secret_encrypted not in page
    assert "A secret is saved" in page
    event = AuditEvent.objects.get(action="sign_in.provider")
    assert SECRET not in json.dumps([event.before, event.after, event.summary])
    assert event.after["secret"] == "replaced"
    assert event.summary.endswith("turned on")


def test_it_keeps_the_saved_secret_when_the_field_is_left_empty(client_for, district_admin):
    client = client_for(district_admin)
    client.post(reverse("sso:provider", args=["oidc"]), _oidc())
    response = client.post(reverse("sso:provider", args=["oidc"]), _oidc(secret="", enabled=None))
    assert response.status_code == 302
    row = SignInProvider.objects.get(kind=Kind.OIDC)
    assert row.secret() == SECRET
    assert not row.enabled
    event = AuditEvent.objects.filter(action="sign_in.provider").first()
    assert event.after["secret"] == "unchanged"
    assert event.summary.endswith("turned off")


def test_it_shows_the_redirect_uri_to_register(client_for, district_admin, settings):
    settings.SITE_URL = "https://deepbench.maple.test"
    body = client_for(district_admin).get(reverse("sso:provider", args=["oidc"])).content.decode()
    assert "https://deepbench.maple.test/accounts/oidc/maple-grove-oidc/login/callback/" in body
    google = client_for(district_admin).get(reverse("sso:provider", args=["google"]))
    assert "https://deepbench.maple.test/accounts/google/login/callback/" in google.content.decode()


@pytest.mark.parametrize(
    ("kind", "data", "message"),
    [
        ("oidc", {"secret": ""}, "To turn it on, fill in the client secret."),
        ("oidc", {"client_id": ""}, "fill in the client ID"),
        ("oidc", {"issuer": "http://login.maple.test"}, "must be an https:// address"),
        ("oidc", {"issuer": "not a url"}, "Enter a valid URL."),
        ("microsoft", {"tenant": "common"}, "Use the district&#x27;s own tenant ID"),
        ("microsoft", {"tenant": ""}, "fill in the tenant ID"),
    ],
)
def test_it_rejects_bad_provider_settings(client_for, district_admin, kind, data, message):
    response = client_for(district_admin).post(reverse("sso:provider", args=[kind]), _oidc(**data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SignInProvider.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_answers_404_for_an_unknown_kind(client_for, district_admin):
    assert client_for(district_admin).get(reverse("sso:provider", args=["aol"])).status_code == 404


def test_it_refuses_everybody_but_the_district_admin(client_for, principal, teacher):
    for person in (principal, teacher):
        client = client_for(person)
        assert client.post(reverse("sso:provider", args=["oidc"]), _oidc()).status_code == 403
        assert client.post(reverse("sso:settings"), SETTINGS).status_code == 403
    assert not SignInProvider.objects.exists()
    assert not DistrictSignIn.objects.exists()


def test_it_asks_a_stranger_to_sign_in(client):
    response = client.get(reverse("sso:settings"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_another_districts_admin_changes_only_her_own_district(
    client_for, district, district_admin, outsider
):
    configure_oidc(district, "https://login.maple.test", domains=["maple.test"])
    client = client_for(outsider)
    page = client.get(reverse("sso:provider", args=["oidc"])).content.decode()
    assert "login.maple.test" not in page
    assert "cedar-falls-oidc" in page
    client.post(reverse("sso:provider", args=["oidc"]), _oidc(issuer="https://login.cedar.test"))
    maple = SignInProvider.objects.get(district=district)
    assert maple.issuer == "https://login.maple.test"
    assert SignInProvider.objects.get(district__slug="cedar-falls").issuer == (
        "https://login.cedar.test"
    )
    settings_page = client.get(reverse("sso:settings")).content.decode()
    assert "maple.test" not in settings_page


def test_it_cannot_store_a_secret_without_a_key_in_production(client_for, district_admin, settings):
    settings.SSO_ENCRYPTION_KEYS = []
    settings.DEBUG = False
    response = client_for(district_admin).post(reverse("sso:provider", args=["oidc"]), _oidc())
    assert response.status_code == 200
    assert "This installation has no SSO_ENCRYPTION_KEY" in response.content.decode()
    assert not SignInProvider.objects.exists()


def test_a_laptop_derives_a_key_from_secret_key(settings):
    settings.SSO_ENCRYPTION_KEYS = []
    settings.DEBUG = True
    token = crypto.encrypt("x")
    settings.SECRET_KEY = "another"
    with pytest.raises(crypto.Unreadable):
        crypto.decrypt(token)


def test_an_old_key_still_decrypts_after_rotation(settings):
    old = settings.SSO_ENCRYPTION_KEYS[0]
    token = crypto.encrypt("x")
    settings.SSO_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), old]
    assert crypto.decrypt(token) == "x"


def test_a_secret_under_a_lost_key_stops_the_sign_in_with_a_page(client, district, settings):
    configure_oidc(district, "https://login.maple.test", domains=["maple.test"])
    settings.SSO_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    response = begin(client, district)
    assert response.status_code == 502
    assert "settings for it are incomplete" in response.content.decode()


def test_the_installation_admin_sees_no_secret_and_no_allauth_apps(client_for, district):
    configure_oidc(district, "https://login.maple.test", domains=["maple.test"])
    root = User.objects.create_superuser(email="root@deepbench.test", password="x", full_name="R")
    client = client_for(root)
    index = client.get("/admin/").content.decode()
    assert "Social applications" not in index
    row = SignInProvider.objects.get()
    page = client.get(f"/admin/sso/signinprovider/{row.pk}/change/").content.decode()
    assert "login.maple.test" in page
    assert row.secret_encrypted not in page
