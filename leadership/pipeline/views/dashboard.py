from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from leadership.pipeline import dashboard, figures, hooks
from leadership.pipeline.scope import figure_scope, pipeline_scope, scoped_candidates


@require_GET
@login_required
def pipeline_dashboard(request):
    district, schools, is_admin = pipeline_scope(request.user)

    def count():
        candidates = scoped_candidates(request.user, district)
        numbers = dashboard.everything(request.user, district, schools, is_admin, candidates)
        numbers["sections"] = hooks.pipeline_sections(request, district, schools)
        return numbers

    context = dict(figures.counted(figure_scope(request.user, district, is_admin), count))
    context.update(
        district=district,
        is_admin=is_admin,
        school_names=[] if is_admin else [s.name for s in schools],
    )
    return render(request, "leadership/pipeline/dashboard.html", context)
