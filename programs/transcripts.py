"""Credit for learning: a person's transcript for a school year, as a page, a CSV and a PDF
they can hand to a licensing office, and every person's hours for a district's admins.

A row is one session of the year where attendance was recorded for the person: the session,
its date, program, the hours it carries, the attendance as recorded and the hours earned
(the session's hours when present, none otherwise). A fixed number of queries, whatever the
number of sessions or people.
"""

import csv
import io
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format

from leadership import school_year
from programs.models import Attendance

HEADERS = [
    "Session",
    "Date",
    "Program",
    "Cohort",
    "Credit hours",
    "Attendance",
    "Hours earned",
]


@dataclass(frozen=True)
class Transcript:
    person: object
    district: object
    year: int
    rows: list

    @property
    def label(self):
        return school_year.label(self.year)

    @property
    def earned(self):
        return sum((row.earned for row in self.rows), Decimal(0))

    @property
    def attended(self):
        return sum(row.status == Attendance.Status.PRESENT for row in self.rows)


def _year_range(year):
    """Aware datetimes from the first moment of the school year to the first of the next."""
    first, last = school_year.bounds(year)
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone),
    )


def _attendance(district, year):
    start, end = _year_range(year)
    return (
        Attendance.objects.filter(
            session__cohort__program__district=district,
            session__starts_at__gte=start,
            session__starts_at__lt=end,
        )
        .select_related("session__cohort__program", "enrollment__person")
        .order_by("session__starts_at", "session_id")
    )


def _earned(attendance):
    present = attendance.status == Attendance.Status.PRESENT
    attendance.earned = attendance.session.credit_hours if present else Decimal(0)
    return attendance


def transcript(person, district, year):
    """The person's transcript for school year `year` in `district`. One query."""
    found = _attendance(district, year).filter(enrollment__person=person)
    return Transcript(person, district, year, [_earned(a) for a in found])


def _cells(row):
    session = row.session
    return [
        session.title,
        timezone.localdate(session.starts_at).isoformat(),
        session.cohort.program.name,
        session.cohort.name,
        f"{session.credit_hours:.2f}",
        row.get_status_display(),
        f"{row.earned:.2f}",
    ]


def _csv(header, lines):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(lines)
    return out.getvalue()


def transcript_csv(found):
    lines = [_cells(row) for row in found.rows]
    lines.append(["Total", "", "", "", "", f"{found.attended} attended", f"{found.earned:.2f}"])
    return _csv(HEADERS, lines)


def district_hours_csv(district, year):
    """Every person's attendance in the district's sessions of the year, one line each, with
    who they are first, sorted by name. One query."""
    rows = sorted(
        (_earned(a) for a in _attendance(district, year)),
        key=lambda a: (a.enrollment.person.full_name, a.enrollment.person_id),
    )
    return _csv(
        ["Person", "Email", *HEADERS],
        (
            [row.enrollment.person.full_name, row.enrollment.person.email, *_cells(row)]
            for row in rows
        ),
    )


def transcript_pdf(found):
    """The transcript as a PDF: the district's name, the person, every session, the totals
    and the day it was produced (WeasyPrint lays out templates/programs/transcript_pdf.html)."""
    from weasyprint import HTML  # heavy (pango through cffi): loaded only for a PDF

    html = render_to_string(
        "programs/transcript_pdf.html",
        {"transcript": found, "produced": date_format(timezone.localdate())},
    )
    return HTML(string=html).write_pdf()
