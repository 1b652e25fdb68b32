"""In Chromium: the candidate list's school filter is a search box; two letters bring the
matching schools, the keyboard picks one, and the list shows that school's candidates; axe
finds nothing serious on the page with its suggestions open."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.tests.fixtures_browser import audit, sign_in
from leadership.tests.picking import many_schools
from pipeline.models import Stage
from pipeline.tests.pipeline_data import candidate

pytestmark = pytest.mark.browser


def test_two_letters_and_the_keyboard_choose_a_school(
    page, live_server, district_admin, district, school, other_school
):
    candidate(district, school, "Alma Ready", Stage.READY_NOW)
    candidate(district, other_school, "Bert Later", Stage.READY_LATER)
    many_schools(district)
    sign_in(page, live_server, district_admin.email, PASSWORD)
    page.goto(f"{live_server.url}/pipeline/candidates/")
    box = page.get_by_role("combobox", name="School")
    box.press_sequentially("hi")
    listbox = page.get_by_role("listbox", name="School: suggestions")
    expect(listbox.get_by_role("option")).to_have_text(["Maple Grove High School"])
    audit(page)  # with the suggestions open
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("status").filter(has_text="1 suggestion")).to_be_attached()
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "id_school-listbox-0")
    box.press("Enter")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("Maple Grove High School")
    box.press("Enter")  # submits the filter form
    results = page.locator("#candidate-results")
    expect(results).to_contain_text("Bert Later")
    expect(results).not_to_contain_text("Alma Ready")
    audit(page)
