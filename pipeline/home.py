"""The pipeline's part of the home page (see leadership/home.py): candidates by stage, for
district admins and principals."""

from django.db.models import Count

from leadership import access
from leadership.models import Role
from pipeline.models import Candidate, Stage


def section(request):
    held = access.roles(request.user)
    if Role.DISTRICT_ADMIN not in held and Role.PRINCIPAL not in held:
        return None
    counts = dict(
        Candidate.objects.visible_to(request.user)
        .order_by()
        .values_list("stage")
        .annotate(n=Count("id"))
    )
    return {
        "pipeline_counts": [
            {"label": stage.label, "count": counts[stage.value]}
            for stage in Stage
            if counts.get(stage.value)
        ]
    }
