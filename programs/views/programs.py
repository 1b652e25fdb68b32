"""Programs, cohorts, sessions, assignments and attendance (district admins and facilitators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from leadership import access as people_access
from leadership import confirm, outcome, school_year
from leadership.links import each_link
from leadership.widgets import option_tags
from portrait.models import Attribute, ReflectionPrompt
from programs import access, ics, services
from programs.forms import (
    AssignmentForm,
    AttendanceForm,
    CohortForm,
    EnrollmentStatusForm,
    ProgramForm,
    SessionForm,
    WindowForm,
)
from programs.models import Enrollment, Program
from programs.services import ServiceError


def _attributes(district_ids):
    return Attribute.objects.filter(
        framework__district_id__in=district_ids, framework__is_current=True
    ).order_by("order", "name")


@login_required
def program_list(request):
    user = request.user
    today = timezone.localdate()
    programs = (
        Program.objects.visible_to(user)
        .annotate(
            cohort_count=Count("cohorts", distinct=True),
            open_windows=Count(
                "windows",
                filter=Q(windows__opens_on__lte=today, windows__closes_on__gte=today),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    admin_districts = people_access.admin_district_ids(user)
    form = ProgramForm(attributes=_attributes(admin_districts)) if admin_districts else None
    now = school_year.current_year()
    return render(
        request,
        "programs/program_list.html",
        {
            "programs": programs,
            "form": form,
            "may_nominate": access.may_nominate(user),
            "hours_years": [(y, school_year.label(y)) for y in (now, now - 1)] if form else [],
        },
    )


@login_required
@require_POST
def program_create(request):
    district = people_access.require_admin_district(request.user)
    form = ProgramForm(request.POST, attributes=_attributes([district.pk]))
    if not form.is_valid():
        messages.error(request, "The program was not saved; see the form below.")
        return render(
            request,
            "programs/program_list.html",
            {"programs": Program.objects.visible_to(request.user), "form": form},
            status=400,
        )
    try:
        program = services.program_create(
            actor=request.user, district=district, **form.cleaned_data
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("programs:programs")
    messages.success(request, f"Created {program.name}.")
    return redirect("programs:program", program.pk)


@login_required
def program_detail(request, program_id):
    user = request.user
    program = access.get_program_for_user(user, program_id)
    is_admin = program.district_id in people_access.admin_district_ids(user)
    cohorts = program.cohorts.select_related("facilitator").annotate(
        active=Count("enrollments", filter=Q(enrollments__status=Enrollment.Status.ACTIVE))
    )
    context = {
        "program": program,
        "focus": program.focus_attributes.all(),
        "cohorts": cohorts,
        "windows": program.windows.all(),
        "open_window": services.open_window(program),
        "is_admin": is_admin,
        "may_nominate": access.may_nominate(user),
    }
    if is_admin:
        context["program_form"] = ProgramForm(
            instance=program, attributes=_attributes([program.district_id])
        )
        context["cohort_form"] = CohortForm(district_id=program.district_id)
        context["window_form"] = WindowForm()
    return render(request, "programs/program_detail.html", context)


@login_required
@require_POST
def program_update(request, program_id):
    program = access.get_program_for_user(request.user, program_id, write=True)
    form = ProgramForm(request.POST, attributes=_attributes([program.district_id]))
    if not form.is_valid():
        return outcome.refused(request, form, "programs:program", program.pk)
    return outcome.carried_out(
        request,
        lambda: services.program_update(
            actor=request.user, program_id=program.pk, **form.cleaned_data
        ),
        "Saved the program.",
        "programs:program",
        program.pk,
    )


@login_required
@require_POST
def cohort_create(request, program_id):
    program = access.get_program_for_user(request.user, program_id, write=True)
    form = CohortForm(request.POST, district_id=program.district_id)
    if not form.is_valid():
        return outcome.refused(request, form, "programs:program", program.pk)
    data = dict(form.cleaned_data)
    facilitator = data.pop("facilitator")
    try:
        cohort = services.cohort_create(
            actor=request.user, program=program, facilitator=facilitator, **data
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("programs:program", program.pk)
    messages.success(request, f"Added the cohort {cohort.name}.")
    return redirect("programs:cohort", cohort.pk)


@login_required
@require_POST
def window_create(request, program_id):
    program = access.get_program_for_user(request.user, program_id, write=True)
    form = WindowForm(request.POST)
    if not form.is_valid():
        return outcome.refused(request, form, "programs:program", program.pk)
    return outcome.carried_out(
        request,
        lambda: services.window_create(actor=request.user, program=program, **form.cleaned_data),
        "Added the nomination window.",
        "programs:program",
        program.pk,
    )


def completion_grid(cohort, enrollments, assignments, today):
    """A row per enrollment, a cell per assignment; one query. A cell is what the cohort
    page draws, worked out here once rather than by the template per cell: its `label` (the
    assignment and its due date), its `state` and the `day` its reflection counted; a row,
    the person's name, links and status options.

    The state is "absent" when the assignment is not the person's (one that follows a
    session is for those present), then "late", "submitted", "overdue" or "pending".
    """
    rows = cohort.enrollments.by_assignment().values_list(
        "pk", "assignment_id", "submitted_on", "late"
    )
    found = {(enrollment, assignment): (day, late) for enrollment, assignment, day, late in rows}
    labels = {a.pk: f"{a.prompt.attribute.name}, due {date_format(a.due_on)}" for a in assignments}
    person_url, status_url = each_link("pipeline:person"), each_link("programs:enrollment_status")
    rows = []
    for e in enrollments:
        cells = []
        for a in assignments:
            applies = (e.pk, a.pk) in found
            submitted_on, late = found.get((e.pk, a.pk), (None, False))
            state = _cell_state(applies, submitted_on, late, a.due_on < today)
            day = date_format(submitted_on) if submitted_on else ""
            cells.append(
                format_html('<td data-label="{}">{}</td>', labels[a.pk], _said(state, day))
            )
        rows.append(
            {
                "enrollment": e,
                "name": str(e.person),
                "person_url": person_url(e.person_id),
                "status_url": status_url(e.pk),
                "status_options": option_tags(Enrollment.Status.choices, e.status),
                "cells": mark_safe("".join(cells)),  # each made by format_html
            }
        )
    return rows


# What a cell of the completion grid says in each state (`day`: when it was submitted).
SAID = {
    "absent": '<span class="text-body-secondary">Not asked (not at the session)</span>',
    "late": '<span class="text-warning-emphasis">Submitted late</span>'
    ' <span class="small text-body-secondary">{}</span>',
    "submitted": '<span class="text-success">Submitted</span>'
    ' <span class="small text-body-secondary">{}</span>',
    "overdue": '<span class="text-danger">Overdue</span>',
    "pending": "Not yet",
}


def _said(state, day):
    return format_html(SAID[state], day) if "{}" in SAID[state] else mark_safe(SAID[state])


def _cell_state(applies, submitted_on, late, overdue):
    if not applies:
        return "absent"
    if late:
        return "late"
    if submitted_on:
        return "submitted"
    return "overdue" if overdue else "pending"


def _prompts(cohort):
    return ReflectionPrompt.objects.active().filter(
        attribute__framework__district_id=cohort.program.district_id,
        attribute__framework__is_current=True,
    )


@login_required
def cohort_detail(request, cohort_id):
    user = request.user
    cohort = access.get_cohort_for_user(user, cohort_id)
    enrollments = list(cohort.enrollments.select_related("person").order_by("person__full_name"))
    assignments = list(cohort.assignments.select_related("prompt__attribute", "session"))
    sessions = list(cohort.sessions.annotate(marked=Count("attendance")))
    is_admin = cohort.program.district_id in people_access.admin_district_ids(user)
    today = timezone.localdate()
    context = {
        "cohort": cohort,
        "program": cohort.program,
        "enrollments": enrollments,
        "active_count": sum(e.status == Enrollment.Status.ACTIVE for e in enrollments),
        "assignments": assignments,
        "sessions": sessions,
        "grid": completion_grid(cohort, enrollments, assignments, today),
        "is_admin": is_admin,
    }
    if is_admin:
        context["cohort_form"] = CohortForm(
            instance=cohort,
            initial={"facilitator": cohort.facilitator},
            district_id=cohort.program.district_id,
        )
        context["session_form"] = SessionForm(prompts=_prompts(cohort))
        context["assignment_form"] = AssignmentForm(prompts=_prompts(cohort))
    return render(request, "programs/cohort_detail.html", context)


def _ask_invitation(request, cohort, data, invited, *, changed):
    """Before a session is scheduled or changed: when and where, and who is emailed."""
    when = date_format(timezone.localtime(data["starts_at"]), "DATETIME_FORMAT")
    where = f" · {data['location']}" if data["location"] else ""
    verb = "Change" if changed else "Schedule"
    return confirm.ask(
        request,
        title=f"{verb} “{data['title']}” for {cohort}?",
        happens=[
            f"{when}{where}",
            "Each person gets an invitation with a calendar file that "
            f"{'replaces the one they have' if changed else 'adds it to their calendar'}, "
            "and a notice in Deep Bench.",
        ],
        groups=[("Invited", invited)],
        button=f"{verb} it and send the invitations",
        back=reverse("programs:cohort", args=[cohort.pk]),
    )


@login_required
@require_POST
def session_create(request, cohort_id):
    cohort = access.get_cohort_for_user(request.user, cohort_id, write=True)
    form = SessionForm(request.POST, prompts=_prompts(cohort))
    if not form.is_valid():
        return outcome.refused(request, form, "programs:cohort", cohort.pk)
    invited = services.cohort_people(cohort)
    if not confirm.confirmed(request, invited):
        return _ask_invitation(request, cohort, form.cleaned_data, invited, changed=False)
    return outcome.carried_out(
        request,
        lambda: services.session_create(actor=request.user, cohort=cohort, **form.cleaned_data),
        lambda session: f"Scheduled “{session.title}”; invitations are on their way.",
        "programs:cohort",
        cohort.pk,
    )


@login_required
@require_POST
def assignment_create(request, cohort_id):
    cohort = access.get_cohort_for_user(request.user, cohort_id, write=True)
    form = AssignmentForm(request.POST, prompts=_prompts(cohort))
    if not form.is_valid():
        return outcome.refused(request, form, "programs:cohort", cohort.pk)
    members = services.cohort_members(cohort)
    if not confirm.confirmed(request, members):
        data = form.cleaned_data
        return confirm.ask(
            request,
            title=f"Assign this reflection to {cohort}, due {date_format(data['due_on'])}?",
            happens=[f"“{data['prompt'].text}”", "Each member gets an email and a notice."],
            groups=[("Emailed: the cohort's active members", members)],
            button="Add the assignment and tell them",
            back=reverse("programs:cohort", args=[cohort.pk]),
        )
    return outcome.carried_out(
        request,
        lambda: services.assignment_create(actor=request.user, cohort=cohort, **form.cleaned_data),
        "Added the assignment and told the cohort.",
        "programs:cohort",
        cohort.pk,
    )


@login_required
def attendance(request, session_id):
    session = access.get_session_for_user(request.user, session_id)
    if session.is_cancelled:
        messages.info(request, f"“{session.title}” was cancelled; there is no attendance to take.")
        return redirect("programs:cohort", session.cohort_id)
    enrollments = list(
        session.cohort.enrollments.filter(status=Enrollment.Status.ACTIVE).select_related("person")
    )
    current = dict(session.attendance.values_list("enrollment_id", "status"))
    form = AttendanceForm(request.POST or None, enrollments=enrollments, current=current)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.attendance_record(
                    actor=request.user, session=session, statuses=form.statuses()
                )
            except ServiceError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "Attendance saved.")
                return redirect("programs:cohort", session.cohort_id)
        else:
            messages.error(request, "Choose present, excused or absent for each person.")
    return render(
        request,
        "programs/attendance.html",
        {"session": session, "cohort": session.cohort, "form": form},
    )


@login_required
@require_POST
def cohort_update(request, cohort_id):
    cohort = access.get_cohort_for_user(request.user, cohort_id, write=True)
    form = CohortForm(request.POST, district_id=cohort.program.district_id)
    if not form.is_valid():
        return outcome.refused(request, form, "programs:cohort", cohort.pk)
    return outcome.carried_out(
        request,
        lambda: services.cohort_update(
            actor=request.user, cohort_id=cohort.pk, **form.cleaned_data
        ),
        "Saved the cohort.",
        "programs:cohort",
        cohort.pk,
    )


@login_required
@require_POST
def enrollment_status(request, enrollment_id):
    enrollment = access.get_enrollment_for_user(request.user, enrollment_id)
    form = EnrollmentStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose active, completed or withdrawn; nothing was changed.")
        return redirect("programs:cohort", enrollment.cohort_id)
    status = form.cleaned_data["status"]
    return outcome.carried_out(
        request,
        lambda: services.enrollment_set_status(
            actor=request.user, enrollment_id=enrollment.pk, status=status
        ),
        f"{enrollment.person}: {Enrollment.Status(status).label}.",
        "programs:cohort",
        enrollment.cohort_id,
    )


@login_required
def session_edit(request, session_id):
    """District admins change a session's time, place or title; invitations are re-sent."""
    session = access.get_session_for_user(request.user, session_id, write=True)
    if session.is_cancelled:
        messages.info(request, f"“{session.title}” was cancelled; it cannot be changed.")
        return redirect("programs:cohort", session.cohort_id)
    form = SessionForm(request.POST or None, instance=session, prompts=_prompts(session.cohort))
    if request.method == "POST" and form.is_valid():
        invited = services.cohort_people(session.cohort)
        told = set(form.changed_data) & set(services.INVITATION_FIELDS)
        if told and not confirm.confirmed(request, invited):
            return _ask_invitation(
                request, session.cohort, form.cleaned_data, invited, changed=True
            )
        try:
            services.session_update(actor=request.user, session_id=session.pk, **form.cleaned_data)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Saved the session; everybody invited has the update.")
            return redirect("programs:cohort", session.cohort_id)
    return render(
        request,
        "programs/session_form.html",
        {"session": session, "cohort": session.cohort, "form": form},
    )


@login_required
def session_calendar(request, session_id):
    """The session as an .ics file, for people who take part in it."""
    session = access.get_session_calendar_for_user(request.user, session_id)
    text = ics.cancellation(session) if session.is_cancelled else ics.calendar([session])
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="session-{session.pk}.ics"'
    return response
