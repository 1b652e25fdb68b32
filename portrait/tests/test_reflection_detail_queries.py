"""A reflection's page lists its feedback and later notes; both lists grow over a year."""

import pytest
from django.urls import reverse

from conftest import make_person
from leadership.models import Role
from leadership.tests.helpers import assert_flat_query_count
from portrait.models import Addendum, Feedback, GrowthStep
from portrait.tests.factories import assign, reflection_by


@pytest.fixture
def reflection(teacher, coach):
    assign(coach, teacher)
    return reflection_by(teacher)


@pytest.mark.parametrize("viewer", ["teacher", "coach"])
def test_it_keeps_the_query_count_flat_for_much_feedback(
    viewer, reflection, cast, district, school, client_for
):
    """Feedback from many people must not cost a query per entry or per author."""
    Feedback.objects.create(reflection=reflection, author=cast["coach"], text="First thoughts.")
    url = reverse("portrait:reflection_detail", args=[reflection.pk])

    def grow():
        mentors = [cast["coach"], cast["admin"]] + [
            make_person(f"mentor{n}@maple.test", f"Mentor {n}", district, Role.COACH, school)
            for n in range(3)
        ]
        for number in range(12):
            Feedback.objects.create(
                reflection=reflection,
                author=mentors[number % len(mentors)],
                text=f"Feedback number {number}.",
                rating=GrowthStep.PRACTICING,
            )
        for number in range(4):
            Addendum.objects.create(reflection=reflection, text=f"Later note {number}.")

    budget = {"teacher": 9, "coach": 11}[viewer]
    response = assert_flat_query_count(client_for(cast[viewer]), url, grow, budget=budget)
    page = response.content.decode()
    assert "Feedback number 11." in page
    assert "Mentor 2" in page
