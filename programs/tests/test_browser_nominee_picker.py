"""In Chromium: choosing a program reloads the nominee picker, which then marks the person
already enrolled in that program as unavailable, with the reason; axe finds nothing serious."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.tests.fixtures_browser import audit, sign_in
from programs.models import Enrollment, NominationWindow, Program

pytestmark = pytest.mark.browser


def test_choosing_a_program_marks_who_cannot_be_nominated_for_it(
    page, live_server, principal, teacher, district, program, window, cohort
):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    other = Program.objects.create(district=district, name="Aspiring Principals")
    NominationWindow.objects.create(
        program=other, opens_on=window.opens_on, closes_on=window.closes_on
    )
    sign_in(page, live_server, principal.email, PASSWORD)
    page.goto(f"{live_server.url}/nominations/new/")
    picker = page.get_by_label("Who are you nominating?")
    expect(picker.get_by_role("option", name="Tom Teacher", exact=True)).to_be_enabled()
    expect(page.get_by_text("Choose the program first")).to_be_visible()

    page.get_by_label("Program").select_option(label="Teacher Leader Fellowship")
    marked = picker.get_by_role(
        "option", name="Tom Teacher — already enrolled in Teacher Leader Fellowship"
    )
    expect(marked).to_be_disabled()
    audit(page)

    page.get_by_label("Program").select_option(label="Aspiring Principals")
    expect(picker.get_by_role("option", name="Tom Teacher", exact=True)).to_be_enabled()
