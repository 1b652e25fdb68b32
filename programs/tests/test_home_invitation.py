"""Home invites a teacher to nominate themself only for programs that are still open to them:
not one they are enrolled in, nor one they already have an open nomination to."""

from datetime import timedelta

from django.utils import timezone

from programs.models import Enrollment, NominationWindow, Program


def _invitation(page):
    """The programs the home page's "Nominations are open" box names, or None without one."""
    if "Nominations are open" not in page:
        return None
    box = page.split("Nominations are open", 1)[1].split("</ul>", 1)[0]
    return [item.split(",")[0] for item in box.split("<li>")[1:]]


def _second_program(district):
    program = Program.objects.create(
        district=district, name="Aspiring Principals Academy", target_level="school"
    )
    today = timezone.localdate()
    NominationWindow.objects.create(
        program=program, opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=7)
    )
    return program


def test_it_invites_a_teacher_to_nominate_themself(client_for, teacher, window):
    page = client_for(teacher).get("/").content.decode()
    assert _invitation(page) == ["Teacher Leader Fellowship"]
    assert "Nominate yourself" in page


def test_it_does_not_invite_a_teacher_enrolled_in_the_program(client_for, teacher, window, cohort):
    Enrollment.objects.create(cohort=cohort, person=teacher)

    page = client_for(teacher).get("/").content.decode()

    assert _invitation(page) is None
    assert "Nominate yourself" not in page
    assert "Teacher Leader Fellowship: Fall cohort" in page


def test_it_still_invites_an_enrolled_teacher_to_another_open_program(
    client_for, teacher, district, window, cohort
):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    _second_program(district)

    page = client_for(teacher).get("/").content.decode()

    assert _invitation(page) == ["Aspiring Principals Academy"]


def test_it_invites_again_once_the_enrollment_ended(client_for, teacher, window, cohort):
    Enrollment.objects.create(cohort=cohort, person=teacher, status=Enrollment.Status.WITHDRAWN)

    assert _invitation(client_for(teacher).get("/").content.decode()) == [
        "Teacher Leader Fellowship"
    ]


def test_it_leaves_out_only_the_program_with_an_open_nomination(
    client_for, teacher, principal, district, nominate
):
    _second_program(district)
    nominate(principal, teacher)

    page = client_for(teacher).get("/").content.decode()

    assert _invitation(page) == ["Aspiring Principals Academy"]
    assert "You were nominated for Teacher Leader Fellowship" in page


def test_it_names_the_open_programs_of_the_teachers_own_districts_only(
    client_for, teacher, window, other_district, district
):
    _second_program(other_district)
    page = client_for(teacher).get("/").content.decode()
    assert _invitation(page) == ["Teacher Leader Fellowship"]

    teacher.memberships.update(is_active=False)
    teacher.memberships.create(district=other_district, role="teacher")
    page = client_for(teacher).get("/").content.decode()
    assert _invitation(page) == ["Aspiring Principals Academy"]
