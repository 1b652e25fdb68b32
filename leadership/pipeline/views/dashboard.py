from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from leadership.pipeline import dashboard, figures, hooks
from leadership.pipeline.scope import figure_scope, pipeline_scope, scoped_candidates


@require_GET
@login_required
def pipeline_dashboard(request):
    """The figures are counted in two parts kept apart in the cache: a submitted reflection
    recounts only completion and growth (leadership/pipeline/figures.py)."""
    district, schools, is_admin = pipeline_scope(request.user)
    scope = figure_scope(request.user, district, is_admin)

    def count_people():
        candidates = scoped_candidates(request.user, district)
        numbers = dashboard.people_figures(request.user, district, schools, candidates)
        numbers["sections"] = hooks.pipeline_sections(request, district, schools)
        return numbers

    def count_reflections():
        candidates = scoped_candidates(request.user, district)
        return dashboard.reflection_figures(district, schools, is_admin, candidates)

    people = figures.counted(f"{scope}:people", count_people)
    reflections = figures.counted(
        f"{scope}:reflections", count_reflections, topics=(figures.PEOPLE, figures.REFLECTIONS)
    )
    context = {**people, **reflections, "suppress_below": dashboard.SUPPRESS_BELOW}
    context.update(
        charts=dashboard.charts(context),
        counted_at=min(people["counted_at"], reflections["counted_at"]),
        district=district,
        is_admin=is_admin,
        school_names=[] if is_admin else [s.name for s in schools],
    )
    return render(request, "leadership/pipeline/dashboard.html", context)
