from django.urls import path

from leadership.pipeline.views import audit, candidates

app_name = "pipeline"

urlpatterns = [
    path("pipeline/audit/", audit.audit_list, name="audit_list"),
    path("pipeline/candidates/", candidates.candidate_list, name="candidate_list"),
    path(
        "pipeline/candidates/export/<str:fmt>/",
        candidates.candidate_export,
        name="candidate_export",
    ),
    path(
        "pipeline/candidates/<int:candidate_id>/",
        candidates.candidate_detail,
        name="candidate_detail",
    ),
    path(
        "pipeline/candidates/<int:candidate_id>/change/",
        candidates.candidate_change_view,
        name="candidate_change",
    ),
]
