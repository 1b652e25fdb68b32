"""The candidate list as CSV or XLSX: the same columns, cells escaped against formulas.

The CSV streams: candidates are read from the database in chunks and the hook columns are
fetched per chunk, so memory stays flat whatever the number of candidates.
"""

import csv
import io
from itertools import islice

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook

from leadership.text import without_control_characters
from pipeline import sections
from pipeline.models import Candidate

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _label(field):
    """`get_<field>_display` without its per-call cost: the choices read once."""
    labels = {}

    def label(candidate):
        if not labels:
            labels.update(Candidate._meta.get_field(field).flatchoices)
        value = getattr(candidate, field)
        return labels.get(value, value)

    return label


BASE_COLUMNS = [
    ("Name", lambda c: c.user.full_name),
    ("Email", lambda c: c.user.email),
    ("School", lambda c: c.school.name if c.school_id else ""),
    ("Leads now at", _label("current_level")),
    ("Aims to lead at", _label("target_level")),
    ("Target role", lambda c: c.target_role),
    ("Stage", _label("stage")),
    ("Readiness", _label("readiness")),
    ("Sponsor or mentor", lambda c: c.sponsor.full_name if c.sponsor_id else ""),
]


def safe_cell(value):
    """The text of a cell that a spreadsheet never runs as a formula.

    Control characters go first, then a cell whose first visible character starts a formula
    gets a quote in front: in the other order, `\\x01=HYPERLINK(...)` passed the check and
    became a live formula once the control character was stripped.
    """
    if value is None:
        return ""
    text = without_control_characters(str(value))
    if text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_STARTS):
        return "'" + text
    return text


CHUNK_SIZE = 2000


def _chunks(candidates, size):
    """Lists of up to `size` candidates; a queryset is read with a server-side cursor."""
    if hasattr(candidates, "iterator"):
        candidates = candidates.iterator(chunk_size=size)
    candidates = iter(candidates)
    while chunk := list(islice(candidates, size)):
        yield chunk


def rows(candidates):
    """Header row, then one row per candidate, hook columns after the built-in ones.

    `candidates` is a queryset or a list; the hook columns are asked for one chunk at a time.
    """
    yield [header for header, _ in BASE_COLUMNS] + [header for header, _ in sections.EXPORT_COLUMNS]
    for chunk in _chunks(candidates, CHUNK_SIZE):
        extra = [function(chunk) for _, function in sections.EXPORT_COLUMNS]
        for candidate in chunk:
            cells = [getter(candidate) for _, getter in BASE_COLUMNS]
            cells += [values.get(candidate.pk, "") for values in extra]
            yield [safe_cell(cell) for cell in cells]


def _filename(extension):
    return f"candidates-{timezone.localdate():%Y-%m-%d}.{extension}"


class _Echo:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value):
        return value


def _csv_lines(candidates):
    writer = csv.writer(_Echo())
    for row in rows(candidates):
        yield writer.writerow(row)


def csv_response(candidates):
    response = StreamingHttpResponse(_csv_lines(candidates), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def xlsx_response(candidates):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Candidates")
    for row in rows(candidates):
        sheet.append([cell or None for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response
