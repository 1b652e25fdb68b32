"""In Chromium: a principal posts an opportunity, a teacher applies, the principal selects
them and announces the selection, the teacher opens the notice, records what they did and
sees it on their leadership record, and the pipeline page counts it."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.tests.fixtures_browser import audit, sign_in
from portrait.services import framework_copy_default

pytestmark = pytest.mark.browser


def _as(page, live_server, user):
    page.context.clear_cookies()
    sign_in(page, live_server, user.email, PASSWORD)


def test_it_takes_a_teacher_from_opportunity_to_leadership_record(
    page, live_server, district, principal, teacher
):
    framework_copy_default(district=district)
    today = timezone.localdate()
    _as(page, live_server, principal)
    page.goto(f"{live_server.url}/opportunities/new/")
    page.get_by_label("Title").fill("Lead the grade 7 team")
    page.get_by_label("Kind of opportunity").select_option(label="Grade-level or content team lead")
    page.get_by_label("What the role involves").fill("Plan and run the team's weekly meeting.")
    page.get_by_label("Level of leadership it develops").select_option("school")
    page.get_by_label("Time it asks").fill("One hour a week")
    page.get_by_label("Collaboration").check()
    page.get_by_label("Number of people you can take").fill("1")
    page.get_by_label("Applications close on").fill(str(today + datetime.timedelta(days=7)))
    audit(page)
    page.get_by_role("button", name="Post it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lead the grade 7 team")
    audit(page)

    _as(page, live_server, teacher)
    page.goto(f"{live_server.url}/opportunities/")
    audit(page)
    page.get_by_role("link", name="Lead the grade 7 team").click()
    page.get_by_label("A short note: why you, and why now?").fill("I have led our team's planning.")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_text("Your application is sent.")).to_be_visible()
    audit(page)

    _as(page, live_server, principal)
    page.goto(f"{live_server.url}/opportunities/")
    page.get_by_role("link", name="Lead the grade 7 team").click()
    page.get_by_role("link", name="See applications and select").click()
    page.get_by_label("Select Tom Teacher").check()
    audit(page)
    page.get_by_role("button", name="Select the ticked people").click()
    page.get_by_role("button", name="Choose them").click()
    expect(page.get_by_text("Chosen: Tom Teacher")).to_be_visible()
    page.get_by_role("button", name="Finish the selection…").click()
    audit(page)
    page.get_by_role("button", name="Finish the selection and send the emails").click()
    expect(page.get_by_text("1 told they were selected")).to_be_visible()

    _as(page, live_server, teacher)
    page.get_by_role("link", name="Notifications").click()
    notice = page.get_by_role("listitem").filter(has_text="You have been selected")
    notice.get_by_role("button", name="Open").click()
    expect(page.get_by_text("Selected", exact=True)).to_be_visible()
    page.get_by_role("link", name="Record what I did and learned").click()
    page.get_by_label("I started on").fill(str(today))
    page.get_by_label("It ended on").fill(str(today))
    page.get_by_label("What did you do?").fill("I ran the team's four planning meetings.")
    page.get_by_label("Collaboration:").fill("Closing each meeting with a decision kept us moving.")
    page.get_by_label("Where are you now on Collaboration?").select_option(label="Practicing")
    audit(page)
    page.get_by_role("button", name="Add it to my record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your leadership record")
    expect(page.get_by_role("rowheader", name="Lead the grade 7 team")).to_be_visible()
    audit(page)
    page.get_by_role("link", name="your reflection on Collaboration").click()
    expect(page.get_by_text("Closing each meeting with a decision kept us moving.")).to_be_visible()
    audit(page)

    page.goto(f"{live_server.url}/")
    record = page.get_by_role("region", name="Your leadership record")
    expect(record.get_by_text("Lead the grade 7 team")).to_be_visible()

    # The district's pipeline page counts it: one of the school's two staff led something.
    _as(page, live_server, principal)
    page.goto(f"{live_server.url}/pipeline/")
    reach = page.get_by_role("region", name="Who gets to lead: opportunities this school year")
    row = reach.get_by_role("row", name=re.compile("Maple Grove Middle School"))
    expect(row).to_contain_text("1 (50%)")
    audit(page)
