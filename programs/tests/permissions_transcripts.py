"""URL-permission rows for credit hours (issue 19); see leadership/tests/permission_table.py.

A transcript is the person's own, their district admins' and their principal's to read; the
coach gets 403 and the other district's admin 404. Everybody's hours: district admins (the
other district's admin exports their own district)."""

from django.urls import reverse

from leadership import school_year
from leadership.tests.permission_table import Row


def objects(cast):
    return {"teacher": cast["teacher"], "year": school_year.current_year()}


def _transcript(name, *, year=True):
    def url(o):
        extra = [o["year"]] if year else []
        return reverse(name, args=[o["teacher"].pk, *extra])

    return Row(
        url, default=403, expect={"admin": 200, "principal": 200, "teacher": 200, "outsider": 404}
    )


ROWS = {
    "programs:transcript": _transcript("programs:transcript", year=False),
    "programs:transcript_pdf": _transcript("programs:transcript_pdf"),
    "programs:transcript_csv": _transcript("programs:transcript_csv"),
    "programs:hours_export": Row(
        lambda o: reverse("programs:hours_export", args=[o["year"]]),
        default=403,
        expect={"admin": 200, "outsider": 200},
    ),
}
