from django.urls import path

from pipeline.mentoring import views as mentoring
from pipeline.plans import views as plans
from pipeline.succession.views import overview as succession
from pipeline.succession.views import positions, slates
from pipeline.succession.views import settings as succession_settings
from pipeline.views import (
    audit,
    candidates,
    dashboard,
    demographics,
    people,
    roster,
    schools,
)

app_name = "pipeline"

urlpatterns = [
    # Growth plans (issue 19).
    path("plans/", plans.plan_home, name="plan_home"),
    path("plans/mine/", plans.plan_edit, name="plan_edit"),
    path(
        "plans/mine/opportunities/",
        plans.plan_opportunity_search,
        name="plan_opportunity_search",
    ),
    path("plans/mine/sessions/", plans.plan_session_search, name="plan_session_search"),
    path("plans/<int:plan_id>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:plan_id>/submit/", plans.plan_submit, name="plan_submit"),
    path("plans/<int:plan_id>/review/", plans.plan_review, name="plan_review"),
    path("plans/<int:plan_id>/comment/", plans.plan_comment, name="plan_comment"),
    path("plans/goals/<int:goal_id>/check-in/", plans.goal_check_in, name="goal_check_in"),
    path("plans/goals/<int:goal_id>/close/", plans.goal_close, name="goal_close"),
    path("mentoring/", mentoring.mentoring_home, name="mentoring"),
    path("mentoring/offer/", mentoring.mentor_offer, name="mentor_offer"),
    path("mentoring/people/<int:person_id>/", mentoring.mentor_suggest, name="mentor_suggest"),
    path("mentoring/people/<int:person_id>/pair/", mentoring.mentor_pair, name="mentor_pair"),
    path("mentoring/cohorts/<int:cohort_id>/", mentoring.cohort_match, name="cohort_match"),
    path("pipeline/", dashboard.pipeline_dashboard, name="dashboard"),
    path("pipeline/audit/", audit.audit_list, name="audit_list"),
    path("pipeline/schools/", schools.school_list, name="schools"),
    path("pipeline/candidates/", candidates.candidate_list, name="candidate_list"),
    path("pipeline/candidates/schools/", candidates.school_search, name="school_search"),
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
    path("people/<int:person_id>/", people.person_profile, name="person"),
    path("people/<int:person_id>/facts/", people.person_facts, name="person_facts"),
    path("people/facts/", people.people_facts, name="people_facts"),
    path("roster/import/", roster.roster_import, name="roster_import"),
    path("roster/import/template.csv", roster.roster_template, name="roster_template"),
    path("roster/import/<int:run_id>/", roster.roster_run, name="roster_run"),
    path("roster/import/<int:run_id>/status/", roster.roster_run_status, name="roster_status"),
    path("roster/import/<int:run_id>/apply/", roster.roster_run_apply, name="roster_apply"),
    path("about-me/", demographics.demographics_edit, name="demographics"),
    # Succession (issue 15): positions, openings ahead, slates, placement.
    path("succession/", succession.succession_overview, name="succession"),
    path("succession/export/<str:fmt>/", succession.succession_export, name="succession_export"),
    path("succession/people/", succession.succession_people, name="succession_people"),
    path(
        "succession/schools/",
        succession_settings.school_search,
        name="succession_school_search",
    ),
    path(
        "succession/settings/",
        succession_settings.succession_settings,
        name="succession_settings",
    ),
    path(
        "succession/settings/supervisors/add/",
        succession_settings.supervisor_add,
        name="supervisor_add",
    ),
    path(
        "succession/settings/supervisors/<int:supervision_id>/remove/",
        succession_settings.supervisor_remove,
        name="supervisor_remove",
    ),
    path("succession/slates/open/", slates.kind_slate_open, name="kind_slate_open"),
    path("succession/slates/<int:slate_id>/", slates.slate_detail, name="slate_detail"),
    path("succession/slates/<int:slate_id>/add/", slates.slate_add, name="slate_add"),
    path("succession/entries/<int:entry_id>/", slates.entry_update, name="slate_entry_update"),
    path("succession/entries/<int:entry_id>/move/", slates.entry_move, name="slate_entry_move"),
    path(
        "succession/entries/<int:entry_id>/remove/",
        slates.entry_remove,
        name="slate_entry_remove",
    ),
    path("succession/roles/<int:term_id>/", positions.term_edit, name="term_edit"),
    path("succession/roles/<int:term_id>/end/", positions.term_end, name="term_end"),
    path("positions/", positions.position_list, name="position_list"),
    path("positions/add/", positions.position_add, name="position_add"),
    path("positions/kinds/", positions.kind_list, name="position_kinds"),
    path("positions/kinds/<int:kind_id>/", positions.kind_edit, name="position_kind_edit"),
    path("positions/<int:position_id>/", positions.position_detail, name="position_detail"),
    path("positions/<int:position_id>/edit/", positions.position_edit, name="position_edit"),
    path("positions/<int:position_id>/holders/add/", positions.term_add, name="term_add"),
    path(
        "positions/<int:position_id>/slate/add/",
        slates.position_slate_add,
        name="position_slate_add",
    ),
    path("positions/<int:position_id>/fill/", slates.position_fill, name="position_fill"),
]
