"""Latest self-ratings per attribute, read from submitted reflections (numbers only), as the
viewer may see them under the reflection privacy rules (portrait/access.py)."""

from django.db.models import Exists, OuterRef

from portrait.access import filter_readable_reflections, filter_visible_reflections
from portrait.models import Attribute, GrowthStep, Reflection


def latest_for(candidate, viewer):
    """[{attribute, rating, label, when, hidden_when}] for the district's current framework,
    in order.

    `rating`, `label` and `when` come from the latest rated reflection the viewer may read.
    `hidden_when` is when the latest rated reflection the viewer may know of but not read
    was submitted, if it is newer: a principal sees that the person rated an attribute in a
    reflection not shared with them, never the rating.
    """
    attributes = Attribute.objects.filter(
        framework__district_id=candidate.district_id, framework__is_current=True
    ).values("pk", "name")
    rated = (
        Reflection.objects.submitted()
        .filter(author_id=candidate.user_id, district_id=candidate.district_id)
        .exclude(self_rating=None)
    )
    # Whatever the viewer may read they may know of (portrait/access.py), so one read of the
    # rated reflections they may know of, each marked readable or not, gives both answers.
    readable = filter_readable_reflections(Reflection.objects.filter(pk=OuterRef("pk")), viewer)
    known = (
        filter_visible_reflections(rated, viewer)
        .annotate(readable=Exists(readable))
        .order_by("attribute_id", "-submitted_at", "-id")
        .values_list("attribute_id", "self_rating", "submitted_at", "readable")
    )
    latest, hidden = {}, {}
    for attribute_id, rating, when, is_readable in known:
        if is_readable:
            latest.setdefault(attribute_id, (rating, when))
        else:
            hidden.setdefault(attribute_id, when)
    found = []
    for attribute in attributes:
        rating, when = latest.get(attribute["pk"], (None, None))
        hidden_when = hidden.get(attribute["pk"])
        found.append(
            {
                "attribute": attribute,
                "rating": rating,
                "label": GrowthStep(rating).label if rating else "",
                "when": when,
                "hidden_when": hidden_when
                if hidden_when and (not when or hidden_when > when)
                else None,
            }
        )
    return found
