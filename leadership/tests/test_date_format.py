"""One way to write a date across the site and its emails: "3 Dec 2026", "3 Dec 2026, 14:05"."""

import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.formats import date_format

from leadership.audit import audit_log

ROOT = Path(settings.BASE_DIR)
# Named formats (leadership/formats/en/formats.py) and the machine format of <time datetime>.
NAMED = {
    "DATE_FORMAT",
    "DATETIME_FORMAT",
    "SHORT_DATE_FORMAT",
    "SHORT_DATETIME_FORMAT",
    "TIME_FORMAT",
    "YEAR_MONTH_FORMAT",
    "MONTH_DAY_FORMAT",
    "c",
}
EXPLICIT = re.compile(r"\|(?:date|time):([\"'])(.*?)\1")
# A month or day name in a Python format spec is for people: say it with date_format.
SPELLED_OUT = re.compile(r"\{[^{}\n]*:[^{}\n]*%-?[aAbBp][^{}\n]*\}")


def _sources(pattern):
    skip = {".venv", "node_modules", "var", "staticfiles"}
    for path in ROOT.rglob(pattern):
        if not skip.intersection(path.relative_to(ROOT).parts):
            yield path


def test_it_writes_a_date_and_a_moment_one_way():
    assert date_format(date(2026, 12, 3)) == "3 Dec 2026"
    moment = datetime(2026, 12, 3, 14, 5, tzinfo=ZoneInfo(settings.TIME_ZONE))
    assert date_format(moment, "DATETIME_FORMAT") == "3 Dec 2026, 14:05"
    assert date_format(moment, "SHORT_DATETIME_FORMAT") == "3 Dec 2026, 14:05"


def test_no_template_spells_out_its_own_date_format():
    found = [
        f"{path.relative_to(ROOT)}: {match.group(2)}"
        for path in _sources("templates/**/*.*")
        for match in EXPLICIT.finditer(path.read_text())
        if match.group(2) not in NAMED
    ]
    assert found == []


def test_no_python_spells_out_a_month_or_day_name():
    found = [
        f"{path.relative_to(ROOT)}: {match.group(0)}"
        for path in _sources("**/*.py")
        if "tests" not in path.relative_to(ROOT).parts
        for match in SPELLED_OUT.finditer(path.read_text())
    ]
    assert found == []


def test_the_audit_log_shows_the_sites_format(cast, client_for, district):
    event = audit_log(district=district, actor=cast["admin"], action="a.b", summary="Then")
    event.__class__.objects.filter(pk=event.pk).update(
        at=datetime(2026, 12, 3, 14, 5, tzinfo=ZoneInfo(settings.TIME_ZONE))
    )
    body = client_for(cast["admin"]).get("/pipeline/audit/").content.decode()
    assert "3 Dec 2026, 14:05" in body
