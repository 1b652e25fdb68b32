"""/growth/: a person's ratings over time, per attribute, as a chart and a table."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone

from portrait.models import Feedback, GrowthStep, Reflection, ReflectionPrompt
from portrait.views.framework import user_framework


def _timeline(reflections, ratings):
    """Rows of (day, self-rating, coach rating), one per day that has either."""
    rows = {}
    for day, value in reflections:
        rows.setdefault(day, {"day": day, "self": None, "coach": None})["self"] = value
    for day, value in ratings:
        rows.setdefault(day, {"day": day, "self": None, "coach": None})["coach"] = value
    return [rows[day] for day in sorted(rows)]


@login_required
def growth(request):
    user = request.user
    framework = user_framework(user)
    mine = Reflection.objects.submitted().filter(author=user, attribute__framework=framework)
    # Counted from the person's own reflections (an index on author): joining every
    # reflection of each attribute costs a scan of the district's reflections.
    written = dict(
        mine.order_by()
        .values("attribute_id")
        .annotate(n=Count("id"))
        .values_list("attribute_id", "n")
    )
    attributes = list(framework.attributes.all())
    for attribute in attributes:
        attribute.written = written.get(attribute.pk, 0)
    self_points = {}
    for attribute_id, at, rating in mine.filter(self_rating__isnull=False).values_list(
        "attribute_id", "submitted_at", "self_rating"
    ):
        self_points.setdefault(attribute_id, []).append((timezone.localdate(at), rating))
    coach_points = {}
    for attribute_id, at, rating in Feedback.objects.filter(
        reflection__in=mine, rating__isnull=False
    ).values_list("reflection__attribute_id", "created_at", "rating"):
        coach_points.setdefault(attribute_id, []).append((timezone.localdate(at), rating))
    unanswered = (
        ReflectionPrompt.objects.active()
        .filter(attribute__framework=framework)
        .exclude(reflections__in=mine)
        .select_related("attribute")
    )
    chart = {"steps": {step.value: step.label for step in GrowthStep}, "attributes": []}
    for attribute in attributes:
        attribute.timeline = _timeline(
            self_points.get(attribute.pk, []), coach_points.get(attribute.pk, [])
        )
        chart["attributes"].append(
            {
                "slug": attribute.slug,
                "name": attribute.name,
                "labels": [row["day"].isoformat() for row in attribute.timeline],
                "self": [row["self"] for row in attribute.timeline],
                "coach": [row["coach"] for row in attribute.timeline],
            }
        )
    context = {
        "attributes": attributes,
        "chart": chart,
        "unanswered": unanswered,
        "steps": GrowthStep,
    }
    return render(request, "portrait/growth.html", context)
