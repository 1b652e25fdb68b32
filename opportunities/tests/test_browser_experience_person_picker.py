"""In Chromium: /experience/add/'s person is a search box; a few letters bring the matching
people, the keyboard picks one, and adding saves the experience on that person's record; axe
finds nothing serious with the suggestions open."""

import re

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.tests.fixtures_browser import audit, sign_in
from opportunities.models import ExperienceEntry
from opportunities.tests.test_experience_person_picker import many_people

pytestmark = pytest.mark.browser


def test_a_few_letters_and_the_keyboard_choose_the_person(
    page, live_server, district_admin, district, teacher
):
    many_people(district)
    sign_in(page, live_server, district_admin.email, PASSWORD)
    page.goto(f"{live_server.url}/experience/add/")
    box = page.get_by_role("combobox", name="Person")
    box.press_sequentially("tom t")
    listbox = page.get_by_role("listbox", name=re.compile(r"^Person\*?: suggestions$"))
    expect(listbox.get_by_role("option")).to_have_text(["Tom Teacher (teacher@maple.test)"])
    audit(page)  # with the suggestions open
    expect(page.get_by_role("status").filter(has_text="1 suggestion")).to_be_attached()
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "id_person-listbox-0")
    box.press("Enter")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value("Tom Teacher (teacher@maple.test)")
    page.get_by_label("Role or experience").fill("Assistant principal, Oak Ridge")
    page.get_by_label("Started on").fill("2015-08-01")
    page.get_by_label("Ended on (leave empty if it goes on)").fill("2019-06-30")
    page.get_by_role("button", name="Add it").click()
    expect(
        page.get_by_text("Added “Assistant principal, Oak Ridge” to Tom Teacher's record.")
    ).to_be_visible()
    entry = ExperienceEntry.objects.get()
    assert (entry.person, entry.title, entry.added_by) == (
        teacher,
        "Assistant principal, Oak Ridge",
        district_admin,
    )
