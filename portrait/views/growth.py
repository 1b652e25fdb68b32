"""/growth/: a person's ratings over time, per attribute, as a chart and a table."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import render

from portrait.models import GrowthStep, Reflection, ReflectionPrompt
from portrait.ratings import chart_data, rating_points
from portrait.views.framework import user_framework


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
    timelines = {attribute_id: rows for (_, attribute_id), rows in rating_points(mine).items()}
    attributes = list(framework.attributes.all())
    for attribute in attributes:
        attribute.written = written.get(attribute.pk, 0)
        attribute.timeline = timelines.get(attribute.pk, [])
    unanswered = (
        ReflectionPrompt.objects.active()
        .filter(attribute__framework=framework)
        .exclude(reflections__in=mine)
        .select_related("attribute")
    )
    chart = chart_data(attributes, timelines, self_label="Your rating")
    context = {
        "attributes": attributes,
        "chart": chart,
        "unanswered": unanswered,
        "steps": GrowthStep,
    }
    return render(request, "portrait/growth.html", context)
