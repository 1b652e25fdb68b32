from django.urls import path

from programs.views import nominations, programs, sessions, transcripts

app_name = "programs"

urlpatterns = [
    path("programs/", programs.program_list, name="programs"),
    path("programs/new/", programs.program_create, name="program_create"),
    path("programs/<int:program_id>/", programs.program_detail, name="program"),
    path("programs/<int:program_id>/edit/", programs.program_update, name="program_update"),
    path("programs/<int:program_id>/cohorts/new/", programs.cohort_create, name="cohort_create"),
    path("programs/<int:program_id>/windows/new/", programs.window_create, name="window_create"),
    path("cohorts/<int:cohort_id>/", programs.cohort_detail, name="cohort"),
    path("cohorts/<int:cohort_id>/edit/", programs.cohort_update, name="cohort_update"),
    path(
        "enrollments/<int:enrollment_id>/status/",
        programs.enrollment_status,
        name="enrollment_status",
    ),
    path("cohorts/<int:cohort_id>/sessions/new/", programs.session_create, name="session_create"),
    path(
        "cohorts/<int:cohort_id>/assignments/new/",
        programs.assignment_create,
        name="assignment_create",
    ),
    path("sessions/<int:session_id>/", sessions.session_detail, name="session"),
    path("sessions/<int:session_id>/calendar/", programs.session_calendar, name="session_calendar"),
    path("sessions/<int:session_id>/edit/", programs.session_edit, name="session_edit"),
    path("sessions/<int:session_id>/attendance/", programs.attendance, name="attendance"),
    path(
        "sessions/<int:session_id>/cancel/",
        sessions.session_cancel_confirm,
        name="session_cancel_confirm",
    ),
    path(
        "sessions/<int:session_id>/cancel/confirm/", sessions.session_cancel, name="session_cancel"
    ),
    path("transcripts/<int:person_id>/", transcripts.transcript_page, name="transcript"),
    path(
        "transcripts/<int:person_id>/<int:year>.pdf",
        transcripts.transcript_pdf,
        name="transcript_pdf",
    ),
    path(
        "transcripts/<int:person_id>/<int:year>.csv",
        transcripts.transcript_csv,
        name="transcript_csv",
    ),
    path("transcripts/hours/<int:year>.csv", transcripts.hours_export, name="hours_export"),
    path("nominations/", nominations.nomination_list, name="nominations"),
    path("nominations/new/", nominations.nomination_new, name="nomination_new"),
    path("nominations/schools/", nominations.school_search, name="school_search"),
    path("nominations/cohorts/", nominations.cohort_search, name="cohort_search"),
    path("nominations/decide/", nominations.nominations_decide_many, name="nominations_decide"),
    path("nominations/<int:nomination_id>/", nominations.nomination_detail, name="nomination"),
    path(
        "nominations/evidence/<int:evidence_id>/",
        nominations.nomination_evidence,
        name="nomination_evidence",
    ),
    path(
        "nominations/<int:nomination_id>/respond/",
        nominations.nomination_respond,
        name="nomination_respond",
    ),
    path(
        "nominations/<int:nomination_id>/endorse/",
        nominations.nomination_endorse,
        name="nomination_endorse",
    ),
    path(
        "nominations/<int:nomination_id>/withdraw/",
        nominations.nomination_withdraw,
        name="nomination_withdraw",
    ),
    path(
        "nominations/<int:nomination_id>/decide/",
        nominations.nomination_decide,
        name="nomination_decide",
    ),
]
