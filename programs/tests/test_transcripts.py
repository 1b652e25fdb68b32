"""Credit for learning: a person's transcript for a school year (page, CSV, PDF), and every
person's hours for a district's admins."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from leadership import school_year
from leadership.tests.helpers import assert_flat_query_count
from programs.models import Attendance, Cohort, Enrollment, Session

YEAR = school_year.current_year()


def session_with_hours(cohort, title, hours, days_ago=0, hours_ago=0):
    start = timezone.now() - timedelta(days=days_ago, hours=hours_ago)
    return Session.objects.create(
        cohort=cohort,
        title=title,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        credit_hours=Decimal(hours),
    )


def _mark(session, enrollment, status):
    return Attendance.objects.create(session=session, enrollment=enrollment, status=status)


@pytest.fixture
def attended(cohort, teacher, other_teacher):
    """Two sessions of this school year: the teacher came to one (2.5 h) and was excused
    from the other (3 h); a session last school year (4 h) she came to; the other teacher
    came to both sessions of this year."""
    cohort.starts_on = school_year.bounds(YEAR - 1)[0]
    cohort.save(update_fields=["starts_on"])
    mine = Enrollment.objects.create(cohort=cohort, person=teacher)
    theirs = Enrollment.objects.create(cohort=cohort, person=other_teacher)
    today = timezone.localdate()
    since = (today - school_year.school_year_start(today)).days
    first = session_with_hours(cohort, "Leading a data meeting", "2.5", days_ago=0)
    second = session_with_hours(cohort, "Coaching conversations", "3", days_ago=min(since, 1))
    old = session_with_hours(cohort, "Last year's kick-off", "4", days_ago=since + 30)
    _mark(first, mine, Attendance.Status.PRESENT)
    _mark(second, mine, Attendance.Status.EXCUSED)
    _mark(old, mine, Attendance.Status.PRESENT)
    _mark(first, theirs, Attendance.Status.PRESENT)
    _mark(second, theirs, Attendance.Status.PRESENT)
    return mine


def _url(name, person, *extra):
    return reverse(f"programs:{name}", args=[person.pk, *extra])


def test_it_shows_a_teacher_her_hours_for_the_year(client_for, teacher, attended):
    response = client_for(teacher).get(_url("transcript", teacher))

    assert response.status_code == 200
    text = response.text
    assert "<strong>2.50</strong> hours earned, 1 of 2 sessions attended" in text
    assert "Leading a data meeting" in text and "Coaching conversations" in text
    assert "Last year&#x27;s kick-off" not in text


def test_it_shows_last_year_when_asked(client_for, teacher, attended):
    response = client_for(teacher).get(_url("transcript", teacher) + f"?year={YEAR - 1}")

    assert "Last year&#x27;s kick-off" in response.text
    assert "<strong>4.00</strong> hours earned" in response.text


def test_it_gives_the_hours_as_csv_with_the_totals(client_for, teacher, attended):
    response = client_for(teacher).get(_url("transcript_csv", teacher, YEAR))

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Session" and rows[0][-1] == "Hours earned"
    assert [(r[0], r[5], r[6]) for r in rows[1:-1]] == [
        ("Coaching conversations", "Excused", "0.00"),
        ("Leading a data meeting", "Present", "2.50"),
    ] or [(r[0], r[5], r[6]) for r in rows[1:-1]] == [
        ("Leading a data meeting", "Present", "2.50"),
        ("Coaching conversations", "Excused", "0.00"),
    ]
    assert rows[-1] == ["Total", "", "", "", "", "1 attended", "2.50"]


def test_it_gives_a_pdf_a_licensing_office_can_read(client_for, teacher, district, attended):
    response = client_for(teacher).get(_url("transcript_pdf", teacher, YEAR))

    assert response["Content-Type"] == "application/pdf"
    assert 'filename="transcript-tom-teacher-' in response["Content-Disposition"]
    pages = PdfReader(io.BytesIO(response.content)).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert district.name in text and "Tom Teacher" in text
    assert "Hours earned 2.50" in text and "Total hours earned 2.50" in text
    assert "Sessions attended 1 of 2" in text
    assert timezone.localdate().strftime("%Y") in text


@pytest.mark.parametrize("who", ["district_admin", "principal"])
def test_it_shows_the_transcript_to_the_admin_and_her_principal(
    who, client_for, teacher, attended, request
):
    response = client_for(request.getfixturevalue(who)).get(_url("transcript", teacher))

    assert "Tom Teacher's professional learning" in response.text


@pytest.mark.parametrize("who", ["coach", "other_principal", "other_teacher"])
def test_it_refuses_the_others_in_the_district(who, client_for, teacher, attended, request):
    client = client_for(request.getfixturevalue(who))

    for name, extra in (
        ("transcript", ()),
        ("transcript_pdf", (YEAR,)),
        ("transcript_csv", (YEAR,)),
    ):
        assert client.get(_url(name, teacher, *extra)).status_code == 403


def test_it_hides_a_person_of_another_district(client_for, teacher, outsider, attended):
    client = client_for(outsider)

    for name, extra in (
        ("transcript", ()),
        ("transcript_pdf", (YEAR,)),
        ("transcript_csv", (YEAR,)),
    ):
        assert client.get(_url(name, teacher, *extra)).status_code == 404


def test_it_asks_for_a_sign_in(client, teacher):
    response = client.get(_url("transcript_pdf", teacher, YEAR))

    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.parametrize("year", ["1066", "99999"])
def test_it_answers_404_for_a_year_out_of_range(client_for, teacher, year):
    response = client_for(teacher).get(f"/transcripts/{teacher.pk}/{year}.pdf")

    assert response.status_code == 404


def test_it_takes_a_malformed_year_for_this_year(client_for, teacher, attended):
    response = client_for(teacher).get(_url("transcript", teacher) + "?year=nineteen")

    assert "<strong>2.50</strong> hours earned" in response.text


def test_it_links_the_transcript_from_the_profile(client_for, principal, teacher, attended):
    profile = client_for(principal).get(reverse("pipeline:person", args=[teacher.pk]))

    assert _url("transcript", teacher) in profile.text


def test_it_exports_everybodys_hours_for_the_district_admin(client_for, district_admin, attended):
    response = client_for(district_admin).get(reverse("programs:hours_export", args=[YEAR]))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["Person", "Email", "Session"]
    earned = {}
    for row in rows[1:]:
        earned[row[0]] = earned.get(row[0], 0) + Decimal(row[-1])
    assert earned == {"Olga Otherteacher": Decimal("5.50"), "Tom Teacher": Decimal("2.50")}


@pytest.mark.parametrize("who", ["principal", "teacher", "coach", "outsider"])
def test_it_keeps_the_export_to_the_districts_admins(who, client_for, attended, request):
    client = client_for(request.getfixturevalue(who))
    response = client.get(reverse("programs:hours_export", args=[YEAR]))

    if who == "outsider":  # their own district: nobody of ours in it
        assert "Tom Teacher" not in response.content.decode()
    else:
        assert response.status_code == 403


def test_it_keeps_the_transcript_flat(client_for, teacher, attended, program):
    def grow():
        for i in range(6):
            cohort = Cohort.objects.create(
                program=program,
                name=f"Cohort {i}",
                starts_on=attended.cohort.starts_on,
                ends_on=attended.cohort.ends_on,
            )
            enrollment = Enrollment.objects.create(cohort=cohort, person=teacher)
            _mark(
                session_with_hours(cohort, f"Session {i}", "1", 0),
                enrollment,
                Attendance.Status.PRESENT,
            )

    assert_flat_query_count(client_for(teacher), _url("transcript", teacher), grow, budget=6)
