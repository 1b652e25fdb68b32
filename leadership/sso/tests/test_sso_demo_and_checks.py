"""The demo's sign-in (make run SSO=local), the encryption key's start-up and deploy checks."""

import os
import subprocess
import sys

from django.core.management import call_command

from leadership.sso import demo
from leadership.sso.checks import encryption_key_check
from leadership.sso.models import Kind, SignInDomain, SignInProvider


def _seed():
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)


def test_the_demo_gives_each_district_its_domain_and_no_provider(db, settings):
    settings.SSO_LOCAL_PROVIDER = ""
    _seed()
    assert set(SignInDomain.objects.values_list("district__slug", "domain")) == {
        ("lakeview", "lakeview.test"),
        ("riverside", "riverside.test"),
    }
    assert not SignInProvider.objects.exists()


def test_the_demo_points_lakeview_at_the_local_provider_once(db, settings):
    settings.SSO_LOCAL_PROVIDER = "http://127.0.0.1:9000"
    _seed()
    row = SignInProvider.objects.get(district__slug="lakeview", kind=Kind.OIDC)
    assert (row.enabled, row.issuer, row.client_id) == (
        True,
        "http://127.0.0.1:9000",
        demo.CLIENT_ID,
    )
    assert row.secret() == demo.CLIENT_SECRET
    stored = row.secret_encrypted
    _seed()
    assert SignInProvider.objects.get(pk=row.pk).secret_encrypted == stored  # nothing changed
    settings.SSO_LOCAL_PROVIDER = ""
    _seed()
    assert not SignInProvider.objects.get(pk=row.pk).enabled


def test_the_local_provider_knows_the_demo_roster(db):
    _seed()
    emails = {user["email"] for user in demo.provider_users()}
    assert {"teacher@lakeview.test", "admin@riverside.test", "newcomer@lakeview.test"} <= emails
    assert all(user["password"] == "deepbench-demo" for user in demo.provider_users())


def test_it_refuses_to_start_with_a_malformed_key():
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "leadership.settings",
            "SSO_ENCRYPTION_KEY": "not-a-key",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SSO_ENCRYPTION_KEY" in result.stderr


def test_deploy_checks_ask_for_a_key(settings):
    settings.SSO_ENCRYPTION_KEYS = []
    assert [w.id for w in encryption_key_check(None)] == ["sso.W001"]
    settings.SSO_ENCRYPTION_KEYS = ["k"]
    assert encryption_key_check(None) == []
