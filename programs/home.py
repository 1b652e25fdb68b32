"""This app's part of the home page: my cohorts, sessions, assignments, nominations waiting."""

from django.db.models import Max
from django.utils import timezone

from leadership import access
from leadership.models import Role
from programs.models import (
    Assignment,
    Enrollment,
    Nomination,
    NominationStatus,
    Program,
    Session,
)
from programs.services import pending_for

S = NominationStatus


def _assignments_of(enrollments):
    """The person's assignments (their cohorts', and those after a session they were at),
    each marked done, late or overdue."""
    found = {
        assignment_id: (submitted_on, late)
        for assignment_id, submitted_on, late in Enrollment.objects.filter(
            pk__in=[e.pk for e in enrollments]
        )
        .by_assignment()
        .values_list("assignment_id", "submitted_on", "late")
    }
    assignments = list(
        Assignment.objects.filter(pk__in=list(found)).select_related("prompt", "cohort__program")
    )
    today = timezone.localdate()
    for assignment in assignments:
        submitted_on, late = found[assignment.pk]
        assignment.is_done = submitted_on is not None
        assignment.is_late = bool(late)
        assignment.is_overdue = not assignment.is_done and assignment.due_on < today
    return assignments


def section(request):
    """Context for templates/programs/_home.html (see leadership/home.py)."""
    user = request.user
    if not user.is_authenticated:
        return {}
    enrollments = list(
        Enrollment.objects.filter(person=user, status=Enrollment.Status.ACTIVE).select_related(
            "cohort__program", "cohort__facilitator"
        )
    )
    sessions, assignments = [], []
    if enrollments:
        sessions = list(
            Session.objects.filter(
                cohort_id__in=[e.cohort_id for e in enrollments], ends_at__gte=timezone.now()
            ).order_by("starts_at")[:5]
        )
        assignments = _assignments_of(enrollments)
    waiting = list(
        pending_for(user, access.admin_district_ids(user), access.principal_school_ids(user))
        .select_related("program", "nominee")
        .order_by("created_at")[:10]
    )
    for nomination in waiting:
        nomination.title = f"{nomination.nominee} for {nomination.program.name}"
        if nomination.nominee_id == user.pk and nomination.status == S.SUBMITTED:
            nomination.title = f"You were nominated for {nomination.program.name}"
            nomination.waiting_for = "Your answer"
        elif nomination.status == S.AWAITING_ENDORSEMENT:
            nomination.waiting_for = "Your endorsement"
        else:
            nomination.waiting_for = "A district decision"
    today = timezone.localdate()
    open_programs = []
    if access.has_role(user, Role.PRINCIPAL) or access.has_role(user, Role.TEACHER):
        open_programs = list(
            Program.objects.visible_to(user)
            .filter(is_active=True, windows__opens_on__lte=today, windows__closes_on__gte=today)
            .values("pk", "name")
            .annotate(closes_on=Max("windows__closes_on"))
            .order_by("name")
        )
        if not access.has_role(user, Role.PRINCIPAL):
            # "Nominate yourself" is no invitation to a program the person is enrolled in
            # or already has an open nomination to.
            mine = set(
                Nomination.objects.open().filter(nominee=user).values_list("program_id", flat=True)
            )
            mine |= {e.cohort.program_id for e in enrollments}
            open_programs = [p for p in open_programs if p["pk"] not in mine]
    return {
        "programs_open": open_programs,
        "programs_enrollments": enrollments,
        "programs_sessions": sessions,
        "programs_assignments": assignments,
        "programs_waiting": waiting,
    }
