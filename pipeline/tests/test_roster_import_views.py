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
