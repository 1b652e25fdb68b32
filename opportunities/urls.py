"""Leadership opportunities: openings to lead, applications, selections, experience."""

from django.urls import path

from opportunities import views, views_experience

app_name = "opportunities"

urlpatterns = [
    path("opportunities/", views.opportunity_list, name="opportunity_list"),
    path("opportunities/schools/", views.school_search, name="school_search"),
    path("opportunities/new/", views.opportunity_create, name="opportunity_create"),
    path(
        "opportunities/new/schools/",
        views.posting_school_search,
        name="posting_school_search",
    ),
    path("opportunities/follow/", views.follow_edit, name="follow_edit"),
    path(
        "opportunities/applications/",
        views.own_application_list,
        name="own_application_list",
    ),
    path("opportunities/kinds/", views.kind_list, name="kind_list"),
    path("opportunities/kinds/<int:kind_id>/toggle/", views.kind_toggle, name="kind_toggle"),
    path("opportunities/kinds/<int:kind_id>/rename/", views.kind_rename, name="kind_rename"),
    path(
        "opportunities/<int:opportunity_id>/", views.opportunity_detail, name="opportunity_detail"
    ),
    path(
        "opportunities/<int:opportunity_id>/edit/", views.opportunity_edit, name="opportunity_edit"
    ),
    path(
        "opportunities/<int:opportunity_id>/apply/", views.application_save, name="application_save"
    ),
    path(
        "opportunities/<int:opportunity_id>/applications/",
        views.application_list,
        name="application_list",
    ),
    path(
        "opportunities/<int:opportunity_id>/select/",
        views.opportunity_select,
        name="opportunity_select",
    ),
    path(
        "opportunities/<int:opportunity_id>/unselect/",
        views.opportunity_unselect,
        name="opportunity_unselect",
    ),
    path(
        "opportunities/<int:opportunity_id>/finish/",
        views.opportunity_finish,
        name="opportunity_finish",
    ),
    path(
        "opportunities/<int:opportunity_id>/cancel/",
        views.opportunity_cancel,
        name="opportunity_cancel",
    ),
    path(
        "opportunities/applications/<int:application_id>/withdraw/",
        views.application_withdraw,
        name="application_withdraw",
    ),
]

urlpatterns += [
    path("experience/", views_experience.experience_list, name="experience_list"),
    path("experience/add/", views_experience.experience_add, name="experience_add"),
    path("experience/new/", views_experience.experience_new, name="experience_new"),
    path(
        "experience/people/",
        views_experience.experience_person_search,
        name="experience_person_search",
    ),
    path(
        "experience/<int:entry_id>/edit/", views_experience.experience_edit, name="experience_edit"
    ),
    path(
        "experience/<int:entry_id>/verify/",
        views_experience.experience_verify,
        name="experience_verify",
    ),
    path(
        "experience/<int:entry_id>/remove/",
        views_experience.experience_remove,
        name="experience_remove",
    ),
    path(
        "opportunities/<int:opportunity_id>/experience/",
        views_experience.experience_record,
        name="experience_record",
    ),
]
