"""In Chromium, against the local OpenID Provider that `make run SSO=local` starts: a demo
teacher signs in with her district account and lands on her home; a newcomer the roster
does not have is refused with a page that says who to ask; a district admin turns passwords
off and a password sign-in is then refused with a message pointing to the district's button.

axe-core audits every page these tests end on or pass to `audit` (fixtures_browser.py).
"""

import os
import re
import socket

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from leadership.sso import demo, devprovider
from leadership.tests.fixtures_browser import DEMO_PASSWORD, audit, sign_in

pytestmark = pytest.mark.browser


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def lakeview_provider(live_server, settings):
    """The demo, seeded as `make run SSO=local` seeds it, and its local provider running."""
    port = _free_port()
    settings.SSO_LOCAL_PROVIDER = f"http://127.0.0.1:{port}"
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", stdout=quiet)
    provider = devprovider.start(
        clients=demo.provider_clients([live_server.url]), users=demo.provider_users(), port=port
    )
    yield provider
    provider.stop()


def _through_the_provider(page, live_server, email):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="Sign in with your district account").click()
    audit(page)
    page.get_by_label("Work email").fill(email)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{live_server.url}/login/lakeview/")
    audit(page)
    page.get_by_role("button", name=f"Sign in with {demo.LABEL}").click()
    expect(page.get_by_role("heading", name="Local identity provider")).to_be_visible()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation(url=re.compile(re.escape(live_server.url))):
        page.get_by_role("button", name="Sign in to the identity provider").click()


def test_a_demo_teacher_signs_in_with_her_district_account(page, live_server, lakeview_provider):
    _through_the_provider(page, live_server, "teacher@lakeview.test")

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your leadership work")
    menu = page.get_by_role("button", name="Rosa Alvarez")
    expect(menu).to_be_visible()
    menu.click()
    expect(page.get_by_text("Lakeview School District", exact=True)).to_be_visible()


def test_a_newcomer_not_on_the_roster_is_told_who_to_ask(page, live_server, lakeview_provider):
    _through_the_provider(page, live_server, "newcomer@lakeview.test")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You are not on Lakeview School District's roster in Deep Bench"
    )
    expect(page.get_by_text("never creates a Deep Bench account")).to_be_visible()
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))


def test_an_admin_turns_passwords_off_and_a_password_is_refused(
    page, live_server, lakeview_provider
):
    sign_in(page, live_server, "admin@lakeview.test")
    page.goto(f"{live_server.url}/sign-in/settings/")
    page.get_by_label("People may also sign in with a Deep Bench password").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Sign-in settings saved.")).to_be_visible()
    audit(page)
    page.get_by_role("button", name="Dana Whitfield").click()
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server, "teacher@lakeview.test")
    expect(
        page.get_by_text("Lakeview School District signs you in with your district account")
    ).to_be_visible()
    button = page.get_by_role("button", name=f"Sign in with {demo.LABEL}")
    expect(button).to_be_visible()
    button.click()
    expect(page.get_by_role("heading", name="Local identity provider")).to_be_visible()
