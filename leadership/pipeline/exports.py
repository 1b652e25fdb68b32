"""The candidate list as CSV or XLSX: the same columns, cells escaped against formulas."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from leadership.pipeline.hooks import export_columns

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

BASE_COLUMNS = [
    ("Name", lambda c: c.user.full_name),
    ("Email", lambda c: c.user.email),
    ("School", lambda c: c.school.name if c.school_id else ""),
    ("Leads now at", lambda c: c.get_current_level_display()),
    ("Aims to lead at", lambda c: c.get_target_level_display()),
    ("Target role", lambda c: c.target_role),
    ("Stage", lambda c: c.get_stage_display()),
    ("Readiness", lambda c: c.get_readiness_display()),
    ("Sponsor or mentor", lambda c: c.sponsor.full_name if c.sponsor_id else ""),
]


def safe_cell(value):
    """A spreadsheet must never run a cell as a formula: prefix risky text with a quote."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def rows(candidates):
    """Header row, then one row per candidate, hook columns after the built-in ones."""
    candidates = list(candidates)
    hooks = export_columns()
    extra = [(header, function(candidates)) for header, function in hooks]
    yield [header for header, _ in BASE_COLUMNS] + [header for header, _ in extra]
    for candidate in candidates:
        cells = [getter(candidate) for _, getter in BASE_COLUMNS]
        cells += [values.get(candidate.pk, "") for _, values in extra]
        yield [safe_cell(cell) for cell in cells]


def _filename(extension):
    return f"candidates-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_response(candidates):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows(rows(candidates))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def xlsx_response(candidates):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Candidates"
    for row in rows(candidates):
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", str(cell)) or None for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
