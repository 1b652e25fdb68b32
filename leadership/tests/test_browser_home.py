"""Signing in through the real form in Chromium lands each demo role on its own home page.

axe-core audits every page these tests visit (see fixtures_browser.py).
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from leadership.tests.fixtures_browser import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("email", "heading"),
    [
        ("teacher@lakeview.test", "Your leadership work"),
        ("principal@lakeview.test", "Your school's bench"),
        ("admin@lakeview.test", "District leadership pipeline"),
        ("coach@lakeview.test", "Your coaching"),
        ("admin@riverside.test", "District leadership pipeline"),
    ],
)
def test_it_shows_each_demo_role_its_home(page, live_server, email, heading):
    call_command("seed_demo", stdout=open(__import__("os").devnull, "w"))
    sign_in(page, live_server, email)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)


def test_it_keeps_a_wrong_password_on_the_sign_in_page(page, live_server):
    call_command("seed_demo", stdout=open(__import__("os").devnull, "w"))
    sign_in(page, live_server, "teacher@lakeview.test", password="not-the-password")

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_text("That email and password do not match an account")).to_be_visible()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
