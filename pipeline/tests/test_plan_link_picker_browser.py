"""In Chromium: /plans/mine/'s opportunity and session of a goal are search boxes; a few
letters bring the matching choices, the keyboard picks one in each, and saving links them to
the goal; axe finds nothing serious with the suggestions open."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.tests.fixtures_browser import audit, sign_in
from pipeline.plans.models import GoalAction
from pipeline.tests import plans_data
from pipeline.tests.test_plan_link_pickers import (
    cohort,
    label,
    many_opportunities,
    many_sessions,
    session,
)

pytestmark = pytest.mark.browser


def _choose(page, goal, label, typed, shown):
    """Types `typed` into the goal's `label` box and takes the one suggestion by keyboard."""
    box = goal.get_by_role("combobox", name=label)
    box.press_sequentially(typed)
    listbox = page.get_by_role("listbox", name=f"{label}: suggestions").first
    expect(listbox.get_by_role("option")).to_have_text([shown])
    audit(page)  # with the suggestions open
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", f"{box.get_attribute('id')}-listbox-0")
    box.press("Enter")
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_have_value(shown)


def test_a_few_letters_and_the_keyboard_link_an_opportunity_and_a_session(
    page, live_server, teacher, district
):
    attribute = plans_data.attribute(district)  # the district's framework, made on first use
    many_opportunities(district)
    many_sessions(district)
    wanted = plans_data.opportunity(district, "Lead the grade 7 data team")
    walk = session(cohort(district, name="Spring"))
    sign_in(page, live_server, teacher.email, PASSWORD)
    page.goto(f"{live_server.url}/plans/mine/")
    goal = page.locator("#goal-1")
    goal.get_by_label("The attribute it grows").select_option(label=attribute.name)
    goal.get_by_label("What you will grow in").fill("Lead our grade team's data meetings")
    goal.get_by_label("How success will show").fill("Every teacher brings one student's work.")
    goal.get_by_label("By when").fill(plans_data.target_day(60).isoformat())
    expect(goal.get_by_text("Type part of the opportunity's title or school.")).to_be_visible()
    _choose(
        page,
        goal,
        "An opportunity to apply for (optional)",
        "grade 7",
        label(wanted),
    )
    _choose(
        page,
        goal,
        "A session to attend (optional)",
        "spring",
        "Data walk (Aspiring Principals — Spring)",
    )
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_text("Your growth plan is saved.")).to_be_visible()
    assert set(GoalAction.objects.values_list("opportunity", "session")) == {
        (wanted.pk, None),
        (None, walk.pk),
    }
