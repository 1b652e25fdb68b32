"""The candidate page says what is hidden from the viewer and why, and never shows an empty
value as if it were data."""

import datetime

from django.template.defaultfilters import date as date_format
from django.utils import timezone

from pipeline.models import Readiness
from pipeline.tests.pipeline_data import candidate, framework, rate
from portrait.models import Attribute, ReflectionPrompt
from programs.models import Cohort, Enrollment, Nomination, NominationWindow, Program

NOT_SHARED = "Rated in reflections not shared with you"


def url(c):
    return f"/pipeline/candidates/{c.pk}/"


def _row(body, attribute):
    row = body[body.index(f'<th scope="row" class="fw-normal">{attribute}</th>') :]
    return row.split("</tr>", 1)[0]


def test_it_shows_who_set_the_readiness_without_an_empty_date(cast, client_for, district, school):
    person = candidate(
        district, school, "Nora Notyet", readiness_set_by=cast["admin"], readiness_set_at=None
    )
    body = client_for(cast["admin"]).get(url(person)).content.decode()
    assert "Not assessed" in body
    assert "(set by Alice Admin)" in body
    assert ", )" not in body
    nobody = candidate(district, school, "Ned Nobody")
    assert "(set" not in client_for(cast["admin"]).get(url(nobody)).content.decode()


def test_it_shows_when_the_readiness_was_set(cast, client_for, district, school):
    when = timezone.now() - datetime.timedelta(days=3)
    person = candidate(
        district,
        school,
        "Rita Ready",
        readiness=Readiness.READY_NOW,
        readiness_set_by=cast["admin"],
        readiness_set_at=when,
    )
    body = client_for(cast["admin"]).get(url(person)).content.decode()
    assert f"(set by Alice Admin on {date_format(timezone.localtime(when))})" in body


def test_it_tells_a_principal_a_rating_is_in_reflections_not_shared_with_them(
    cast, client_for, district, school
):
    person = candidate(district, school, "Una Unshared")
    found, attribute, prompt = framework(district)
    other = Attribute.objects.create(
        framework=found, name="Courage", slug="courage", summary="Speaks up.", order=2
    )
    Attribute.objects.create(
        framework=found, name="Vision", slug="vision", summary="Sees ahead.", order=3
    )
    rate(person.user, district, prompt, 4, days_ago=2)
    shared = rate(
        person.user, district, ReflectionPrompt.objects.create(attribute=other, text="?"), 3
    )
    shared.shared_with_principal = True
    shared.save()
    body = client_for(cast["principal"]).get(url(person)).content.decode()
    empathy = _row(body, "Empathy")
    assert NOT_SHARED in empathy and "Not rated yet" not in empathy and "Leading" not in empathy
    assert "Latest on" in empathy
    assert "Practicing" in _row(body, "Courage")  # shared with the principal
    assert NOT_SHARED not in _row(body, "Courage")
    assert "Not rated yet" in _row(body, "Vision")
    assert "People choose which of their reflections their principal reads" in body
    admin = client_for(cast["admin"]).get(url(person)).content.decode()
    assert NOT_SHARED not in admin
    assert "Leading" in _row(admin, "Empathy")
    assert "their principal reads" not in admin


def test_it_tells_a_principal_a_newer_rating_is_hidden(cast, client_for, district, school):
    person = candidate(district, school, "Nia Newer")
    _, attribute, prompt = framework(district)
    older = rate(person.user, district, prompt, 2, days_ago=30)
    older.shared_with_principal = True
    older.save()
    rate(person.user, district, prompt, 4, days_ago=1)
    row = _row(client_for(cast["principal"]).get(url(person)).content.decode(), "Empathy")
    assert "Developing" in row
    assert "Rated again on" in row and "not shared with you" in row
    assert "Leading" not in row


def _window(district):
    program = Program.objects.create(district=district, name="Fellowship")
    today = timezone.localdate()
    return NominationWindow.objects.create(
        program=program, opens_on=today, closes_on=today + datetime.timedelta(days=9)
    )


def _nomination(district, window, nominee, school, by):
    return Nomination.objects.create(
        district=district,
        program=window.program,
        window=window,
        nominee=nominee,
        school=school,
        nominated_by=by,
        rationale="Leads the grade team.",
    )


def test_it_says_how_many_nominations_from_another_school_a_principal_cannot_see(
    cast, client_for, district, school, other_school
):
    person = candidate(district, school, "Moe Mover")
    window = _window(district)
    _nomination(district, window, person.user, other_school, cast["admin"])
    body = client_for(cast["principal"]).get(url(person)).content.decode()
    assert "1 nomination made at another school is not shown to you" in body
    assert "No nominations." not in body
    admin = client_for(cast["admin"]).get(url(person)).content.decode()
    assert "not shown to you" not in admin and "Fellowship" in admin


def test_it_says_no_attendance_was_taken_instead_of_zero_of_zero(
    cast, client_for, district, school
):
    person = candidate(district, school, "Ada Attend")
    program = Program.objects.create(district=district, name="Fellowship")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        program=program, name="Fall", starts_on=today, ends_on=today + datetime.timedelta(days=9)
    )
    Enrollment.objects.create(cohort=cohort, person=person.user)
    body = client_for(cast["admin"]).get(url(person)).content.decode()
    assert "0 of 0" not in body
    assert "No attendance taken yet" in body


def test_it_makes_the_same_number_of_queries_for_a_principal_with_more_hidden(
    cast, client_for, district, school, other_school
):
    """What is hidden is counted by the database, never found row by row."""
    from leadership.tests.helpers import assert_flat_query_count

    person = candidate(district, school, "Flo Flat")
    _, attribute, prompt = framework(district)
    rate(person.user, district, prompt, 1)
    window = _window(district)

    def grow():
        for days in range(2, 12):
            shared = rate(person.user, district, prompt, 2, days_ago=days)
            shared.shared_with_principal = days % 2 == 0
            shared.save()
        for _ in range(5):
            _nomination(district, window, person.user, other_school, cast["admin"])

    assert_flat_query_count(client_for(cast["principal"]), url(person), grow, budget=20)
