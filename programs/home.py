"""This app's part of the home page: my cohorts, sessions, assignments, nominations waiting."""

from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format

from leadership import access
from leadership.links import each_link
from leadership.models import Role
from programs.models import (
    Enrollment,
    Nomination,
    NominationStatus,
    Program,
    Session,
)
from programs.services import oldest_pending

S = NominationStatus


def _enrollments_of(user):
    """The person's active enrollments, as the home lists them (rows of values, not an
    Enrollment with its cohort, program and facilitator built as models)."""
    rows = Enrollment.objects.filter(person=user, status=Enrollment.Status.ACTIVE).values_list(
        "pk",
        "cohort_id",
        "cohort__program_id",
        "cohort__program__name",
        "cohort__name",
        "cohort__starts_on",
        "cohort__ends_on",
        "cohort__facilitator__full_name",
        "cohort__facilitator__email",
    )
    return [
        {
            "pk": pk,
            "cohort_id": cohort_id,
            "program_id": program_id,
            "program": program,
            "cohort": cohort,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "facilitator": facilitator_name or facilitator_email,  # as User.__str__, or None
        }
        for (
            pk,
            cohort_id,
            program_id,
            program,
            cohort,
            starts_on,
            ends_on,
            facilitator_name,
            facilitator_email,
        ) in rows
    ]


def _assignments_of(enrollments):
    """The person's assignments (their cohorts', and those after a session they were at), in
    Assignment's order, each marked done, late or overdue; one query."""
    rows = (
        Enrollment.objects.filter(pk__in=[e["pk"] for e in enrollments])
        .by_assignment()
        .order_by("due_on", "assignment_id")
        .values_list(
            "due_on",
            "submitted_on",
            "prompt_id",
            "cohort__assignments__prompt__text",
            "cohort__program__name",
        )
    )
    today = timezone.localdate()
    return [
        {
            "due_on": due_on,
            "is_done": submitted_on is not None,
            # by_assignment's `late`, compared here: selecting it compiles and runs the
            # subquery that finds `submitted_on` a second time.
            "is_late": submitted_on is not None and submitted_on > due_on,
            "is_overdue": submitted_on is None and due_on < today,
            "prompt_id": prompt_id,
            "prompt": prompt,
            "program": program,
        }
        for due_on, submitted_on, prompt_id, prompt, program in rows
    ]


def _next_sessions(enrollments):
    """The next five sessions of the person's cohorts (not yet over), as rows of values
    with their page and calendar links."""
    rows = (
        Session.objects.filter(
            cohort_id__in=[e["cohort_id"] for e in enrollments], ends_at__gte=timezone.now()
        )
        .order_by("starts_at")
        .values_list("pk", "title", "starts_at", "location", "status")[:5]
    )
    page, calendar = each_link("programs:session"), each_link("programs:session_calendar")
    return [
        {
            "url": page(pk),
            "calendar_url": calendar(pk),
            "title": title,
            "starts_at": starts_at,
            "location": location,
            "is_cancelled": status == Session.Status.CANCELLED,
        }
        for pk, title, starts_at, location, status in rows
    ]


def _waiting_for(user):
    """The nominations waiting for the person, oldest first, each with what it waits for."""
    rows = oldest_pending(
        user,
        access.admin_district_ids(user),
        access.principal_school_ids(user),
        ["pk", "nominee_id", "status", "program__name", "nominee__full_name", "nominee__email"],
    )
    link = each_link("programs:nomination")
    waiting = []
    for pk, nominee_id, status, program, full_name, email in rows:
        nomination = {"url": link(pk), "title": f"{full_name or email} for {program}"}
        if nominee_id == user.pk and status == S.SUBMITTED:
            nomination["title"] = f"You were nominated for {program}"
            nomination["waiting_for"] = "Your answer"
        elif status == S.AWAITING_ENDORSEMENT:
            nomination["waiting_for"] = "Your endorsement"
        else:
            nomination["waiting_for"] = "A district decision"
        waiting.append(nomination)
    return waiting


def section(request):
    """Context for templates/programs/_home.html (see leadership/home.py)."""
    user = request.user
    if not user.is_authenticated:
        return {}
    enrollments = _enrollments_of(user)
    sessions, assignments = [], []
    if enrollments:
        sessions = _next_sessions(enrollments)
        assignments = _assignments_of(enrollments)
    waiting = _waiting_for(user)
    today = timezone.localdate()
    open_programs = []
    if access.has_role(user, Role.PRINCIPAL) or access.has_role(user, Role.TEACHER):
        # The rule of Program.objects.visible_to(user), read from the memberships the page
        # has loaded instead of a subquery on them.
        open_programs = list(
            Program.objects.filter(district_id__in=access.district_ids(user))
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
            mine |= {e["program_id"] for e in enrollments}
            open_programs = [p for p in open_programs if p["pk"] not in mine]
        # Written once a day, not once a line: a district's windows mostly close together.
        days = {day: date_format(day) for day in {p["closes_on"] for p in open_programs}}
        for program in open_programs:
            program["until"] = days[program["closes_on"]]
    return {
        "programs_open": open_programs,
        "programs_enrollments": enrollments,
        "programs_sessions": sessions,
        "programs_assignments": assignments,
        "programs_waiting": waiting,
    }
