"""Who reads a reflection's text: the privacy matrix from the issue, through access.py."""

import pytest
from django.urls import reverse

from leadership.models import Role
from portrait.access import (
    can_read_text,
    filter_readable_reflections,
    filter_visible_reflections,
)
from portrait.models import Reflection
from portrait.tests.factories import assign, reflection_by

SECRET = "Something only my coach should read"


@pytest.fixture
def other_coach(district, school):
    from conftest import make_person

    return make_person("coach2@maple.test", "Carl Othercoach", district, Role.COACH, school)


@pytest.fixture
def reflection(teacher, coach):
    assign(coach, teacher)
    return reflection_by(teacher, response=SECRET)


@pytest.mark.parametrize(
    ("who", "shared", "reads"),
    [
        ("teacher", False, True),
        ("coach", False, True),
        ("other_coach", False, False),
        ("principal", False, False),
        ("principal", True, True),
        ("other_principal", True, False),
        ("admin", False, True),
        ("outsider", True, False),
    ],
)
def test_it_shows_the_text_only_to_those_allowed(
    who, shared, reads, reflection, cast, other_coach, client_for
):
    reflection.shared_with_principal = shared
    reflection.save(update_fields=["shared_with_principal"])
    person = other_coach if who == "other_coach" else cast[who]

    response = client_for(person).get(reverse("portrait:reflection_detail", args=[reflection.pk]))

    assert can_read_text(person, reflection) is reads
    assert readable(person).filter(pk=reflection.pk).exists() is reads
    assert (SECRET in response.content.decode()) is reads


def test_it_shows_the_principal_that_it_exists_and_when(reflection, principal, client_for):
    response = client_for(principal).get(
        reverse("portrait:reflection_detail", args=[reflection.pk])
    )

    assert response.status_code == 200
    assert "has not shared the text" in response.content.decode()
    assert "Submitted" in response.content.decode()


@pytest.mark.parametrize("who", ["other_principal", "outsider"])
def test_it_hides_the_reflection_from_strangers(who, reflection, cast, client_for):
    response = client_for(cast[who]).get(
        reverse("portrait:reflection_detail", args=[reflection.pk])
    )

    assert response.status_code == 404


@pytest.mark.parametrize("who", ["coach", "principal", "admin"])
def test_it_keeps_drafts_to_their_author(who, teacher, coach, cast, client_for):
    assign(coach, teacher)
    draft = reflection_by(teacher, submitted=False)

    response = client_for(cast[who]).get(reverse("portrait:reflection_detail", args=[draft.pk]))

    assert response.status_code == 404
    assert not visible(cast[who]).filter(pk=draft.pk).exists()
    assert not readable(cast[who]).filter(pk=draft.pk).exists()
    assert readable(teacher).filter(pk=draft.pk).exists()


def test_it_lists_visible_reflections_by_role(reflection, cast, other_coach):
    def seen(person):
        return set(visible(person))

    assert seen(cast["teacher"]) == {reflection}
    assert seen(cast["coach"]) == {reflection}
    assert seen(cast["admin"]) == {reflection}
    assert seen(cast["principal"]) == {reflection}
    assert seen(other_coach) == set()
    assert seen(cast["other_principal"]) == set()
    assert seen(cast["outsider"]) == set()


def test_it_shows_a_script_in_a_response_as_text(teacher, client_for):
    reflection = reflection_by(teacher, response="<script>alert('x')</script>")

    response = client_for(teacher).get(reverse("portrait:reflection_detail", args=[reflection.pk]))

    assert "<script>alert" not in response.content.decode()
    assert "&lt;script&gt;alert" in response.content.decode()


def visible(person):
    return filter_visible_reflections(Reflection.objects.all(), person)


def readable(person):
    return filter_readable_reflections(Reflection.objects.all(), person)
