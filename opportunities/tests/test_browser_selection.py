"""In Chromium: a principal chooses one of two applicants and finishes the selection. Before
anybody is emailed, a confirmation page names who will be told they were selected and who
will be told it was not them; after confirming, each of them gets exactly one email."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.tests.fixtures_browser import audit, sign_in
from notices.models import Outbox
from opportunities.models import Application
from opportunities.tests.conftest import sent

pytestmark = pytest.mark.browser


def test_it_shows_who_will_be_told_before_the_selection_is_announced(
    page, live_server, cast, opportunity
):
    sent(opportunity, cast["teacher"])
    sent(opportunity, cast["coach"])
    sign_in(page, live_server, cast["principal"].email, PASSWORD)
    page.goto(f"{live_server.url}/opportunities/{opportunity.pk}/applications/")
    page.get_by_label("Select Tom Teacher").check()
    page.get_by_role("button", name="Select the ticked people").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Choose Tom Teacher for")
    expect(page.get_by_text("Nobody is emailed.")).to_be_visible()
    audit(page)
    page.get_by_role("button", name="Choose them").click()
    expect(page.get_by_text("Chosen: Tom Teacher.")).to_be_visible()
    expect(page.get_by_role("row", name="Tom Teacher")).to_contain_text("Chosen, not told yet")
    assert not Outbox.objects.exists()

    page.get_by_role("button", name="Finish the selection…").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Finish the selection for")
    selected = page.get_by_role("heading", name="Told they were selected (1)")
    passed_over = page.get_by_role("heading", name="Told it was not them this time (1)")
    expect(selected).to_be_visible()
    expect(passed_over).to_be_visible()
    expect(page.locator("h2 + ul").first).to_have_text("Tom Teacher")
    expect(page.locator("h2 + ul").nth(1)).to_have_text("Cora Coach")
    expect(page.get_by_text("2 people are emailed")).to_be_visible()
    audit(page)
    assert not Outbox.objects.exists()
    assert Application.objects.filter(status="submitted").count() == 2

    page.get_by_role("button", name="Finish the selection and send the emails").click()
    expect(page.get_by_text("1 told they were selected, 1 told it was not them")).to_be_visible()
    expect(page.get_by_role("button", name="Finish the selection…")).to_have_count(0)
    audit(page)
    mail = dict(Outbox.objects.values_list("to_email", "subject"))
    assert Outbox.objects.count() == 2
    assert mail[cast["teacher"].email].startswith("You have been selected")
    assert mail[cast["coach"].email].startswith("About your application")
