"""In Chromium: a district admin makes an API token from the Pipeline menu, copies the
secret shown once, sees it listed with no use yet, and opens the API's documentation,
which Swagger UI draws from our own static files under the site's Content-Security-Policy
(the harness fails the test on a refused resource or a JavaScript error, on every page),
and which passes axe closed, opened by keyboard, trying an operation and authorizing."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from api.models import ApiToken
from leadership.tests.fixtures_browser import audit, sign_in

pytestmark = pytest.mark.browser


def test_an_admin_makes_a_token_and_reads_the_documentation(page, live_server):
    call_command("seed_demo", stdout=io.StringIO())
    sign_in(page, live_server, "admin@lakeview.test")
    page.get_by_role("button", name="Pipeline").click()
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    audit(page)

    page.get_by_label("Name").fill("HR nightly")
    page.get_by_label("Read people, schools, memberships and role history").check()
    page.get_by_label("Write positions, departures and retirement eligibility (HR)").check()
    page.get_by_role("button", name="Make the token").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("HR nightly")
    secret = page.get_by_label("The token").input_value()
    token = ApiToken.objects.get(name="HR nightly")
    assert secret.startswith(f"dbk_{token.prefix}_")
    assert sorted(token.scopes) == ["read:people", "write:hr"]
    audit(page)

    page.get_by_role("link", name="Back to the API tokens").click()
    row = page.get_by_role("row").filter(has_text="HR nightly")
    expect(row).to_contain_text("Never")
    expect(page.get_by_text(secret)).to_have_count(0)

    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".swagger-ui .title")).to_contain_text("Deep Bench API")
    expect(page.get_by_text("/api/v1/candidates/", exact=True).first).to_be_visible()
    # Swagger UI passes axe with our contrast (static/css/api-docs.css), no deep-link
    # anchors inside its buttons (settings) and names mended (static/js/api-docs.js):
    # closed, an operation opened by keyboard, "Try it out", and the Authorize dialog.
    audit(page)
    summary = page.locator("#operations-candidates-candidates_list .opblock-summary-control")
    summary.focus()
    page.keyboard.press("Enter")
    expect(summary).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_text("updated_since").first).to_be_visible()
    audit(page)
    page.get_by_role("button", name="Try it out").first.click()
    expect(page.get_by_role("button", name="Execute")).to_be_visible()
    audit(page)
    page.get_by_role("button", name="Authorize").first.click()
    close = page.get_by_role("button", name="Close", exact=True)
    expect(close.first).to_be_visible()
    audit(page)
    close.first.click()
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
