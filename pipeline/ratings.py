"""Latest self-ratings per attribute, read from submitted reflections (numbers only)."""

from portrait.models import Attribute, GrowthStep, Reflection


def latest_for(candidate, *, shared_only):
    """[{attribute, rating, label, when}] for the district's current framework, in order."""
    attributes = list(
        Attribute.objects.filter(
            framework__district_id=candidate.district_id, framework__is_current=True
        )
    )
    latest = {}
    reflections = Reflection.objects.submitted()
    if shared_only:  # a principal reads only what the author shared with them
        reflections = reflections.filter(shared_with_principal=True)
    rated = (
        reflections.filter(author_id=candidate.user_id, district_id=candidate.district_id)
        .exclude(self_rating=None)
        .order_by("attribute_id", "-submitted_at", "-id")
        .values_list("attribute_id", "self_rating", "submitted_at")
    )
    for attribute_id, rating, when in rated:
        latest.setdefault(attribute_id, (rating, when))
    found = []
    for attribute in attributes:
        rating, when = latest.get(attribute.pk, (None, None))
        label = GrowthStep(rating).label if rating else ""
        found.append({"attribute": attribute, "rating": rating, "label": label, "when": when})
    return found
