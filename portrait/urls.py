from django.urls import path

from portrait.views import case, coaching, examples, framework, growth, reflections

app_name = "portrait"

urlpatterns = [
    path("portrait/", framework.portrait_index, name="index"),
    path("portrait/edit/", framework.framework_edit, name="framework_edit"),
    path(
        "portrait/prompts/<int:prompt_id>/archive/", framework.prompt_archive, name="prompt_archive"
    ),
    path("portrait/prompts/<int:prompt_id>/move/", framework.prompt_move, name="prompt_move"),
    path(
        "portrait/examples/<int:example_id>/archive/",
        framework.example_archive,
        name="example_archive",
    ),
    path("portrait/examples/<int:example_id>/edit/", examples.example_edit, name="example_edit"),
    path(
        "portrait/resources/<int:resource_id>/edit/", examples.resource_edit, name="resource_edit"
    ),
    path(
        "portrait/resources/<int:resource_id>/archive/",
        framework.resource_archive,
        name="resource_archive",
    ),
    path("portrait/<slug:slug>/", framework.attribute_detail, name="attribute_detail"),
    path("portrait/<slug:slug>/edit/", framework.attribute_edit, name="attribute_edit"),
    path("portrait/<slug:slug>/prompts/add/", framework.prompt_add, name="prompt_add"),
    path("portrait/<slug:slug>/examples/add/", framework.example_add, name="example_add"),
    path("portrait/<slug:slug>/resources/add/", framework.resource_add, name="resource_add"),
    path("reflections/", reflections.reflection_list, name="reflection_list"),
    path("reflections/new/", reflections.reflection_new, name="reflection_new"),
    path("reflections/autosave/", reflections.reflection_autosave, name="reflection_autosave"),
    path(
        "reflections/<int:reflection_id>/", reflections.reflection_detail, name="reflection_detail"
    ),
    path(
        "reflections/<int:reflection_id>/edit/", reflections.reflection_edit, name="reflection_edit"
    ),
    path(
        "reflections/<int:reflection_id>/evidence/",
        reflections.reflection_evidence,
        name="reflection_evidence",
    ),
    path(
        "reflections/<int:reflection_id>/share/",
        reflections.reflection_share,
        name="reflection_share",
    ),
    path(
        "reflections/<int:reflection_id>/addendum/", reflections.addendum_add, name="addendum_add"
    ),
    path(
        "reflections/<int:reflection_id>/feedback/", reflections.feedback_add, name="feedback_add"
    ),
    path("growth/", growth.growth, name="growth"),
    path("coaching/", coaching.coaching, name="coaching"),
    path("coaching/coaches/", coaching.coach_search, name="coach_search"),
    path("coaching/people/", coaching.coachee_list, name="coachee_list"),
    path("coaching/<int:assignment_id>/remove/", coaching.coaching_remove, name="coaching_remove"),
    path("pipeline/framework/case/", case.framework_case, name="framework_case"),
    path(
        "pipeline/framework/case/<int:framework_id>/export/",
        case.framework_case_export,
        name="framework_case_export",
    ),
]
