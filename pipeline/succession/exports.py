"""The succession page as CSV or XLSX: the same tables, every cell escaped against formulas
with pipeline/exports.py's safe_cell."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook

from pipeline.exports import safe_cell
from pipeline.succession.projection import YEAR_LABELS


def _number(value):
    return "" if value is None else value


def tables(found):
    """[(sheet name, header, rows)] of what the succession page shows."""
    header = ["Kind of position", "Leads at", "Positions"]
    for label in YEAR_LABELS:
        header += [f"Known openings, {label}", f"Expected openings, {label}"]
    header += [
        "Ready now (people)",
        "Ready now per opening, next 12 months",
        "Ready in 1-2 years (people)",
        "Emergency or interim cover (people)",
        "Positions with nobody ready now",
        "How the expected openings were reached",
    ]
    bench = []
    for row in [*found["rows"], found["totals"]]:
        group = row.group
        cells = [group.kind.name, group.level_label if group.level else "", group.positions]
        for _, known, expected, _ in row.years:
            cells += [known, expected]
        cells += [
            row.ready_now,
            _number(row.coverage),
            row.ready_later,
            row.emergency,
            group.no_ready,
            " ".join(group.explain()) if group.level else "",
        ]
        bench.append(cells)
    openings = [
        [o.day.isoformat(), o.label, o.school, o.holder, o.reason, "yes" if o.ready else "no"]
        for o in found["known_soon"]
    ]
    several = [
        [
            person.name,
            person.slates,
            person.firsts,
            "; ".join(f"{e.slate} (rank {e.rank}, {e.readiness_label})" for e in person.entries),
        ]
        for person in found["several"]
    ]
    return [
        ("Openings and bench", header, bench),
        (
            "Known openings",
            ["Date", "Position", "Where", "Holder", "Why", "Somebody ready now"],
            openings,
        ),
        ("On several slates", ["Person", "Slates", "Ranked first on", "Slates named"], several),
    ]


def _filename(extension):
    return f"succession-{timezone.localdate():%Y-%m-%d}.{extension}"


def csv_response(found):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for i, (name, header, rows) in enumerate(tables(found)):
        if i:
            writer.writerow([])
        writer.writerow([safe_cell(name)])
        writer.writerow([safe_cell(cell) for cell in header])
        for row in rows:
            writer.writerow([safe_cell(cell) for cell in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def _xlsx_cell(value):
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return safe_cell(value) or None


def xlsx_response(found):
    workbook = Workbook(write_only=True)
    for name, header, rows in tables(found):
        sheet = workbook.create_sheet(name)
        sheet.append([safe_cell(cell) for cell in header])
        for row in rows:
            sheet.append([_xlsx_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("xlsx")}"'
    return response


EXPORTS = {"csv": csv_response, "xlsx": xlsx_response}
