"""The nominee picker tells the truth (issue 14, item 4): everybody on the principal's staff
is listed, and those who cannot be nominated for the chosen program (an open nomination to
it, enrolled in it, inactive) are disabled with the reason in the option; sending one anyway
is refused with the same words, and nothing is saved."""

import pytest
from django.utils import timezone

from conftest import make_person
from leadership.models import Membership, Role
from leadership.tests.helpers import assert_flat_query_count
from notices.models import Outbox
from programs.models import Cohort, Enrollment, Nomination, NominationWindow, Program

from .conftest import RATIONALE

NEW = "/nominations/new/"
FELLOWSHIP = "Teacher Leader Fellowship"
HTMX = {"HX-Request": "true"}


def _option(pk, text, *, disabled):
    return f'<option value="{pk}"{" disabled" if disabled else ""}>{text}</option>'


def _form(program, nominee, attributes):
    return {"program": program.pk, "nominee": nominee.pk, f"seen_{attributes[0].pk}": RATIONALE}


@pytest.fixture
def second_program(district, window):
    program = Program.objects.create(district=district, name="Aspiring Principals")
    NominationWindow.objects.create(
        program=program, opens_on=window.opens_on, closes_on=window.closes_on
    )
    return program


@pytest.fixture
def staff(district, school, teacher, coach, principal, program, window, cohort, nominate):
    """The principal's staff, one of each: open nomination (Tom), enrolled (Cora), account
    switched off, left the school, enrolled but withdrawn (may be nominated again), free."""
    nominate(principal, teacher)
    Enrollment.objects.create(cohort=cohort, person=coach)
    off = make_person("off@maple.test", "Ida Inactive", district, Role.TEACHER, school)
    off.is_active = False
    off.save(update_fields=["is_active"])
    left = make_person("left@maple.test", "Len Left", district, Role.TEACHER, school)
    Membership.objects.filter(user=left).update(is_active=False)
    withdrawn = make_person("w@maple.test", "Wes Withdrawn", district, Role.TEACHER, school)
    Enrollment.objects.create(cohort=cohort, person=withdrawn, status=Enrollment.Status.WITHDRAWN)
    free = make_person("free@maple.test", "Fay Free", district, Role.TEACHER, school)
    return {
        "teacher": teacher,
        "coach": coach,
        "off": off,
        "left": left,
        "withdrawn": withdrawn,
        "free": free,
    }


# --- What the picker shows ---------------------------------------------------------------


def test_it_marks_who_cannot_be_nominated_for_the_program_and_why(client_for, principal, staff):
    page = client_for(principal).get(NEW).text  # the only open program is chosen for them
    s = staff
    expected = [
        (s["teacher"], f"Tom Teacher — already has an open nomination to {FELLOWSHIP}", True),
        (s["coach"], f"Cora Coach — already enrolled in {FELLOWSHIP}", True),
        (s["off"], "Ida Inactive — inactive: their account is switched off", True),
        (s["left"], "Len Left — inactive: no longer on the staff of your school", True),
        (s["withdrawn"], "Wes Withdrawn", False),
        (s["free"], "Fay Free", False),
    ]
    for person, text, disabled in expected:
        assert _option(person.pk, text, disabled=disabled) in page, text
    assert "Paula Principal" not in page.split('name="nominee"')[1].split("</select>")[0]
    assert f"those who cannot be nominated for {FELLOWSHIP} say why" in page


def test_it_asks_for_the_program_first_when_several_are_open(
    client_for, principal, staff, second_program
):
    page = client_for(principal).get(NEW).text
    # Which program is not known yet: only inactivity is marked.
    assert _option(staff["teacher"].pk, "Tom Teacher", disabled=False) in page
    assert _option(staff["coach"].pk, "Cora Coach", disabled=False) in page
    assert "Ida Inactive — inactive: their account is switched off" in page
    assert "Choose the program first" in page
    assert 'hx-get="/nominations/new/"' in page and 'hx-target="#nominee-picker"' in page


def test_choosing_a_program_reloads_the_picker_for_it(
    client_for, principal, staff, second_program, cohort
):
    client = client_for(principal)
    fragment = client.get(NEW, {"program": second_program.pk}, headers=HTMX).text
    assert "<html" not in fragment and 'id="nominee-picker"' in fragment
    # Tom's open nomination and Cora's enrollment are in the other program.
    assert _option(staff["teacher"].pk, "Tom Teacher", disabled=False) in fragment
    assert _option(staff["coach"].pk, "Cora Coach", disabled=False) in fragment
    assert "Len Left — inactive" in fragment
    Enrollment.objects.create(
        cohort=Cohort.objects.create(
            program=second_program,
            name="Spring",
            starts_on=cohort.starts_on,
            ends_on=cohort.ends_on,
        ),
        person=staff["free"],
    )
    fragment = client.get(NEW, {"program": second_program.pk}, headers=HTMX).text
    assert "Fay Free — already enrolled in Aspiring Principals" in fragment


def test_it_leaves_other_schools_out(client_for, principal, other_teacher, program, window):
    page = client_for(principal).get(NEW).text
    assert "Olga Otherteacher" not in page


# --- Sending one anyway: refused with the same words, nothing saved -----------------------


@pytest.mark.parametrize(
    ("who", "message"),
    [
        (
            "teacher",
            f"Tom Teacher cannot be nominated: already has an open nomination to {FELLOWSHIP}.",
        ),
        ("coach", f"Cora Coach cannot be nominated: already enrolled in {FELLOWSHIP}."),
        ("off", "Ida Inactive cannot be nominated: inactive: their account is switched off."),
        ("left", "Len Left cannot be nominated: inactive: no longer on the staff of your school."),
    ],
)
def test_it_refuses_someone_the_picker_marks_with_the_same_reason(
    who, message, client_for, principal, staff, program, attributes
):
    nominations, emails = Nomination.objects.count(), Outbox.objects.count()
    response = client_for(principal).post(NEW, _form(program, staff[who], attributes))
    assert response.status_code == 200
    assert message in response.text
    assert (Nomination.objects.count(), Outbox.objects.count()) == (nominations, emails)


def test_it_links_the_refusal_to_the_open_nomination(
    client_for, principal, staff, program, attributes
):
    response = client_for(principal).post(NEW, _form(program, staff["teacher"], attributes))
    open_one = Nomination.objects.get(nominee=staff["teacher"])
    assert f'href="/nominations/{open_one.pk}/"' in response.text


def test_it_nominates_someone_whose_enrollment_was_withdrawn(
    client_for, principal, staff, program, attributes
):
    response = client_for(principal).post(
        NEW, _form(program, staff["withdrawn"], attributes), follow=True
    )
    assert "has been asked to accept the nomination" in response.text
    assert Nomination.objects.filter(nominee=staff["withdrawn"]).exists()


# --- Nominating oneself: the program picker tells the truth -----------------------------


def test_a_teacher_sees_which_programs_they_cannot_nominate_themself_for(
    client_for, teacher, program, window, cohort, second_program, attributes
):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    client = client_for(teacher)
    page = client.get(NEW).text
    reason = f"you are already enrolled in {FELLOWSHIP}"
    assert _option(program.pk, f"{FELLOWSHIP} — {reason}", disabled=True) in page
    assert _option(second_program.pk, "Aspiring Principals", disabled=False) in page
    response = client.post(NEW, _form(program, teacher, attributes))
    assert f"You cannot nominate yourself: {reason}." in response.text
    assert not Nomination.objects.exists()


def test_a_teacher_with_an_open_self_nomination_sees_it_in_the_program_picker(
    client_for, teacher, program, window, nominate
):
    nominate(teacher, teacher)
    page = client_for(teacher).get(NEW).text
    reason = f"you already have an open nomination to {FELLOWSHIP}"
    assert _option(program.pk, f"{FELLOWSHIP} — {reason}", disabled=True) in page


# --- Queries ------------------------------------------------------------------------------


def _grow(district, school, cohort, principal, nominate):
    """More staff in every state the picker marks."""

    def grow():
        today = timezone.localdate()
        for i in range(4):
            person = make_person(f"n{i}@maple.test", f"Nominated {i}", district, "teacher", school)
            nominate(principal, person)
            enrolled = make_person(f"e{i}@maple.test", f"Enrolled {i}", district, "teacher", school)
            Enrollment.objects.create(cohort=cohort, person=enrolled, enrolled_on=today)
            gone = make_person(f"g{i}@maple.test", f"Gone {i}", district, "teacher", school)
            Membership.objects.filter(user=gone).update(is_active=False)
            make_person(f"f{i}@maple.test", f"Free {i}", district, "teacher", school)

    return grow


def test_the_form_makes_the_same_queries_however_many_staff(
    client_for, principal, district, school, cohort, staff, nominate
):
    """The picker's options and marks come from one query, whatever the staff's size."""
    grow = _grow(district, school, cohort, principal, nominate)
    assert_flat_query_count(client_for(principal), NEW, grow, budget=9)


def test_the_reloaded_picker_makes_the_same_queries_however_many_staff(
    client_for, principal, district, school, cohort, staff, nominate, program
):
    client = client_for(principal)
    client.defaults.update({"HTTP_HX_REQUEST": "true"})
    grow = _grow(district, school, cohort, principal, nominate)
    assert_flat_query_count(client, f"{NEW}?program={program.pk}", grow, budget=8)
