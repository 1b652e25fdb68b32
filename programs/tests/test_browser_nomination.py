"""In Chromium: the principal nominates, the teacher accepts, the admin approves, and the
teacher sees the cohort and its first assignment on their home page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.tests.fixtures_browser import audit, sign_in
from programs.models import Assignment, Nomination, Session

from .conftest import RATIONALE

pytestmark = pytest.mark.browser


def _as(page, live_server, user):
    page.context.clear_cookies()
    sign_in(page, live_server, user.email, PASSWORD)


def test_it_takes_a_nomination_from_principal_to_cohort(
    page, live_server, principal, teacher, district_admin, program, window, cohort, prompt
):
    Assignment.objects.create(
        cohort=cohort, prompt=prompt, due_on=timezone.localdate() + timedelta(days=5)
    )
    start = timezone.now() + timedelta(days=3)
    session = Session.objects.create(
        cohort=cohort, title="Kick-off", starts_at=start, ends_at=start + timedelta(hours=2)
    )

    _as(page, live_server, principal)
    page.goto(f"{live_server.url}/nominations/new/")
    audit(page)
    page.get_by_label("Program").select_option(label="Teacher Leader Fellowship")
    page.get_by_label("Who are you nominating?").select_option(label="Tom Teacher")
    page.get_by_label("What have you seen them do that shows Communicator?").fill(RATIONALE)
    page.get_by_label("A link to evidence of Communicator (optional)").fill(
        "https://example.org/team-notes"
    )
    page.get_by_role("button", name="Send the nomination").click()
    expect(page.get_by_text("has been asked to accept the nomination")).to_be_visible()
    audit(page)
    nomination = Nomination.objects.get()

    _as(page, live_server, teacher)
    page.get_by_role("link", name="You were nominated for Teacher Leader Fellowship").click()
    expect(page.get_by_role("heading", name="What Paula Principal wrote about you")).to_be_visible()
    expect(page.get_by_text(RATIONALE)).to_be_visible()
    expect(page.get_by_role("link", name="https://example.org/team-notes")).to_be_visible()
    page.get_by_label("Note (optional)").fill("I would be glad to.")
    page.get_by_role("button", name="Accept the nomination").click()
    expect(page.get_by_role("heading", name="Emailed")).to_be_visible()
    expect(page.get_by_text("Paula Principal", exact=True)).to_be_visible()
    audit(page)
    page.get_by_role("button", name="Accept the nomination").click()
    expect(page.get_by_text("You accepted the nomination.")).to_be_visible()
    audit(page)

    _as(page, live_server, district_admin)
    page.goto(f"{live_server.url}/nominations/?status=waiting")
    audit(page)
    page.get_by_label("Choose every nomination waiting for a decision").check()
    expect(page.get_by_label("Choose Tom Teacher")).to_be_checked()
    page.goto(f"{live_server.url}/nominations/{nomination.pk}/")
    decision = page.get_by_role("combobox", name="Decision")
    expect(decision).to_have_value("")
    decision.select_option(label="Approve and enroll")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Approve and enroll Tom Teacher for Teacher Leader Fellowship?"
    )
    expect(page.get_by_text("Tom Teacher is enrolled in Fall cohort")).to_be_visible()
    audit(page)
    page.get_by_role("button", name="Approve and enroll").click()
    expect(page.get_by_text("Nomination approved.")).to_be_visible()
    expect(page.get_by_text("Enrolled in Fall cohort")).to_be_visible()
    audit(page)
    nomination.refresh_from_db()
    assert nomination.status == "approved"
    # The pages an admin runs a cohort from, each audited.
    for path in (
        "/programs/",
        f"/programs/{cohort.program_id}/",
        f"/sessions/{session.pk}/edit/",
        f"/sessions/{session.pk}/attendance/",
        f"/cohorts/{cohort.pk}/",
    ):
        page.goto(f"{live_server.url}{path}")
        audit(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Fall cohort")

    _as(page, live_server, teacher)
    mine = page.get_by_role("region", name="Programs and nominations")
    expect(mine.get_by_text("Teacher Leader Fellowship: Fall cohort")).to_be_visible()
    expect(mine.get_by_text(prompt.text)).to_be_visible()
    audit(page)
    page.get_by_role("link", name="Notifications").click()
    approved = page.get_by_text("Your nomination for Teacher Leader Fellowship was approved")
    expect(approved.first).to_be_visible()
    audit(page)
