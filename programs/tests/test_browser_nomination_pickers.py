"""In Chromium: the nomination queue's bulk decision takes its cohort from a search box; two
letters bring the matching cohorts, the keyboard picks one, and approving enrolls the chosen
nominee into it; axe finds nothing serious with the suggestions open."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership import picker
from leadership.tests.fixtures_browser import audit, sign_in
from programs import services
from programs.models import Nomination, NominationStatus
from programs.tests.conftest import many_cohorts

pytestmark = pytest.mark.browser


def test_two_letters_and_the_keyboard_choose_the_cohort_to_enroll_into(
    page, live_server, district_admin, principal, teacher, program, cohort, nominate
):
    many_cohorts(program, picker.SHORT + 5)
    nomination = nominate(principal, teacher)
    services.nomination_respond(actor=teacher, nomination_id=nomination.pk, accept=True)
    sign_in(page, live_server, district_admin.email, PASSWORD)
    page.goto(f"{live_server.url}/nominations/")
    page.get_by_label("Choose Tom Teacher").check()
    page.get_by_role("combobox", name="Decision").select_option(label="Approve and enroll")
    box = page.get_by_role("combobox", name="Cohort to enroll into (for approvals)")
    box.press_sequentially("fa")
    listbox = page.get_by_role("listbox", name="Cohort to enroll into (for approvals): suggestions")
    expect(listbox.get_by_role("option")).to_have_text(["Teacher Leader Fellowship: Fall cohort"])
    audit(page)  # with the suggestions open
    box.press("ArrowDown")
    box.press("Enter")
    expect(box).to_have_value("Teacher Leader Fellowship: Fall cohort")
    page.get_by_role("button", name="Apply to the chosen").click()
    page.get_by_role("button", name="Approve and enroll 1 nomination").click()
    expect(page.get_by_text("1 nomination approved.")).to_be_visible()
    nomination = Nomination.objects.get(pk=nomination.pk)
    assert nomination.status == NominationStatus.APPROVED and nomination.cohort == cohort
