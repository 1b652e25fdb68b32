from django.core.files.uploadedfile import SimpleUploadedFile

from leadership.models import AuditEvent, User
from pipeline.models import ImportRun
from pipeline.roster import MAX_BYTES, MAX_MEGABYTES
from pipeline.tests.fixtures.oneroster import USERS_11, oneroster_11, user

URL = "/roster/import/"


def upload(client, content, name="sis.zip", **data):
    return client.post(URL, {"file": SimpleUploadedFile(name, content), **data}, follow=True)


def test_it_offers_the_upload_form_and_the_template(cast, client_for):
    client = client_for(cast["admin"])
    body = client.get(URL).content.decode()
    assert "Preview the import" in body
    response = client.get("/roster/import/template.csv")
    assert response.content.decode().startswith("person_id,email,full_name,role,school_id")


def test_it_previews_then_applies_with_progress(cast, client_for, school, monkeypatch):
    from pipeline import tasks

    queued = []
    monkeypatch.setattr(tasks.import_roster, "delay", lambda run_id: queued.append(run_id))
    client = client_for(cast["admin"])
    body = upload(client, oneroster_11(), full_sync="on").content.decode()
    assert "Preview of sis.zip" in body
    assert "What applying this file would change" in body
    assert "Nobody will be deactivated" in body  # a full sync, with nobody missing
    assert not User.objects.filter(email="ada@maple.test").exists()
    run = ImportRun.objects.get()
    with django_capture_on_commit():
        body = client.post(f"/roster/import/{run.pk}/apply/", follow=True).content.decode()
    assert queued == [run.pk]
    assert "The import has started" in body
    assert 'hx-trigger="every 1s"' in body
    assert "<progress" in body
    tasks.import_roster(run.pk)
    fragment = client.get(f"/roster/import/{run.pk}/status/").content.decode()
    assert "The import is done" in fragment
    assert "hx-trigger" not in fragment
    assert User.objects.filter(email="ada@maple.test").exists()
    assert AuditEvent.objects.filter(action="roster.import_started").exists()


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


def test_it_lists_bad_rows_and_needs_a_choice_to_skip_them(cast, client_for, school):
    users = [
        *USERS_11,
        user("u9", "Ned", "N", "ned@maple.test", role="teacher", orgSourcedIds="s9"),
    ]
    client = client_for(cast["admin"])
    body = upload(client, oneroster_11(users=users)).content.decode()
    assert "1 row with problems" in body
    assert "The org s9 is not in orgs.csv." in body
    assert "Skip the rows with problems" in body
    run = ImportRun.objects.get()
    body = client.post(f"/roster/import/{run.pk}/apply/", follow=True).content.decode()
    assert "The file has rows with problems" in body
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEWED


def test_it_explains_a_file_it_cannot_read(cast, client_for):
    client = client_for(cast["admin"])
    body = upload(client, oneroster_11(skip=["users.csv"])).content.decode()
    assert "The zip has no users.csv" in body
    assert not ImportRun.objects.exists()


def test_it_refuses_a_file_over_the_limit(cast, client_for, settings):
    client = client_for(cast["admin"])
    body = upload(client, b"x" * (MAX_BYTES + 1), name="big.csv").content.decode()
    assert f"larger than {MAX_MEGABYTES} MB. Export staff only" in body
    assert not ImportRun.objects.exists()


def test_it_reads_a_file_of_a_150000_person_district(cast, client_for):
    """13 MB, the size of a 150,000-person CSV: past the size check, on to the header."""
    client = client_for(cast["admin"])
    body = upload(client, b"x,y\n" * 3_250_000, name="big.csv").content.decode()
    assert "larger than" not in body
    assert "the header lacks" in body


def test_it_polls_the_progress_without_loading_the_stored_file(cast, client_for, district):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    run = ImportRun.objects.create(
        district=district, file_name="x.zip", file_sha256="0", content=b"x", format="oneroster"
    )
    client = client_for(cast["admin"])
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/roster/import/{run.pk}/status/").status_code == 200
    assert not any('"content"' in q["sql"] for q in captured.captured_queries)


def test_it_keeps_imports_to_the_admins_of_the_district(cast, client_for, district, school):
    run = ImportRun.objects.create(
        district=district, file_name="x.zip", file_sha256="0", content=b"", format="oneroster"
    )
    assert client_for(cast["principal"]).get(URL).status_code == 403
    assert client_for(cast["principal"]).get(f"/roster/import/{run.pk}/").status_code == 403
    assert client_for(cast["outsider"]).get(f"/roster/import/{run.pk}/").status_code == 404
    response = client_for(cast["outsider"]).post(f"/roster/import/{run.pk}/apply/")
    assert response.status_code == 404
    assert client_for(cast["admin"]).get(f"/roster/import/{run.pk}/apply/").status_code == 405


def test_it_requires_sign_in(client):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def imported(district, admin, content):
    """`content` imported already (partial), as an earlier upload would have."""
    from pipeline.importing import run_import
    from pipeline.services import roster_import_apply, roster_import_preview

    run = roster_import_preview(
        district=district, actor=admin, file_name="first.zip", content=content, full_sync=False
    )
    roster_import_apply(run=run, actor=admin, skip_bad_rows=False, enqueue=False)
    run_import(run.pk)


def test_it_deactivates_nobody_unless_a_full_sync_is_ticked(
    district, district_admin, school, client_for
):
    client = client_for(district_admin)
    body = client.get(URL).content.decode()
    checkbox = body[body.index('name="full_sync"') :]
    assert "checked" not in checkbox[: checkbox.index(">")]
    assert ImportRun(district=district).full_sync is False
    imported(district, district_admin, oneroster_11())
    fewer = [u for u in USERS_11 if u["sourcedId"] != "u1"]
    body = upload(client, oneroster_11(users=fewer), name="new-hires.zip").content.decode()
    assert "partial import: nobody is deactivated" in body
    assert "will be deactivated" not in body
    run = ImportRun.objects.get(file_name="new-hires.zip")
    assert run.full_sync is False
    client.post(f"/roster/import/{run.pk}/apply/")
    assert User.objects.get(email="ada@maple.test").memberships.get().is_active


def test_it_names_who_a_full_sync_deactivates_and_asks_before_applying(
    district, district_admin, school, client_for, monkeypatch
):
    from pipeline import tasks

    monkeypatch.setattr(tasks.import_roster, "delay", lambda run_id: None)
    imported(district, district_admin, oneroster_11())
    client = client_for(district_admin)
    fewer = [u for u in USERS_11 if u["sourcedId"] not in ("u1", "u3")]
    body = upload(client, oneroster_11(users=fewer), full_sync="on").content.decode()
    assert "2 people will be deactivated" in body
    assert "Ada Lovelace" in body and "ada@maple.test" in body
    assert "Cleo Ward" in body and "cleo@maple.test" in body
    assert "Yes, deactivate the 2 people listed above" in body
    assert "Apply the import and deactivate 2 people" in body
    run = ImportRun.objects.get(full_sync=True)
    body = client.post(f"/roster/import/{run.pk}/apply/", follow=True).content.decode()
    assert "confirm that 2 people will be deactivated" in body
    run.refresh_from_db()
    assert run.status == ImportRun.Status.PREVIEWED
    assert User.objects.get(email="ada@maple.test").memberships.get().is_active
    response = client.post(f"/roster/import/{run.pk}/apply/", {"confirm_deactivations": "on"})
    assert response.status_code == 302
    tasks.import_roster(run.pk)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert not User.objects.get(email="ada@maple.test").memberships.get().is_active
    assert User.objects.get(email="ben@maple.test").memberships.get().is_active
    body = client.get(f"/roster/import/{run.pk}/").content.decode()
    assert "Deactivated: 2 people" in body and "Cleo Ward" in body


def test_it_lists_everybody_a_full_sync_deactivates_a_page_at_a_time(
    district, district_admin, client_for
):
    from pipeline.roster.files import SIMPLE_HEADER
    from pipeline.tests.fixtures.oneroster import simple_csv

    def staff(count):
        rows = [
            [f"p{i:03}", f"p{i:03}@bulk.test", f"Person {i:03}", "teacher", "s1", "School", ""]
            for i in range(count)
        ]
        return simple_csv([dict(zip(SIMPLE_HEADER, row, strict=True)) for row in rows])

    imported(district, district_admin, staff(151))
    client = client_for(district_admin)
    body = upload(client, staff(1), name="one.csv", full_sync="on").content.decode()
    assert "150 people will be deactivated" in body
    assert "Person 001" in body and "Person 100" in body and "Person 101" not in body
    assert "1 to 100 of 150" in body
    run = ImportRun.objects.get(full_sync=True)
    body = client.get(f"/roster/import/{run.pk}/", {"page": 2}).content.decode()
    assert "Person 101" in body and "Person 150" in body and "Person 100" not in body


def test_it_imports_roles_held_at_a_department_of_a_12_bundle(
    district, district_admin, school, client_for, monkeypatch
):
    from leadership.models import Role
    from pipeline import tasks
    from pipeline.tests.fixtures.oneroster import DEPARTMENTS, ORGS, oneroster_12

    monkeypatch.setattr(tasks.import_roster, "delay", lambda run_id: None)
    roles = [
        {"sourcedId": "r1", "userSourcedId": "u1", "role": "teacher", "orgSourcedId": "m1"},
        {
            "sourcedId": "r2",
            "userSourcedId": "u2",
            "role": "districtAdministrator",
            "orgSourcedId": "c1",
        },
    ]
    client = client_for(district_admin)
    content = oneroster_12(roles=roles, orgs=[*ORGS, *DEPARTMENTS])
    body = upload(client, content).content.decode()
    assert "with problems" not in body
    assert "is a department, not a school" not in body
    run = ImportRun.objects.get()
    assert run.summary["people"]["created"] == 2
    client.post(f"/roster/import/{run.pk}/apply/")
    tasks.import_roster(run.pk)
    ben = User.objects.get(email="ben@maple.test").memberships.get()
    assert (ben.role, ben.school) == (Role.DISTRICT_ADMIN, None)
    ada = User.objects.get(email="ada@maple.test").memberships.get()
    assert (ada.role, ada.school) == (Role.TEACHER, school)
