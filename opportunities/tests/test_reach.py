import datetime
import zoneinfo

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_person
from leadership.models import Membership, Role, School
from leadership.tests.helpers import assert_within_budget
from opportunities import reach
from opportunities.models import Application, ExperienceEntry
from opportunities.tests.conftest import sent
from pipeline import sections


def test_it_knows_when_the_school_year_starts():
    assert reach.school_year_start(datetime.date(2026, 11, 23)) == datetime.date(2026, 8, 1)
    assert reach.school_year_start(datetime.date(2027, 3, 1)) == datetime.date(2026, 8, 1)


def test_it_counts_applied_selected_and_led_per_school_and_marks_silent_schools(
    cast, district, school, other_school, opportunity, make_opportunity
):
    chosen = sent(opportunity, cast["teacher"], status="selected")
    chosen.decided_at = timezone.now()
    chosen.save(update_fields=["decided_at"])
    sent(opportunity, cast["coach"], status="not_selected")
    sent(make_opportunity(title="Draft only"), cast["other_teacher"], status="draft")
    rows = {row["school"]: row for row in reach.reach_by_school(district, [school, other_school])}
    middle, high = rows[school], rows[other_school]
    # principal, teacher, coach work at the middle school
    assert (middle["staff"], middle["applied"], middle["selected"], middle["led"]) == (3, 2, 1, 1)
    assert middle["led_share"] == 33
    assert not middle["nobody_applied"]
    # a draft is not an application
    assert high["applied"] == 0
    assert high["nobody_applied"]


def _led_this_year(district, person):
    ExperienceEntry.objects.create(
        district=district,
        person=person,
        title="Team lead",
        started_on=reach.school_year_start(),
        source="outside",
    )


def test_it_counts_experience_on_the_record_as_leading(cast, district, school, other_school):
    _led_this_year(district, cast["other_teacher"])
    ExperienceEntry.objects.create(
        district=district,
        person=cast["teacher"],
        title="Long ago",
        started_on=datetime.date(2001, 1, 1),
        ended_on=datetime.date(2002, 1, 1),
        source="outside",
    )
    rows = {row["school"]: row for row in reach.reach_by_school(district, [school, other_school])}
    assert rows[other_school]["led"] == 1
    assert rows[school]["led"] == 0


def test_it_counts_per_level(cast, district, make_opportunity, school):
    wide = make_opportunity(title="District team", level="district")
    sent(wide, cast["teacher"], status="selected")
    sent(wide, cast["other_teacher"])
    levels = {row["level"]: row for row in reach.reach_by_level(district)}
    assert levels["District"] == {
        "level": "District",
        "opportunities": 1,
        "applied": 2,
        "selected": 1,
    }
    assert levels["Classroom"]["applied"] == 0
    # A principal's view counts only their own school's staff.
    mine = {row["level"]: row for row in reach.reach_by_level(district, [school])}
    assert mine["District"]["applied"] == 1


def test_it_renders_the_section_for_the_pipeline(cast, district, school, other_school):
    section = sections.reach_section(
        cast["admin"], district, School.objects.filter(district=district)
    )
    html = render_to_string(section["template"], {"section": section})
    assert "Maple Grove High School" in html
    assert "Nobody has applied" in html
    assert "<caption>Opportunities by the level" in html


def test_it_makes_the_same_number_of_queries_for_more_schools_and_people(
    cast, district, make_opportunity
):
    """Fair reach is computed for every school at once; it must not query per school."""

    def measure():
        schools = School.objects.filter(district=district)
        with CaptureQueriesContext(connection) as captured:
            sections.reach_section(cast["admin"], district, schools)
        return len(captured)

    measure()  # the first call also caches the viewer's memberships
    small = measure()
    for i in range(4):
        new_school = School.objects.create(district=district, name=f"School {i}")
        person = make_person(f"t{i}@maple.test", f"T {i}", district, Role.TEACHER, new_school)
        sent(make_opportunity(title=f"O {i}"), person)
    large = measure()
    assert large == small
    assert_within_budget("the fair reach section", large, 6)


def test_it_appears_on_the_pipeline_dashboard(cast, client_for, opportunity, school, other_school):
    sent(opportunity, cast["teacher"])
    body = client_for(cast["admin"]).get("/pipeline/").content.decode()
    assert "Who gets to lead: opportunities this school year" in body
    assert "Nobody has applied" in body  # the high school
    principal_view = client_for(cast["principal"]).get("/pipeline/").content.decode()
    assert "Who gets to lead" in principal_view
    assert "Maple Grove High School" not in principal_view.split("Who gets to lead")[1]


def test_counted_together_gives_the_same_numbers_in_one_query(
    cast, district, school, other_school, opportunity
):
    """The dashboard counts the per-school reach and the share across schools in one pass
    (GROUPING SETS on PostgreSQL): the same numbers as counting each on its own, a person
    at two schools once in each school and once across them."""
    Membership.objects.create(
        user=cast["teacher"], district=district, role=Role.COACH, school=other_school
    )
    Membership.objects.create(  # a second role at the same school counts once there
        user=cast["teacher"], district=district, role=Role.COACH, school=school
    )
    Membership.objects.create(  # an ended membership counts nowhere
        user=cast["coach"],
        district=district,
        role=Role.TEACHER,
        school=other_school,
        is_active=False,
    )
    chosen = sent(opportunity, cast["teacher"], status="selected")
    chosen.decided_at = timezone.now()
    chosen.save(update_fields=["decided_at"])
    sent(opportunity, cast["other_teacher"])
    _led_this_year(district, cast["principal"])
    schools = School.objects.filter(district=district, is_active=True)
    alone = (
        reach.reach_by_school(district, schools.order_by("name")),
        reach.staff_led_share(district, schools),
    )
    with CaptureQueriesContext(connection) as captured, reach.counted_together():
        share = reach.staff_led_share(district, schools)
        rows = reach.reach_by_school(district, schools.order_by("name"))
        assert reach.staff_led_share(district, schools) == share
    assert (rows, share) == alone
    by_school = {row["school"]: row for row in rows}
    assert [
        by_school[s][k] for s in (school, other_school) for k in ("staff", "applied", "led")
    ] == [3, 1, 2, 3, 2, 1]
    # five people (the teacher once), of whom the teacher and the principal led
    assert share == {"staff": 5, "led": 2, "share": 40}
    # School queries to list the schools aside, one read of the kept counts, none of the
    # memberships themselves
    counts = [q for q in captured.captured_queries if "opportunities_reachcount" in q["sql"]]
    assert len(counts) == 1
    assert not [q for q in captured.captured_queries if "leadership_membership" in q["sql"]]
    # Counted from the rows, the same numbers: one count (two on SQLite, no GROUPING SETS)
    with CaptureQueriesContext(connection) as captured, reach.afresh():
        with reach.counted_together():
            assert reach.staff_led_share(district, schools) == share
            assert reach.reach_by_school(district, schools.order_by("name")) == rows
    counts = [q for q in captured.captured_queries if "leadership_membership" in q["sql"]]
    assert len(counts) == (1 if connection.vendor == "postgresql" else 2)
    # Outside the block nothing is kept: a change is seen at once.
    sent(opportunity, cast["coach"])
    assert reach.staff_led_share(district, schools)["staff"] == 5
    assert {row["school"]: row["applied"] for row in reach.reach_by_school(district, schools)}[
        school
    ] == 2


def test_this_school_year_starts_at_local_midnight(
    cast, district, school, other_school, opportunity, make_opportunity, settings
):
    """Applications and selections count from the first moment of 1 August where the
    district is, not in UTC: one second before it is last year."""
    settings.TIME_ZONE = "America/Chicago"
    today = datetime.date(2026, 11, 23)
    midnight = datetime.datetime(2026, 8, 1, tzinfo=zoneinfo.ZoneInfo("America/Chicago"))
    just_before = midnight - datetime.timedelta(seconds=1)  # 05:00 on 1 August in UTC
    for person, at in ((cast["teacher"], midnight), (cast["coach"], just_before)):
        applied = sent(opportunity, person, status="selected")
        Application.objects.filter(pk=applied.pk).update(submitted_at=at, decided_at=at)
    rows = {
        row["school"]: row
        for row in reach.reach_by_school(district, [school, other_school], today=today)
    }
    assert (rows[school]["applied"], rows[school]["selected"], rows[school]["led"]) == (1, 1, 1)
    levels = {row["level"]: row for row in reach.reach_by_level(district, today=today)}
    assert (levels["School"]["applied"], levels["School"]["selected"]) == (1, 1)
    with reach.counted_together():
        assert reach.staff_led_share(district, [school, other_school], today=today)["led"] == 1


def test_by_school_id_gives_every_school_its_numbers(
    cast, district, school, other_school, opportunity
):
    sent(opportunity, cast["teacher"])
    empty = School.objects.create(district=district, name="Nobody works here")
    schools = School.objects.filter(district=district)
    by_id = reach.reach_by_school_id(district, schools)
    assert by_id == {
        row["school"].pk: {k: v for k, v in row.items() if k != "school"}
        for row in reach.reach_by_school(district, schools)
    }
    assert by_id[school.pk]["applied"] == 1
    assert by_id[empty.pk] == {
        "staff": 0,
        "applied": 0,
        "selected": 0,
        "led": 0,
        "led_share": 0,
        "nobody_applied": True,
    }
