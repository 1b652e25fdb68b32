"""Demo content for seed_demo (see leadership/management/commands/seed_demo.py).

Both demo districts get their copy of the default framework. At Lakeview Middle School,
teacher@lakeview.test and three colleagues have reflected since September 2025, with
self-ratings that climb, and coach@lakeview.test (assigned to all four) has answered most
of them. Idempotent: reflections are looked up by (author, prompt) and feedback by
(reflection, author); deterministic: one seeded random generator.
"""

import datetime
import random

from django.utils import timezone

from leadership.models import CoachAssignment, District, Role, School, User
from portrait.models import Feedback, Reflection
from portrait.services import framework_for_district

START = datetime.date(2025, 9, 8)
TODAY = datetime.date(2026, 11, 23)
COLLEAGUES = 3

OPENINGS = [
    "This month stood out.",
    "Looking back on the last few weeks, one moment stays with me.",
    "I tried something new this time.",
    "Honestly, this one was hard.",
]
MIDDLES = [
    "I asked my team what was in their way before proposing anything; the answer surprised me.",
    "A quiet student led part of the discussion after I changed how groups were formed.",
    "We piloted a new way of giving feedback in two classes and compared the work side by side.",
    "I admitted to my colleagues that my first plan had not worked, and we rebuilt it together.",
    "I looked at who signed up for the after-school program and saw whole groups missing.",
    "Our grade-level team agreed on one shared goal and split the work by strengths.",
]
ENDINGS = [
    "Next I want to make this a habit rather than a one-off.",
    "I still need help seeing how this could work across the school.",
    "It felt small, but people noticed.",
    "I want to ask my coach how to bring others along.",
]
FEEDBACK = [
    "This is a clear example. What would it take for a colleague to try the same thing?",
    "I can see real growth here since your first reflection on this attribute.",
    "Good evidence. Next time, say a little more about what the students said.",
    "You named the hard part honestly. Let's talk about it at our next meeting.",
    "Strong reflection. Consider sharing this one with your principal.",
]


def _at(day, hour=16):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))


def _text(rng):
    return f"{rng.choice(OPENINGS)} {rng.choice(MIDDLES)} {rng.choice(ENDINGS)}"


def _reflect(rng, person, prompt, day, rating, coach, with_feedback):
    reflection, _ = Reflection.objects.get_or_create(
        author=person,
        prompt=prompt,
        defaults={
            "district": prompt.attribute.framework.district,
            "attribute": prompt.attribute,
            "response": _text(rng),
            "self_rating": rating,
            "status": Reflection.Status.SUBMITTED,
            "submitted_at": _at(day),
            "shared_with_principal": rng.random() < 0.3,
        },
    )
    feedback_day = day + datetime.timedelta(days=rng.randint(2, 6))
    if with_feedback and feedback_day <= TODAY:
        coach_rating = max(1, rating + rng.choice([-1, 0, 0]))
        Feedback.objects.get_or_create(
            reflection=reflection,
            author=coach,
            defaults={
                "text": rng.choice(FEEDBACK),
                "rating": coach_rating,
                "created_at": _at(feedback_day, 10),
            },
        )


def _year_of_reflections(rng, person, framework, coach, *, per_attribute, spacing_days):
    """`per_attribute` prompts of each attribute, one every `spacing_days`, ratings climbing.

    The coach has answered every reflection but the latest, which waits for feedback.
    """
    attributes = list(framework.attributes.prefetch_related("prompts"))
    plan = []
    day = START + datetime.timedelta(days=rng.randint(0, 5))
    for round_ in range(per_attribute):
        for attribute in attributes:
            prompts = [p for p in attribute.prompts.all() if not p.is_archived]
            if round_ < len(prompts) and day <= TODAY:
                plan.append((prompts[round_], day, min(4, 1 + round_ + rng.choice([0, 0, 1]))))
            day += datetime.timedelta(days=spacing_days + rng.randint(-2, 2))
    for i, (prompt, day, rating) in enumerate(plan):
        _reflect(rng, person, prompt, day, rating, coach, with_feedback=i < len(plan) - 1)


def seed():
    """Idempotent: a second run changes nothing."""
    rng = random.Random(20250908)
    districts = list(District.objects.filter(slug__in=["lakeview", "riverside"]))
    frameworks = {d.slug: framework_for_district(d) for d in districts}
    lakeview = frameworks.get("lakeview")
    if lakeview is None:
        return
    coach = User.objects.get(email="coach@lakeview.test")
    teacher = User.objects.get(email="teacher@lakeview.test")
    middle = School.objects.get(district=lakeview.district, name="Lakeview Middle School")
    colleagues = list(
        User.objects.filter(
            memberships__school=middle, memberships__role=Role.TEACHER, memberships__is_active=True
        )
        .exclude(pk=teacher.pk)
        .order_by("email")[:COLLEAGUES]
    )
    for person in [teacher, *colleagues]:
        CoachAssignment.objects.get_or_create(
            district=lakeview.district, coach=coach, person=person
        )
    _year_of_reflections(rng, teacher, lakeview, coach, per_attribute=3, spacing_days=30)
    for person in colleagues:
        _year_of_reflections(rng, person, lakeview, coach, per_attribute=2, spacing_days=41)
