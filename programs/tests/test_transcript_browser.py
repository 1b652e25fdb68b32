"""In Chromium (issue 19): the facilitator takes attendance for two sessions with credit
hours, and the teacher downloads her hours as a PDF whose totals match what was taken."""

import io
from decimal import Decimal

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import PASSWORD
from leadership.tests.fixtures_browser import audit, sign_in
from programs.models import Attendance, Enrollment
from programs.tests.test_transcripts import session_with_hours

pytestmark = pytest.mark.browser


def _as(page, live_server, user):
    page.context.clear_cookies()
    sign_in(page, live_server, user.email, PASSWORD)


def _take(page, live_server, session, statuses):
    page.goto(f"{live_server.url}/sessions/{session.pk}/attendance/")
    for name, status in statuses.items():
        page.get_by_role("group", name=name).get_by_label(status).check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved.")).to_be_visible()


def test_the_teacher_downloads_her_hours_and_they_match_the_attendance(
    page, live_server, cohort, coach, teacher, other_teacher, district
):
    for person in (teacher, other_teacher):
        Enrollment.objects.create(cohort=cohort, person=person)
    first = session_with_hours(cohort, "Listening before deciding", "2.5", hours_ago=5)
    second = session_with_hours(cohort, "Data meetings that matter", "1.75", hours_ago=3)
    third = session_with_hours(cohort, "Equity walk", "3", hours_ago=1)

    _as(page, live_server, coach)
    present = {"Tom Teacher": "Present", "Olga Otherteacher": "Present"}
    _take(page, live_server, first, present)
    audit(page)
    _take(page, live_server, second, present)
    _take(page, live_server, third, {"Tom Teacher": "Excused", "Olga Otherteacher": "Present"})
    mine = Attendance.objects.filter(enrollment__person=teacher, status="present")
    taken = sum(a.session.credit_hours for a in mine.select_related("session"))
    assert taken == Decimal("4.25")

    _as(page, live_server, teacher)
    page.get_by_role("link", name="Your credit hours this school year").click()
    expect(page.locator("#transcript-total")).to_contain_text("4.25 hours earned, 2 of 3")
    audit(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as PDF").click()
    pdf = download.value
    assert pdf.suggested_filename.startswith("transcript-tom-teacher-")
    reader = PdfReader(io.BytesIO(open(pdf.path(), "rb").read()))
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert district.name in text and "Tom Teacher" in text
    assert f"Hours earned {taken}" in text and f"Total hours earned {taken}" in text
    assert "Sessions attended 2 of 3" in text
    for title in ("Listening before deciding", "Data meetings that matter", "Equity walk"):
        assert title in text
