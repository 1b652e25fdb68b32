"""In Chromium: an admin imports a roster and watches it finish, opens the dashboard,
follows a figure to the candidates behind it, exports them, and moves one on with a note.
"""

import io
import os

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from leadership.models import User
from leadership.tests.fixtures_browser import audit, sign_in
from pipeline import tasks
from pipeline.importing import run_import
from pipeline.models import Candidate, CandidateChange, ImportRun
from pipeline.tests.fixtures.oneroster import oneroster_11, user

pytestmark = pytest.mark.browser

LAKEVIEW_ORGS = [
    {"sourcedId": "lv", "name": "Lakeview School District", "type": "district"},
    {"sourcedId": "lv-ms", "name": "Lakeview Middle School", "type": "school"},
]
NEWCOMERS = [
    user("n1", "Nell", "Newcomer", "nell@lakeview.test", role="teacher", orgSourcedIds="lv-ms"),
    user("n2", "Ned", "Newcomer", "ned@lakeview.test", role="aide", orgSourcedIds="lv-ms"),
]


def test_an_admin_imports_then_follows_a_figure_and_moves_a_candidate_on(
    page, live_server, monkeypatch
):
    call_command("seed_demo", stdout=io.StringIO())
    queued = []
    monkeypatch.setattr(tasks.import_roster, "delay", lambda run_id: queued.append(run_id))
    sign_in(page, live_server, "admin@lakeview.test")

    # Import: preview, apply, and the progress fragment polls until the worker is done.
    page.goto(f"{live_server.url}/roster/import/")
    audit(page)
    page.get_by_label("Roster file").set_input_files(
        files=[
            {
                "name": "sis.zip",
                "mimeType": "application/zip",
                "buffer": oneroster_11(users=NEWCOMERS, orgs=LAKEVIEW_ORGS),
            }
        ]
    )
    page.get_by_label("This file lists everybody", exact=False).uncheck()
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Preview of sis.zip")
    audit(page)
    page.get_by_role("button", name="Apply the import").click()
    expect(page.locator("progress")).to_be_visible()
    expect(page.locator("#roster-status")).to_contain_text("Waiting to start")
    audit(page)
    run_import(queued[0])  # the Celery worker's part
    expect(page.get_by_text("The import is done")).to_be_visible(timeout=10_000)
    assert User.objects.filter(email="nell@lakeview.test").exists()
    assert ImportRun.objects.get(pk=queued[0]).status == ImportRun.Status.DONE

    # The dashboard, and the people behind one of its numbers.
    page.goto(f"{live_server.url}/pipeline/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("leadership pipeline")
    expect(page.get_by_text("Nobody ready").first).to_be_visible()
    audit(page)
    page.locator('#funnel-heading ~ div a[href*="stage=in_development"]').first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Candidates")
    expect(page.get_by_label("Stage")).to_have_value("in_development")
    audit(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    exported = download.value.path().read_text(encoding="utf-8")
    assert exported.startswith("Name,Email,School")
    assert "In development" in exported and "Ready now" not in exported

    # One of them moves on, with a note that stays in their history.
    # The name opens the person's profile; the stage links to the candidate's page.
    page.locator('#candidate-results tbody a[href*="/pipeline/candidates/"]').first.click()
    audit(page)
    page.get_by_label("Stage in the pipeline").select_option("ready_later")
    page.get_by_label("Why the change").fill("Led the data team all year.")
    page.get_by_role("button", name="Save the change").click()
    expect(page.get_by_text("stage and readiness are saved")).to_be_visible()
    expect(page.get_by_role("cell", name="Led the data team all year.")).to_be_visible()
    audit(page)
    change = CandidateChange.objects.filter(note="Led the data team all year.").get()
    assert Candidate.objects.get(pk=change.candidate_id).stage == "ready_later"
    assert os.path.exists(download.value.path())

    # The other pipeline pages pass the accessibility audit too.
    page.goto(f"{live_server.url}/pipeline/audit/")
    expect(page.get_by_role("cell", name="Candidate stage").first).to_be_visible()
    audit(page)
    for path in ("/pipeline/framework/case/", "/about-me/"):
        page.goto(f"{live_server.url}{path}")
        audit(page)
