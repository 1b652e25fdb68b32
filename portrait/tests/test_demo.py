"""portrait.demo.seed: frameworks for both districts and a year of reflections."""

import datetime

from django.utils import timezone

from leadership import demo as people_demo
from leadership.models import CoachAssignment, User
from portrait import demo
from portrait.models import Feedback, Framework, Reflection


def _counts():
    return (
        Framework.objects.count(),
        Reflection.objects.count(),
        Feedback.objects.count(),
        CoachAssignment.objects.count(),
        sorted(Reflection.objects.values_list("response", "self_rating", "submitted_at")),
    )


def test_it_gives_the_demo_a_year_of_reflections(db):
    people_demo.seed()
    demo.seed()

    teacher = User.objects.get(email="teacher@lakeview.test")
    mine = Reflection.objects.filter(author=teacher)
    days = sorted(timezone.localdate(r.submitted_at) for r in mine)
    assert Framework.objects.filter(district__slug__in=["lakeview", "riverside"]).count() == 2
    assert mine.values("attribute").distinct().count() == 5
    assert mine.count() == 15
    assert days[0] >= datetime.date(2025, 9, 1)
    assert days[-1] <= datetime.date(2026, 11, 23)
    assert Feedback.objects.filter(reflection__author=teacher, rating__isnull=False).exists()
    assert CoachAssignment.objects.filter(coach__email="coach@lakeview.test").count() == 4
    assert Reflection.objects.exclude(author=teacher).exists()


def test_it_changes_nothing_the_second_time(db):
    people_demo.seed()
    demo.seed()
    first = _counts()
    demo.seed()

    assert _counts() == first
