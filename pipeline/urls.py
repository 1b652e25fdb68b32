from django.urls import path

from pipeline.views import (
    audit,
    candidates,
    dashboard,
    demographics,
    roster,
    schools,
)

app_name = "pipeline"

urlpatterns = [
    path("pipeline/", dashboard.pipeline_dashboard, name="dashboard"),
    path("pipeline/audit/", audit.audit_list, name="audit_list"),
    path("pipeline/schools/", schools.school_list, name="schools"),
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
    path("roster/import/", roster.roster_import, name="roster_import"),
    path("roster/import/template.csv", roster.roster_template, name="roster_template"),
    path("roster/import/<int:run_id>/", roster.roster_run, name="roster_run"),
    path("roster/import/<int:run_id>/status/", roster.roster_run_status, name="roster_status"),
    path("roster/import/<int:run_id>/apply/", roster.roster_run_apply, name="roster_apply"),
    path("about-me/", demographics.demographics_edit, name="demographics"),
]
