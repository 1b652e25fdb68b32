"""Ratings over time: self-ratings from submitted reflections and coach ratings from the
feedback on them, per person and attribute. Used by /growth/ and by a person's profile.

The reflections passed in are already narrowed to what the viewer may read
(portrait/access.py): a rating belongs to its reflection, so it is shown only where the
reflection's text may be read.
"""

from django.utils import timezone

from portrait.models import Feedback, GrowthStep


def rating_points(reflections):
    """`{(author id, attribute id): [{"day", "self", "coach"}, ...]}`, oldest day first, one
    row per day that has either rating (the later one of a day wins). Two queries."""
    rows = {}

    def at(key, when):
        day = timezone.localdate(when)
        return rows.setdefault(key, {}).setdefault(day, {"day": day, "self": None, "coach": None})

    rated = reflections.filter(self_rating__isnull=False).order_by("submitted_at", "id")
    for author_id, attribute_id, when, rating in rated.values_list(
        "author_id", "attribute_id", "submitted_at", "self_rating"
    ):
        at((author_id, attribute_id), when)["self"] = rating
    feedback = Feedback.objects.filter(reflection__in=reflections, rating__isnull=False)
    for author_id, attribute_id, when, rating in feedback.order_by("created_at", "id").values_list(
        "reflection__author_id", "reflection__attribute_id", "created_at", "rating"
    ):
        at((author_id, attribute_id), when)["coach"] = rating
    return {key: [days[day] for day in sorted(days)] for key, days in rows.items()}


def latest(timeline, which):
    """The last `which` ("self" or "coach") rating of a timeline, or None."""
    return next((row[which] for row in reversed(timeline) if row[which]), None)


def chart_data(attributes, timelines, *, self_label, coach_label="Coach rating"):
    """What portrait-growth.js draws: one line chart per attribute (`timelines` is
    {attribute id: rows}), on the whole-number growth scale."""
    return {
        "steps": {step.value: step.label for step in GrowthStep},
        "labels": {"self": self_label, "coach": coach_label},
        "attributes": [
            {
                "slug": attribute.slug,
                "name": attribute.name,
                "labels": [row["day"].isoformat() for row in timelines.get(attribute.pk, [])],
                "self": [row["self"] for row in timelines.get(attribute.pk, [])],
                "coach": [row["coach"] for row in timelines.get(attribute.pk, [])],
            }
            for attribute in attributes
        ],
    }
