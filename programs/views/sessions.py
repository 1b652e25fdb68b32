"""A session's own page (for the people in it), and cancelling a session (district admins):
a confirm page, then the cancellation itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from leadership import outcome
from leadership.access import admin_district_ids
from programs import access, services
from programs.forms import SessionCancelForm


@login_required
@require_GET
def session_detail(request, session_id):
    """What, when and where, with the calendar file: the page a session's emails link to."""
    session = access.get_session_calendar_for_user(request.user, session_id)
    context = {
        "session": session,
        "cohort": session.cohort,
        "runs_it": access.may_run_cohort(request.user, session.cohort),
        "is_admin": session.cohort.program.district_id in admin_district_ids(request.user),
    }
    return render(request, "programs/session_detail.html", context)


@login_required
@require_GET
def session_cancel_confirm(request, session_id):
    """Says who will be told, and asks for an optional note; the form posts to session_cancel."""
    session = access.get_session_for_user(request.user, session_id, write=True)
    if session.is_cancelled:
        messages.info(request, f"“{session.title}” is already cancelled.")
        return redirect("programs:cohort", session.cohort_id)
    if session.ends_at <= timezone.now() or session.attendance.exists():
        messages.info(request, f"“{session.title}” has taken place; it cannot be cancelled.")
        return redirect("programs:cohort", session.cohort_id)
    return render(
        request,
        "programs/session_cancel.html",
        {
            "session": session,
            "cohort": session.cohort,
            "people": services.cohort_people(session.cohort),
            "form": SessionCancelForm(),
        },
    )


@login_required
@require_POST
def session_cancel(request, session_id):
    session = access.get_session_for_user(request.user, session_id, write=True)
    form = SessionCancelForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The note is too long (1,000 characters at most); nothing changed.")
        return redirect("programs:session_cancel_confirm", session.pk)
    return outcome.carried_out(
        request,
        lambda: services.session_cancel(
            actor=request.user, session_id=session.pk, note=form.cleaned_data["note"]
        ),
        f"Cancelled “{session.title}”; everybody invited has been told.",
        "programs:cohort",
        session.cohort_id,
    )
