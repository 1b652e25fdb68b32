import datetime

from opportunities.models import ExperienceEntry
from opportunities.record import export_experience
from pipeline.models import Candidate


def _entry(person, district, title, start, end=None):
    return ExperienceEntry.objects.create(
        district=district,
        person=person,
        title=title,
        started_on=start,
        ended_on=end,
        source="outside",
    )


def test_it_shows_the_record_on_the_candidate_page(cast, client_for, district, school):
    candidate = Candidate.objects.create(district=district, user=cast["teacher"], school=school)
    _entry(cast["teacher"], district, "Grade 7 team lead", datetime.date(2024, 9, 1))
    body = client_for(cast["admin"]).get(f"/pipeline/candidates/{candidate.pk}/").content.decode()
    assert "Leadership record" in body
    assert "Grade 7 team lead" in body


def test_it_exports_each_candidates_experience(cast, district, other_district, school):
    teacher = Candidate.objects.create(district=district, user=cast["teacher"], school=school)
    coach = Candidate.objects.create(district=district, user=cast["coach"], school=school)
    _entry(
        cast["teacher"], district, "Team lead", datetime.date(2024, 9, 1), datetime.date(2025, 6, 1)
    )
    _entry(cast["teacher"], district, "Mentor", datetime.date(2025, 9, 1))
    _entry(cast["teacher"], other_district, "Elsewhere", datetime.date(2020, 1, 1))
    values = export_experience([teacher, coach])
    assert values == {
        teacher.pk: "Team lead (Sep 2024–Jun 2025, not verified); "
        "Mentor (Sep 2025–now, not verified)"
    }


def _program(district, facilitator=None):
    from programs.models import Cohort, Program

    program = Program.objects.create(district=district, name="Aspiring Principals")
    return Cohort.objects.create(
        program=program,
        name="2024 cohort",
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2025, 5, 30),
        facilitator=facilitator,
    )


def test_it_puts_completed_programs_and_facilitated_cohorts_on_the_record(
    cast, client_for, district
):
    from programs.models import Enrollment

    cohort = _program(district, facilitator=cast["coach"])
    Enrollment.objects.create(cohort=cohort, person=cast["teacher"], status="completed")
    Enrollment.objects.create(cohort=cohort, person=cast["other_teacher"], status="active")
    body = client_for(cast["teacher"]).get("/experience/").content.decode()
    assert "Aspiring Principals (2024 cohort)" in body
    assert "May 2025" in body
    other = client_for(cast["other_teacher"]).get("/experience/").content.decode()
    assert "Aspiring Principals" not in other
    coach_home = client_for(cast["coach"]).get("/").content.decode()
    assert "Facilitated Aspiring Principals (2024 cohort)" in coach_home


def test_it_exports_completed_programs(cast, district, school):
    from programs.models import Enrollment

    cohort = _program(district)
    Enrollment.objects.create(
        cohort=cohort,
        person=cast["teacher"],
        status="completed",
        ended_on=datetime.date(2025, 4, 1),
    )
    teacher = Candidate.objects.create(district=district, user=cast["teacher"], school=school)
    assert export_experience([teacher]) == {
        teacher.pk: "Aspiring Principals (2024 cohort) (Sep 2024–Apr 2025)"
    }


def test_it_adds_the_record_to_the_pipeline_csv_export(cast, client_for, district, school):
    Candidate.objects.create(district=district, user=cast["teacher"], school=school)
    _entry(cast["teacher"], district, "Team lead", datetime.date(2024, 9, 1))
    response = client_for(cast["admin"]).get("/pipeline/candidates/export/csv/")
    body = b"".join(response.streaming_content if response.streaming else [response.content])
    text = body.decode("utf-8-sig")
    assert "Leadership experience" in text.splitlines()[0]
    assert "Team lead (Sep 2024–now, not verified)" in text
