from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from leadership.pipeline import dashboard, hooks
from leadership.pipeline.scope import pipeline_scope, scoped_candidates


@require_GET
@login_required
def pipeline_dashboard(request):
    district, schools, is_admin = pipeline_scope(request.user)
    candidates = scoped_candidates(request.user, district)
    context = dashboard.everything(request.user, district, schools, is_admin, candidates)
    context.update(
        district=district,
        is_admin=is_admin,
        school_names=[] if is_admin else [s.name for s in schools],
        sections=hooks.pipeline_sections(request, district, schools),
    )
    return render(request, "leadership/pipeline/dashboard.html", context)
