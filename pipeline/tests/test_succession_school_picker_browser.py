"""In Chromium: adding a position, its school is a search box; a few letters bring the
matching school, the keyboard picks it, and saving puts the position at that school; axe
finds nothing serious with the suggestions open."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.tests.fixtures_browser import audit, sign_in
from leadership.tests.picking import many_schools
from pipeline.succession.models import Position
from pipeline.tests.succession_data import kind

pytestmark = pytest.mark.browser


def test_a_few_letters_and_the_keyboard_choose_the_positions_school(
    page, live_server, district_admin, district, school, other_school
):
    dean = kind(district, "dean")
    many_schools(district)
    sign_in(page, live_server, district_admin.email, PASSWORD)
    page.goto(f"{live_server.url}/positions/add/")
    page.locator("#id_kind").select_option(str(dean.pk))
    page.locator("#id_level").select_option("school")
    box = page.get_by_role("combobox", name="School")
    box.press_sequentially("midd")
    listbox = page.get_by_role("listbox", name="School: suggestions")
    expect(listbox.get_by_role("option")).to_have_text(["Maple Grove Middle School"])
    audit(page)  # with the suggestions open
    expect(page.get_by_role("status").filter(has_text="1 suggestion")).to_be_attached()
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "id_school-listbox-0")
    box.press("Enter")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("Maple Grove Middle School")
    page.get_by_role("button", name="Save the position").click()
    expect(page.get_by_text("is added. Record its holder below.")).to_be_visible()
    added = Position.objects.get()
    assert (added.kind, added.school) == (dean, school)
