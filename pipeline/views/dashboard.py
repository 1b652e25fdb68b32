from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pipeline import dashboard, figures, suppression
from pipeline.scope import pipeline_scope


@require_GET
@login_required
def pipeline_dashboard(request):
    """The figures are counted in two parts kept apart in the cache: a submitted reflection
    recounts only completion and growth (pipeline/figures.py)."""
    user = request.user
    district, schools, is_admin = pipeline_scope(user)
    people = figures.dashboard_people(user, district, schools, is_admin)
    reflections = figures.dashboard_reflections(user, district, schools, is_admin)
    context = {**people, **reflections, "suppress_below": suppression.SUPPRESS_BELOW}
    context.update(
        charts=dashboard.charts(context),
        counted_at=min(people["counted_at"], reflections["counted_at"]),
        district=district,
        is_admin=is_admin,
        school_names=[] if is_admin else [s.name for s in schools],
    )
    return render(request, "pipeline/dashboard.html", context)
