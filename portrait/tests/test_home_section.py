"""The portrait part of the home page: prompts, feedback, and what waits for a coach."""

from django.urls import reverse

from leadership.tests.helpers import assert_flat_query_count
from portrait.models import Feedback, Framework
from portrait.services import framework_for_district
from portrait.tests.factories import assign, prompt_for, reflection_by

HOME = reverse("home")


def test_it_shows_a_teacher_prompts_and_feedback(teacher, coach, client_for):
    reflection = reflection_by(teacher)
    Feedback.objects.create(reflection=reflection, author=coach, text="Keep going, Tom.")

    page = client_for(teacher).get(HOME).content.decode()

    assert "Prompts to reflect on" in page
    assert "Keep going, Tom." in page
    assert "Cora Coach on your Collaboration reflection" in page


def test_it_does_not_create_the_framework(teacher, district, client_for):
    client_for(teacher).get(HOME)

    assert not Framework.objects.filter(district=district).exists()


def test_it_shows_a_coach_what_waits_for_feedback(teacher, other_teacher, coach, client_for):
    assign(coach, teacher)
    waiting = reflection_by(teacher, prompt=prompt_for(teacher, "advocacy"))
    answered = reflection_by(teacher)
    Feedback.objects.create(reflection=answered, author=coach, text="Done")
    reflection_by(other_teacher)

    page = client_for(coach).get(HOME).content.decode()

    assert reverse("portrait:reflection_detail", args=[waiting.pk]) in page
    assert reverse("portrait:reflection_detail", args=[answered.pk]) not in page
    assert "Olga" not in page


def test_it_shows_the_home_in_flat_queries(district, teacher, coach, client_for):
    """A coach with more waiting reflections gets the same number of queries."""
    framework_for_district(district)
    assign(coach, teacher)
    reflection_by(teacher)

    def grow():
        for slug in ["advocacy", "transformation", "authenticity"]:
            reflection_by(teacher, prompt=prompt_for(teacher, slug))

    # 20: growth plans and mentoring (issue 19) add the home's plan, reviews and pairs.
    assert_flat_query_count(client_for(coach), HOME, grow, budget=20)


def test_it_lists_reflections_in_flat_queries(teacher, coach, client_for):
    """/reflections/ for a coach and for an author: no query per row."""
    assign(coach, teacher)
    reflection_by(teacher)

    def grow():
        for slug in ["advocacy", "transformation", "authenticity"]:
            reflection = reflection_by(teacher, prompt=prompt_for(teacher, slug))
            Feedback.objects.create(reflection=reflection, author=coach, text="ok")

    url = reverse("portrait:reflection_list")
    assert_flat_query_count(client_for(coach), url, grow, budget=8)
    assert_flat_query_count(client_for(teacher), url, grow, budget=8)
    page = client_for(coach).get(url).content.decode()
    assert "Reflections of the people you coach" in page


def test_it_suggests_prompts_from_different_attributes(district, teacher, client_for):
    framework_for_district(district)

    prompts = client_for(teacher).get(HOME).context["portrait_prompts"]

    assert len(prompts) == 3
    assert len({p.attribute_id for p in prompts}) == 3
