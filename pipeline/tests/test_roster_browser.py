"""In Chromium: a full sync names who it deactivates and is applied only once confirmed."""

import pytest
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.tests.fixtures_browser import audit, sign_in
from pipeline import tasks
from pipeline.models import ImportRun
from pipeline.tests.fixtures.oneroster import USERS_11, oneroster_11
from pipeline.tests.test_roster_import_views import imported

pytestmark = pytest.mark.browser


def test_an_admin_sees_who_a_full_sync_deactivates_and_confirms_it(
    page, live_server, district, district_admin, school, monkeypatch
):
    queued = []
    monkeypatch.setattr(tasks.import_roster, "delay", lambda run_id: queued.append(run_id))
    imported(district, district_admin, oneroster_11())
    sign_in(page, live_server, district_admin.email, PASSWORD)
    page.goto(f"{live_server.url}/roster/import/")
    expect(page.get_by_label("This file lists everybody", exact=False)).not_to_be_checked()
    fewer = [u for u in USERS_11 if u["sourcedId"] != "u1"]
    page.get_by_label("Roster file").set_input_files(
        files=[{"name": "sis.zip", "mimeType": "application/zip", "buffer": oneroster_11(fewer)}]
    )
    page.get_by_label("This file lists everybody", exact=False).check()
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", name="1 person will be deactivated")).to_be_visible()
    expect(page.get_by_role("cell", name="Ada Lovelace")).to_be_visible()
    audit(page)
    apply = page.get_by_role("button", name="Apply the import and deactivate 1 person")
    apply.click()
    expect(page.get_by_text("confirm that 1 person will be deactivated")).to_be_visible()
    assert queued == []
    page.get_by_label("Yes, deactivate the 1 person listed above").check()
    page.get_by_role("button", name="Apply the import and deactivate 1 person").click()
    expect(page.locator("#roster-status")).to_contain_text("Waiting to start")
    assert ImportRun.objects.get(pk=queued[0]).status == ImportRun.Status.QUEUED
