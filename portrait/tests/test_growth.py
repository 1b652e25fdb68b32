"""/growth/: ratings over time, as a chart and the same numbers in a table."""

import datetime
import json

from django.urls import reverse
from django.utils import timezone

from leadership.tests.helpers import assert_flat_query_count
from portrait.models import Feedback, GrowthStep
from portrait.services import framework_for_district
from portrait.tests.factories import prompt_for, reflection_by

URL = reverse("portrait:growth")


def _at(day):
    return datetime.datetime(2026, 10, day, 12, tzinfo=timezone.get_current_timezone())


def test_it_shows_self_and_coach_ratings(teacher, coach, client_for):
    first = reflection_by(teacher, self_rating=GrowthStep.EMERGING, submitted_at=_at(1))
    reflection_by(teacher, self_rating=GrowthStep.PRACTICING, submitted_at=_at(20))
    Feedback.objects.create(
        reflection=first, author=coach, text="ok", rating=GrowthStep.DEVELOPING, created_at=_at(5)
    )

    response = client_for(teacher).get(URL)

    page = response.content.decode()
    chart = next(a for a in response.context["chart"]["attributes"] if a["slug"] == "collaboration")
    assert chart["labels"] == ["2026-10-01", "2026-10-05", "2026-10-20"]
    assert chart["self"] == [1, None, 3]
    assert chart["coach"] == [None, 2, None]
    assert "2 submitted reflections" in page
    assert 'id="growth-data"' in page
    assert "5 Oct 2026" in page
    data = json.loads(page.split('id="growth-data" type="application/json">')[1].split("<")[0])
    assert data["steps"]["4"] == "Leading"


def test_it_leaves_out_drafts_and_other_people(teacher, other_teacher, client_for):
    reflection_by(teacher, submitted=False)
    reflection_by(other_teacher)

    response = client_for(teacher).get(URL)

    assert all(not a["labels"] for a in response.context["chart"]["attributes"])
    assert "0 submitted reflections" in response.content.decode()


def test_it_lists_the_prompts_not_answered_yet(teacher, client_for):
    answered = prompt_for(teacher)
    reflection_by(teacher, prompt=answered)

    unanswered = list(client_for(teacher).get(URL).context["unanswered"])

    assert answered not in unanswered
    framework = framework_for_district(answered.attribute.framework.district)
    active = framework.attributes.all()[0].prompts.active().count()
    assert len(unanswered) >= active


def test_it_draws_with_flat_queries(teacher, coach, client_for):
    """More reflections and ratings must not mean more queries."""
    client = client_for(teacher)

    def grow():
        for slug in ["advocacy", "transformation", "authenticity"]:
            reflection = reflection_by(teacher, prompt=prompt_for(teacher, slug))
            Feedback.objects.create(reflection=reflection, author=coach, text="ok", rating=2)

    reflection_by(teacher)
    assert_flat_query_count(client, URL, grow, budget=12)
