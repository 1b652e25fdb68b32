"""The school year: from 1 August to 31 July. A year is named by the calendar year it starts
in (2026 is 2026–27). Transcripts, growth plans and the fair-reach figures count by it."""

import datetime

from django.utils import timezone

SCHOOL_YEAR_STARTS = (8, 1)  # 1 August


def school_year_start(day=None):
    """The first day of the school year `day` (today) falls in."""
    day = day or timezone.localdate()
    month, first = SCHOOL_YEAR_STARTS
    year = day.year if (day.month, day.day) >= (month, first) else day.year - 1
    return datetime.date(year, month, first)


def current_year(day=None):
    """The school year `day` (today) falls in, as the calendar year it starts in."""
    return school_year_start(day).year


def bounds(year):
    """(first day, last day) of school year `year`."""
    month, first = SCHOOL_YEAR_STARTS
    start = datetime.date(year, month, first)
    return start, datetime.date(year + 1, month, first) - datetime.timedelta(days=1)


def label(year):
    """How a school year is written: "2026–27"."""
    return f"{year}–{(year + 1) % 100:02d}"


def year_from_request(value, default=None):
    """A school year asked for in a query string ("2026"), or `default` (this year) when it
    is missing or not a plausible year."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) == 4:
        return int(value)
    return default if default is not None else current_year()
