"""Reflections a district admin sees and reads: every submitted one of the districts where
they are an admin; in a district where they hold another role, only what that role allows.
portrait/access.py answers someone who is an admin wherever they work with the admins' rule
alone, so these pin down both roads."""

import pytest

from conftest import make_person
from leadership.models import Membership, Role
from portrait.access import filter_readable_reflections, filter_visible_reflections
from portrait.models import Reflection
from portrait.tests.factories import assign, reflection_by


@pytest.fixture
def cedar_teacher(other_district):
    return make_person("teacher@cedar.test", "Cleo Cedar", other_district, Role.TEACHER)


@pytest.fixture
def written(teacher, other_teacher, cedar_teacher):
    return {
        "unshared": reflection_by(teacher),
        "shared": reflection_by(other_teacher, shared_with_principal=True),
        "draft": reflection_by(teacher, submitted=False),
        "cedar": reflection_by(cedar_teacher),
    }


def test_it_lets_an_admin_see_and_read_every_submitted_reflection_of_their_district(
    district_admin, written
):
    mine = reflection_by(district_admin, submitted=False)

    assert seen(district_admin) == {written["unshared"], written["shared"], mine}
    assert read(district_admin) == {written["unshared"], written["shared"], mine}


def test_it_keeps_an_admin_of_another_district_to_their_coachees_here(
    outsider, district, school, teacher, written
):
    Membership.objects.create(user=outsider, district=district, role=Role.COACH, school=school)
    assign(outsider, teacher)

    assert seen(outsider) == {written["unshared"], written["cedar"]}
    assert read(outsider) == {written["unshared"], written["cedar"]}


def test_it_keeps_an_admin_of_another_district_to_a_principals_view_here(
    outsider, district, other_school, written
):
    Membership.objects.create(
        user=outsider, district=district, role=Role.PRINCIPAL, school=other_school
    )

    assert seen(outsider) == {written["shared"], written["cedar"]}
    assert read(outsider) == {written["shared"], written["cedar"]}


def test_it_shows_a_principal_of_the_school_an_unshared_reflection_without_its_text(
    outsider, district, school, written
):
    Membership.objects.create(user=outsider, district=district, role=Role.PRINCIPAL, school=school)

    assert seen(outsider) == {written["unshared"], written["cedar"]}
    assert read(outsider) == {written["cedar"]}


def seen(person):
    return set(filter_visible_reflections(Reflection.objects.all(), person))


def read(person):
    return set(filter_readable_reflections(Reflection.objects.all(), person))
