"""In Chromium: /coaching/'s coach is a search box; a few letters bring the matching coaches,
the keyboard picks one, and assigning saves that coach; axe finds nothing serious with the
suggestions open."""

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.models import CoachAssignment
from leadership.tests.fixtures_browser import audit, sign_in
from portrait.tests.test_coaching_coach_picker import many_coaches

pytestmark = pytest.mark.browser


def test_a_few_letters_and_the_keyboard_choose_the_coach(
    page, live_server, district_admin, district, coach, teacher
):
    many_coaches(district)
    sign_in(page, live_server, district_admin.email, PASSWORD)
    page.goto(f"{live_server.url}/coaching/")
    box = page.get_by_role("combobox", name="Coach")
    box.press_sequentially("cora")
    # The label reads "Coach*" (crispy marks a required field), and so does the listbox's name.
    listbox = page.get_by_role("listbox", name=re.compile(r"^Coach\*?: suggestions$"))
    expect(listbox.get_by_role("option")).to_have_text(["Cora Coach (coach@maple.test)"])
    audit(page)  # with the suggestions open
    expect(page.get_by_role("status").filter(has_text="1 suggestion")).to_be_attached()
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "id_coach-listbox-0")
    box.press("Enter")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("Cora Coach (coach@maple.test)")
    page.get_by_label("Email address of the person they coach").fill(teacher.email)
    page.get_by_role("button", name="Assign the coach").click()
    expect(page.get_by_text("Cora Coach now coaches Tom Teacher.")).to_be_visible()
    assignment = CoachAssignment.objects.get()
    assert (assignment.coach, assignment.person) == (coach, teacher)
