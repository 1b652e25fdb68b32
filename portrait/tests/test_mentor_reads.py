"""A mentor reads the reflections the person they mentor has shared, as long as the pair lasts;
never the others, never another person's (portrait/access.py)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from leadership.models import Mentorship
from portrait.access import can_read_text, filter_readable_reflections, filter_visible_reflections
from portrait.models import Reflection
from portrait.tests.factories import reflection_by

SHARED = "What I shared with my principal and my mentor"
KEPT = "What I kept for my coach"


@pytest.fixture
def pair(district, teacher, other_teacher):
    return Mentorship.objects.create(district=district, mentor=other_teacher, person=teacher)


@pytest.fixture
def reflections(teacher):
    return (
        reflection_by(teacher, response=SHARED, shared_with_principal=True),
        reflection_by(teacher, response=KEPT),
    )


def readable(user):
    return set(filter_readable_reflections(Reflection.objects.all(), user))


def test_it_lets_a_mentor_read_only_what_was_shared(pair, reflections, other_teacher, client_for):
    shared, kept = reflections

    assert readable(other_teacher) == {shared}
    assert set(filter_visible_reflections(Reflection.objects.all(), other_teacher)) == {shared}
    assert can_read_text(other_teacher, shared)
    assert not can_read_text(other_teacher, kept)
    page = client_for(other_teacher).get(reverse("portrait:reflection_detail", args=[shared.pk]))
    assert SHARED in page.content.decode()
    hidden = client_for(other_teacher).get(reverse("portrait:reflection_detail", args=[kept.pk]))
    assert hidden.status_code == 404


def test_it_stops_when_the_pair_ends(pair, reflections, other_teacher):
    pair.ended_on = timezone.localdate()
    pair.save(update_fields=["ended_on"])

    assert readable(other_teacher) == set()
    assert not can_read_text(other_teacher, reflections[0])


def test_it_gives_nothing_to_a_mentor_of_somebody_else(
    district, reflections, other_teacher, coach, teacher
):
    Mentorship.objects.create(district=district, mentor=other_teacher, person=coach)

    assert readable(other_teacher) == set()


def test_it_gives_nothing_to_a_mentor_in_another_district(
    other_district, reflections, teacher, outsider
):
    Mentorship.objects.create(district=other_district, mentor=outsider, person=teacher)

    assert readable(outsider) == set()
    assert not can_read_text(outsider, reflections[0])
