"""Programs and the nomination workflow: every change goes through a function here, one
module per area (common, programs, sessions, nominations). Callers use `services.<name>`."""

from programs.services.common import ServiceError, district_admins, school_principals
from programs.services.nominations import (
    MIN_RATIONALE,
    TRANSITIONS,
    VERBS,
    default_cohort,
    nomination_create,
    nomination_decide,
    nomination_decide_many,
    nomination_endorse,
    nomination_respond,
    nomination_withdraw,
    nominee_school,
    open_window,
    pending_for,
)
from programs.services.programs import (
    cohort_create,
    cohort_update,
    enrollment_set_status,
    program_create,
    program_update,
    window_create,
)
from programs.services.sessions import (
    assignment_create,
    attendance_record,
    cohort_people,
    session_cancel,
    session_create,
    session_update,
    write_url,
)

__all__ = [
    "MIN_RATIONALE",
    "TRANSITIONS",
    "VERBS",
    "ServiceError",
    "assignment_create",
    "attendance_record",
    "cohort_create",
    "cohort_people",
    "cohort_update",
    "default_cohort",
    "district_admins",
    "enrollment_set_status",
    "nomination_create",
    "nomination_decide",
    "nomination_decide_many",
    "nomination_endorse",
    "nomination_respond",
    "nomination_withdraw",
    "nominee_school",
    "open_window",
    "pending_for",
    "program_create",
    "program_update",
    "school_principals",
    "session_cancel",
    "session_create",
    "session_update",
    "window_create",
    "write_url",
]
