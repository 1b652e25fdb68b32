"""In Chromium: a teacher writes, the draft autosaves, survives a reload, is submitted;
the coach gives feedback; the teacher reads it and sees the rating on /growth/."""

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.tests.fixtures_browser import audit, sign_in
from portrait.models import Reflection
from portrait.tests.factories import assign, prompt_for

pytestmark = pytest.mark.browser


def test_it_takes_a_reflection_from_draft_to_feedback(page, live_server, teacher, coach):
    assign(coach, teacher)
    prompt = prompt_for(teacher, "collaboration")

    sign_in(page, live_server, teacher.email, PASSWORD)
    page.goto(f"{live_server.url}/reflections/new/?prompt={prompt.pk}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Reflect on Collaboration")
    audit(page)
    page.get_by_label("Your response").press_sequentially("Our team planned the unit together.")
    expect(page.locator("#autosave-status")).to_contain_text("Draft saved", timeout=10_000)

    page.reload()
    expect(page).to_have_url(re.compile(r"/reflections/\d+/edit/$"))
    expect(page.get_by_label("Your response")).to_have_value("Our team planned the unit together.")
    page.get_by_label("Practicing", exact=False).check()
    page.get_by_role("button", name="Submit reflection").click()
    expect(page.get_by_text("Your reflection is submitted.")).to_be_visible()
    audit(page)
    reflection = Reflection.objects.get()
    assert reflection.status == Reflection.Status.SUBMITTED

    page.context.clear_cookies()
    sign_in(page, live_server, coach.email, PASSWORD)
    page.goto(f"{live_server.url}/reflections/{reflection.pk}/")
    page.get_by_label("Your feedback").fill("Next, invite another team in.")
    page.get_by_label("Your rating (optional)").select_option("3")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.locator("#feedback")).to_contain_text("Next, invite another team in.")
    audit(page)

    page.context.clear_cookies()
    sign_in(page, live_server, teacher.email, PASSWORD)
    expect(page.get_by_text("Next, invite another team in.")).to_be_visible()
    page.goto(f"{live_server.url}/growth/")
    table = page.get_by_role("table", name="Ratings on Collaboration")
    expect(table).to_contain_text("3")
    audit(page)
