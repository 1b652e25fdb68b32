"""/programs/, /programs/<id>/, /cohorts/<id>/, sessions, assignments and attendance."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from conftest import make_person
from leadership.models import AuditEvent
from leadership.tests.confirming import confirm
from leadership.tests.helpers import assert_flat_query_count
from notices.models import Outbox
from portrait.models import Reflection
from programs.models import (
    Assignment,
    Attendance,
    Cohort,
    Enrollment,
    NominationWindow,
    Program,
    Session,
)


def test_it_lists_programs_and_lets_admins_add_one(client_for, district_admin, attributes):
    client = client_for(district_admin)
    response = client.post(
        reverse("programs:program_create"),
        {
            "name": "Aspiring Principals Academy",
            "description": "For assistant principals.",
            "target_level": "district",
            "focus_attributes": [attributes[0].pk],
        },
        follow=True,
    )
    assert "Created Aspiring Principals Academy." in response.text
    program = Program.objects.get()
    assert list(program.focus_attributes.all()) == [attributes[0]]
    assert AuditEvent.objects.filter(action="program.create").exists()
    assert "Aspiring Principals Academy" in client.get("/programs/").text


def test_it_refuses_a_program_without_a_name(client_for, district_admin):
    response = client_for(district_admin).post(
        reverse("programs:program_create"), {"name": "", "target_level": "school"}
    )
    assert response.status_code == 400
    assert not Program.objects.exists()


def test_it_refuses_teachers_adding_programs(client_for, teacher):
    response = client_for(teacher).post(
        reverse("programs:program_create"), {"name": "Mine", "target_level": "school"}
    )
    assert response.status_code == 403


def test_it_keeps_the_program_list_flat(client_for, district_admin, district):
    Program.objects.create(district=district, name="P0")

    def grow():
        for i in range(1, 6):
            Program.objects.create(district=district, name=f"P{i}")

    assert_flat_query_count(client_for(district_admin), "/programs/", grow, budget=8)


def test_it_adds_cohorts_and_windows(client_for, district_admin, program, coach):
    client = client_for(district_admin)
    today = timezone.localdate()
    client.post(
        reverse("programs:cohort_create", args=[program.pk]),
        {
            "name": "Spring",
            "starts_on": today,
            "ends_on": today + timedelta(days=60),
            "capacity": 12,
            "facilitator": coach.email,
        },
    )
    cohort = Cohort.objects.get(name="Spring")
    assert cohort.facilitator == coach
    response = client.post(
        reverse("programs:window_create", args=[program.pk]),
        {"opens_on": today, "closes_on": today - timedelta(days=1)},
        follow=True,
    )
    assert "must close on or after it opens" in response.text
    assert not NominationWindow.objects.exists()


def test_it_shows_the_cohort_grid_with_submitted_reflections(
    client_for, district_admin, cohort, prompt, teacher, other_teacher, district
):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    Enrollment.objects.create(cohort=cohort, person=other_teacher)
    Assignment.objects.create(
        cohort=cohort, prompt=prompt, due_on=timezone.localdate() - timedelta(days=1)
    )
    Reflection.objects.create(
        district=district,
        author=teacher,
        prompt=prompt,
        attribute=prompt.attribute,
        response="Done.",
        status="submitted",
        submitted_at=timezone.now(),
    )
    response = client_for(district_admin).get(reverse("programs:cohort", args=[cohort.pk]))
    assert response.status_code == 200
    text = response.text
    tom = text.index("Tom Teacher")
    olga = text.index("Olga Otherteacher")
    assert olga < tom  # rows sorted by name
    assert "Overdue" in text[olga:tom] and "Submitted" not in text[olga:tom]
    assert "Submitted" in text[tom:]


def test_it_keeps_the_cohort_page_flat(
    client_for, district_admin, cohort, prompt, district, school
):
    Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=timezone.localdate())
    Enrollment.objects.create(
        cohort=cohort, person=make_person("x@maple.test", "X", district, "teacher", school)
    )

    def grow():
        for i in range(5):
            person = make_person(f"g{i}@maple.test", f"G {i}", district, "teacher", school)
            Enrollment.objects.create(cohort=cohort, person=person)
            start = timezone.now() + timedelta(days=i + 1)
            Session.objects.create(
                cohort=cohort, title=f"S{i}", starts_at=start, ends_at=start + timedelta(hours=1)
            )

    url = reverse("programs:cohort", args=[cohort.pk])
    assert_flat_query_count(client_for(district_admin), url, grow, budget=12)


def test_it_keeps_the_attendance_page_flat(client_for, coach, cohort, district, school):
    start = timezone.now()
    session = Session.objects.create(
        cohort=cohort, title="Kick-off", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    first = make_person("a0@maple.test", "A 0", district, "teacher", school)
    Attendance.objects.create(
        session=session,
        enrollment=Enrollment.objects.create(cohort=cohort, person=first),
        status="present",
    )

    def grow():
        for i in range(1, 12):
            person = make_person(f"a{i}@maple.test", f"A {i}", district, "teacher", school)
            enrollment = Enrollment.objects.create(cohort=cohort, person=person)
            if i % 2:
                Attendance.objects.create(session=session, enrollment=enrollment, status="absent")

    url = reverse("programs:attendance", args=[session.pk])
    response = assert_flat_query_count(client_for(coach), url, grow, budget=9)
    assert "A 11" in response.text


def test_it_schedules_a_session_and_sends_invitations(
    client_for, district_admin, cohort, teacher, coach
):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    start = timezone.localtime() + timedelta(days=7)
    page, response = confirm(
        client_for(district_admin),
        reverse("programs:session_create", args=[cohort.pk]),
        {
            "title": "Leading meetings",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "location": "Room 12",
        },
    )
    assert "Schedule “Leading meetings” for Teacher Leader Fellowship" in page.text
    assert "<li>Tom Teacher</li>" in page.text and "<li>Cora Coach</li>" in page.text
    assert "invitations are on their way" in response.text
    rows = Outbox.objects.filter(kind="session.invitation")
    assert sorted(r.to_email for r in rows) == [coach.email, teacher.email]
    assert "SUMMARY:Teacher Leader Fellowship: Leading meetings" in rows[0].ics


def test_it_refuses_a_session_that_ends_before_it_starts(client_for, district_admin, cohort):
    start = timezone.localtime() + timedelta(days=7)
    response = client_for(district_admin).post(
        reverse("programs:session_create", args=[cohort.pk]),
        {
            "title": "Backwards",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        },
        follow=True,
    )
    assert "must end after it starts" in response.text
    assert not Session.objects.exists()


def test_it_adds_an_assignment_and_tells_the_cohort(
    client_for, district_admin, cohort, prompt, teacher
):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    url = reverse("programs:assignment_create", args=[cohort.pk])
    data = {"prompt": prompt.pk, "due_on": timezone.localdate() + timedelta(days=10)}
    page = client_for(district_admin).post(url, data)
    assert "<li>Tom Teacher</li>" in page.text and "1 person is emailed" in page.text
    assert not Assignment.objects.exists() and not Outbox.objects.exists()
    confirm(client_for(district_admin), url, data)
    assert Assignment.objects.filter(cohort=cohort, prompt=prompt).exists()
    assert Outbox.objects.filter(kind="assignment.new", to_email=teacher.email).exists()


def test_it_lets_the_facilitator_take_attendance(client_for, coach, cohort, teacher, other_teacher):
    one = Enrollment.objects.create(cohort=cohort, person=teacher)
    two = Enrollment.objects.create(cohort=cohort, person=other_teacher)
    start = timezone.now()
    session = Session.objects.create(
        cohort=cohort, title="Kick-off", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    url = reverse("programs:attendance", args=[session.pk])
    client = client_for(coach)
    assert "Tom Teacher" in client.get(url).text
    client.post(url, {f"e{one.pk}": "present", f"e{two.pk}": "excused"})
    assert dict(Attendance.objects.values_list("enrollment_id", "status")) == {
        one.pk: "present",
        two.pk: "excused",
    }
    response = client.post(url, {f"e{one.pk}": "asleep", f"e{two.pk}": "absent"})
    assert "Choose present, excused or absent" in response.text
    assert Attendance.objects.get(enrollment=two).status == "excused"


def test_it_keeps_the_home_page_flat_for_an_enrolled_teacher(
    client_for, teacher, cohort, prompt, attributes
):
    from portrait.models import ReflectionPrompt

    Enrollment.objects.create(cohort=cohort, person=teacher)
    Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=timezone.localdate())

    def grow():
        for i in range(4):
            extra = ReflectionPrompt.objects.create(attribute=attributes[1], text=f"Prompt {i}")
            Assignment.objects.create(cohort=cohort, prompt=extra, due_on=timezone.localdate())
            start = timezone.now() + timedelta(days=i + 1)
            Session.objects.create(
                cohort=cohort, title=f"S{i}", starts_at=start, ends_at=start + timedelta(hours=1)
            )

    # 24: growth plans and mentoring (issue 19) add the home's plan, reviews and pairs.
    response = assert_flat_query_count(client_for(teacher), "/", grow, budget=24)
    assert "Prompt 3" in response.text
    assert f"/reflections/new/?prompt={prompt.pk}" in response.text


def test_it_withdraws_and_reactivates_an_enrollment(client_for, district_admin, cohort, teacher):
    enrollment = Enrollment.objects.create(cohort=cohort, person=teacher)
    url = reverse("programs:enrollment_status", args=[enrollment.pk])
    client = client_for(district_admin)
    response = client.post(url, {"status": "withdrawn"}, follow=True)
    assert "Tom Teacher: Withdrawn." in response.text
    enrollment.refresh_from_db()
    assert enrollment.status == "withdrawn" and enrollment.ended_on == timezone.localdate()
    response = client.post(url, {"status": "withdrawn"}, follow=True)
    assert "already withdrawn" in response.text


def test_it_refuses_the_facilitator_changing_enrollments(client_for, coach, cohort, teacher):
    enrollment = Enrollment.objects.create(cohort=cohort, person=teacher)
    url = reverse("programs:enrollment_status", args=[enrollment.pk])
    assert client_for(coach).post(url, {"status": "withdrawn"}).status_code == 403


def test_it_raises_a_cohorts_capacity_but_not_below_the_enrolled(
    client_for, district_admin, cohort, teacher, other_teacher
):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    Enrollment.objects.create(cohort=cohort, person=other_teacher)
    url = reverse("programs:cohort_update", args=[cohort.pk])
    data = {
        "name": cohort.name,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "capacity": 1,
    }
    response = client_for(district_admin).post(url, data, follow=True)
    assert "cannot be less than that" in response.text
    cohort.refresh_from_db()
    assert cohort.capacity == 2
    client_for(district_admin).post(url, {**data, "capacity": 10})
    cohort.refresh_from_db()
    assert cohort.capacity == 10 and cohort.facilitator is None


def test_it_edits_a_program(client_for, district_admin, program, attributes):
    url = reverse("programs:program_update", args=[program.pk])
    client = client_for(district_admin)
    response = client.post(
        url,
        {
            "name": "Teacher Leader Fellowship II",
            "description": "Renewed.",
            "target_level": "school",
            "focus_attributes": [attributes[4].pk],
            "is_active": "on",
        },
        follow=True,
    )
    assert "Saved the program." in response.text
    program.refresh_from_db()
    assert program.name == "Teacher Leader Fellowship II"
    assert list(program.focus_attributes.all()) == [attributes[4]]
    response = client.post(url, {"name": "", "target_level": "school"}, follow=True)
    assert "Nothing was saved" in response.text
    program.refresh_from_db()
    assert program.name == "Teacher Leader Fellowship II"


def test_it_gives_other_districts_404_on_edit(client_for, outsider, program):
    url = reverse("programs:program_update", args=[program.pk])
    assert client_for(outsider).post(url, {"name": "Mine"}).status_code == 404


def test_it_invites_principals_to_nominate_while_a_window_is_open(client_for, principal, window):
    response = client_for(principal).get("/")
    assert "Nominations are open" in response.text
    assert "Nominate someone on your staff" in response.text


def test_it_does_not_invite_admins_to_nominate(client_for, district_admin, window):
    assert "Nominations are open" not in client_for(district_admin).get("/").text


def test_it_keeps_the_program_page_flat(client_for, district_admin, program, window):
    today = timezone.localdate()
    Cohort.objects.create(
        program=program, name="C0", starts_on=today, ends_on=today + timedelta(days=9)
    )

    def grow():
        for i in range(1, 6):
            Cohort.objects.create(
                program=program, name=f"C{i}", starts_on=today, ends_on=today + timedelta(days=9)
            )

    url = reverse("programs:program", args=[program.pk])
    response = assert_flat_query_count(client_for(district_admin), url, grow, budget=13)
    assert "C5" in response.text and "Nominations are open until" in response.text


def test_it_does_not_invite_a_teacher_already_nominated(client_for, teacher, principal, nominate):
    nominate(principal, teacher)
    response = client_for(teacher).get("/")
    assert "Nominations are open" not in response.text
    assert "You were nominated for Teacher Leader Fellowship" in response.text


def test_it_changes_a_session_and_sends_the_update_once(
    client_for, district_admin, cohort, teacher
):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    start = timezone.localtime() + timedelta(days=7)
    session = Session.objects.create(
        cohort=cohort, title="Kick-off", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    url = reverse("programs:session_edit", args=[session.pk])
    moved = start + timedelta(days=1)
    data = {
        "title": "Kick-off",
        "starts_at": moved.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (moved + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "location": "Library",
    }
    client = client_for(district_admin)
    assert "Kick-off" in client.get(url).text
    page, response = confirm(client, url, data)
    assert "Change “Kick-off” for Teacher Leader Fellowship" in page.text
    assert "everybody invited has the update" in response.text
    client.post(url, data)  # the same change saved twice: nothing to ask, nothing sent
    rows = Outbox.objects.filter(kind="session.changed")
    assert sorted(r.to_email for r in rows) == ["coach@maple.test", teacher.email]
    assert "has changed" in rows[0].text and "SEQUENCE:" in rows[0].ics
    session.refresh_from_db()
    assert session.location == "Library"


def test_it_refuses_the_facilitator_changing_a_session(client_for, coach, cohort):
    start = timezone.now() + timedelta(days=2)
    session = Session.objects.create(
        cohort=cohort, title="Kick-off", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    url = reverse("programs:session_edit", args=[session.pk])
    assert client_for(coach).post(url, {"title": "Mine"}).status_code == 403


def test_it_gives_enrolled_people_the_session_as_a_calendar_file(
    client_for, cohort, teacher, other_teacher
):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    start = timezone.now() + timedelta(days=2)
    session = Session.objects.create(
        cohort=cohort, title="Kick-off", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    url = reverse("programs:session_calendar", args=[session.pk])
    assert url in client_for(teacher).get("/").text
    response = client_for(teacher).get(url)
    assert response["Content-Type"].startswith("text/calendar")
    assert "SUMMARY:Teacher Leader Fellowship: Kick-off" in response.content.decode()
    assert client_for(other_teacher).get(url).status_code == 404


def test_it_sets_a_cohorts_facilitator_by_email_within_the_district(
    client_for, district_admin, cohort, coach, outsider
):
    url = reverse("programs:cohort_update", args=[cohort.pk])
    data = {
        "name": cohort.name,
        "starts_on": cohort.starts_on,
        "ends_on": cohort.ends_on,
        "capacity": cohort.capacity,
    }
    client = client_for(district_admin)
    page = client.get(reverse("programs:cohort", args=[cohort.pk]))
    assert 'type="email" name="facilitator"' in page.text
    assert '<select name="facilitator"' not in page.text
    for email in ["nobody@example.test", outsider.email]:
        response = client.post(url, {**data, "facilitator": email}, follow=True)
        assert "Nobody with this email address works in the district." in response.text
    cohort.refresh_from_db()
    assert cohort.facilitator_id != outsider.pk
    client.post(url, {**data, "facilitator": f"  {coach.email.upper()} "})
    cohort.refresh_from_db()
    assert cohort.facilitator == coach
    page = client.get(reverse("programs:cohort", args=[cohort.pk]))
    assert f'value="{coach.email}"' in page.text
