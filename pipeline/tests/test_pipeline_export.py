import csv
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from leadership.models import AuditEvent, User
from leadership.tests.helpers import assert_within_budget
from pipeline import sections
from pipeline.models import Candidate, Stage
from pipeline.tests.pipeline_data import candidate, many_candidates


def test_it_exports_the_filtered_list_as_csv(cast, client_for, district, school):
    candidate(district, school, "Rita Ready", Stage.READY_NOW)
    candidate(district, school, "Ian Identified", Stage.IDENTIFIED)
    response = client_for(cast["admin"]).get(
        "/pipeline/candidates/export/csv/", {"stage": "ready_now"}
    )
    assert response["Content-Type"].startswith("text/csv")
    assert response.streaming
    rows = list(csv.reader(io.StringIO(_body(response))))
    assert rows[0][:3] == ["Name", "Email", "School"]
    assert [r[0] for r in rows[1:]] == ["Rita Ready"]
    event = AuditEvent.objects.get(action="candidates.export")
    assert event.actor == cast["admin"]
    assert event.after == {"format": "csv", "filters": {"Stage": "Ready now"}, "count": 1}


def test_the_audit_log_says_the_exports_filters_in_words(cast, client_for, district, school):
    candidate(district, school, "Rita Ready", Stage.READY_NOW)
    client = client_for(cast["admin"])
    client.get(
        "/pipeline/candidates/export/xlsx/",
        {"stage": "ready_now", "school": school.pk, "sort": "-readiness", "q": "Rita"},
    )
    event = AuditEvent.objects.get(action="candidates.export")
    assert event.after["filters"] == {
        "Name contains": "Rita",
        "School": school.name,
        "Stage": "Ready now",
        "Sort by": "Readiness (descending)",
    }
    page = client.get("/pipeline/audit/").content.decode()
    assert "Ready now" in page
    assert "ready_now" not in page


def _body(response):
    """The whole text of a streamed CSV response."""
    return b"".join(response.streaming_content).decode()


def test_it_streams_many_candidates_in_chunks_with_hook_columns(
    cast, client_for, district, school, monkeypatch
):
    from pipeline import exports

    many_candidates(district, [school], 7)
    monkeypatch.setattr(exports, "CHUNK_SIZE", 3)
    monkeypatch.setattr(sections, "EXPORT_COLUMNS", [("Extra", extra_column)])
    calls.clear()
    response = client_for(cast["admin"]).get("/pipeline/candidates/export/csv/")
    assert response.streaming
    rows = list(csv.reader(io.StringIO(_body(response))))
    assert len(rows) == 8
    assert len({r[1] for r in rows[1:]}) == 7
    assert all(r[-1].startswith("value ") for r in rows[1:])
    assert calls == [3, 3, 1]


def test_it_exports_xlsx(cast, client_for, district, school):
    candidate(district, school, "Xena Excel", Stage.PLACED)
    response = client_for(cast["admin"]).get("/pipeline/candidates/export/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Name"
    assert values[1][0] == "Xena Excel"
    assert values[1][6] == "Placed"


def test_it_escapes_cells_that_would_run_as_formulas(cast, client_for, district, school):
    person = candidate(district, school, "Evil Person")
    person.user.full_name = "=HYPERLINK(1)"
    person.user.save(update_fields=["full_name"])
    person.target_role = "@SUM(A1)"
    person.save(update_fields=["target_role"])
    client = client_for(cast["admin"])
    body = _body(client.get("/pipeline/candidates/export/csv/"))
    assert "'=HYPERLINK(1)" in body and "'@SUM(A1)" in body
    response = client.get("/pipeline/candidates/export/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "'=HYPERLINK(1)"
    assert sheet["A2"].data_type == "s"


def test_it_exports_only_what_a_principal_may_see(cast, client_for, district, school, other_school):
    candidate(district, school, "Mine Here")
    candidate(district, other_school, "Not Mine")
    body = _body(client_for(cast["principal"]).get("/pipeline/candidates/export/csv/"))
    assert "Mine Here" in body and "Not Mine" not in body


def test_it_adds_columns_from_the_export_hooks(cast, client_for, district, school, monkeypatch):
    person = candidate(district, school, "Hook Person")
    monkeypatch.setattr(sections, "EXPORT_COLUMNS", [("Extra", extra_column)])
    rows = list(
        csv.reader(
            io.StringIO(_body(client_for(cast["admin"]).get("/pipeline/candidates/export/csv/")))
        )
    )
    assert rows[0][-1] == "Extra"
    assert rows[1][-1] == f"value {person.pk}"


calls = []


def extra_column(candidates):
    calls.append(len(candidates))
    return {c.pk: f"value {c.pk}" for c in candidates}


def test_it_answers_404_for_an_unknown_format(cast, client_for):
    assert client_for(cast["admin"]).get("/pipeline/candidates/export/pdf/").status_code == 404


def test_it_refuses_teachers(cast, client_for):
    assert client_for(cast["teacher"]).get("/pipeline/candidates/export/csv/").status_code == 403


def test_it_makes_the_same_number_of_queries_for_few_and_many(cast, client_for, district, school):
    client = client_for(cast["admin"])
    many_candidates(district, [school], 10, prefix="Few")
    small, body = _queries_and_body(client)
    assert "Few" in body
    many_candidates(district, [school], 500)
    large, body = _queries_and_body(client)
    assert large == small
    assert_within_budget("/pipeline/candidates/export/csv/", large, 11)
    assert body.count("\n") == 511


def _queries_and_body(client):
    """Queries made while answering and streaming the whole CSV, and its text."""
    with CaptureQueriesContext(connection) as captured:
        body = _body(client.get("/pipeline/candidates/export/csv/"))
    return len(captured), body


CONTROL_CHARACTERS = [chr(code) for code in range(0x20)] + ["\x7f"]


def test_it_never_writes_a_formula_after_a_control_character(cast, client_for, district, school):
    """Every control character before every formula start: none may become a live formula
    when the spreadsheet drops the characters it cannot hold."""
    # PostgreSQL cannot store NUL at all (the roster import and forms refuse it first); the
    # SQLite run covers it.
    stored = [c for c in CONTROL_CHARACTERS if c != "\x00" or connection.vendor == "sqlite"]
    hostile = [c + start + "HYPERLINK(1)" for c in stored for start in "=+-@"]
    people = many_candidates(district, [school], len(hostile), prefix="Hostile")
    for person, value in zip(people, hostile, strict=True):
        person.target_role = value
        person.user.full_name = value
    Candidate.objects.bulk_update(people, ["target_role"])
    User.objects.bulk_update([p.user for p in people], ["full_name"])
    client = client_for(cast["admin"])

    response = client.get("/pipeline/candidates/export/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in (row[0], row[5])]
    assert len(cells) == 2 * len(hostile)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert all(cell.value.startswith("'") for cell in cells)

    rows = list(csv.reader(io.StringIO(_body(client.get("/pipeline/candidates/export/csv/")))))
    values = [value for row in rows[1:] for value in (row[0], row[5])]
    assert len(values) == 2 * len(hostile)
    assert all(value.startswith("'") for value in values)
    assert not any(character in value for value in values for character in "\x00\x01\x1f\x7f")


def test_it_refuses_a_nul_in_a_filter_with_a_message_and_exports_nothing(
    cast, client_for, district, school
):
    candidate(district, school, "Nora Null")
    response = client_for(cast["admin"]).get(
        "/pipeline/candidates/export/csv/", {"q": "\x00"}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[0][0].startswith("/pipeline/candidates/?q=%00")
    body = response.content.decode()
    assert "Nothing was exported" in body
    assert "Null characters are not allowed" in body
    assert not AuditEvent.objects.filter(action="candidates.export").exists()


def test_it_drops_other_control_characters_from_the_name_filter(cast, client_for, district, school):
    candidate(district, school, "Cleo Control")
    response = client_for(cast["admin"]).get("/pipeline/candidates/export/csv/", {"q": "Cl\x01eo"})
    assert [row[0] for row in csv.reader(io.StringIO(_body(response)))][1:] == ["Cleo Control"]
    event = AuditEvent.objects.get(action="candidates.export")
    assert event.after["filters"] == {"Name contains": "Cleo"}
