"""Nominations: the form, the review queue, one nomination's page, and the moves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views.decorators.http import require_POST

from leadership import access as people_access
from leadership import confirm, outcome, picker
from leadership.links import each_link
from leadership.words import counted
from portrait.models import Attribute
from programs import access, services
from programs.forms import (
    BulkDecideForm,
    DecideForm,
    EndorseForm,
    NominationForm,
    QueueSchoolForm,
    RespondForm,
    WithdrawForm,
)
from programs.models import Cohort, Nomination, NominationStatus, Program, evidence_prefetch
from programs.services import ServiceError

S = NominationStatus


def _open_programs(user):
    today = timezone.localdate()
    return (
        Program.objects.visible_to(user)
        .filter(is_active=True, windows__opens_on__lte=today, windows__closes_on__gte=today)
        .distinct()
        .order_by("name")
    )


def _picked_program(request, programs):
    """The program the nominee picker marks people for: the one chosen, or the only one."""
    chosen = people_access.request_id((request.POST or request.GET).get("program"))
    found = next((p for p in programs if p.pk == chosen), None)
    return found or (programs[0] if len(programs) == 1 else None)


def _nomination_form(request, programs, self_only):
    """The form, its pickers marking whom (or, for oneself, which program) cannot be chosen
    and why; its program picker reloads the nominee picker (htmx) when it changes."""
    user = request.user
    program = _picked_program(request, programs)
    attributes = Attribute.objects.filter(
        framework__district_id__in=people_access.district_ids(user), framework__is_current=True
    ).order_by("order", "name")
    if self_only:
        picker = {"programs_refused": services.program_choices(user, programs)}
    else:
        people = access.nominable_people(user)
        pairs, refused = services.nominee_choices(people, actor=user, program=program)
        url = reverse("programs:nomination_new")
        picker = {"people": pairs, "refused": refused, "picker_url": url}
    initial = {
        "program": program.pk if program else None,
        "nominee": user.pk if self_only else request.GET.get("nominee"),
    }
    form = NominationForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        programs=programs,
        attributes=attributes,
        self_only=self_only,
        **picker,
    )
    return form, program


@login_required
def nomination_new(request):
    user = request.user
    if not access.may_nominate(user):
        raise PermissionDenied
    self_only = not people_access.principal_school_ids(user)
    programs = list(_open_programs(user))
    form, picked = _nomination_form(request, programs, self_only)
    if request.htmx and request.method == "GET" and not self_only:
        return render(request, "programs/_nominee_picker.html", {"form": form, "picked": picked})
    error_link = None
    if request.method == "POST" and form.is_valid():
        program = access.get_program_for_user(user, form.cleaned_data["program"])
        nominee = access.get_nominee_for_user(user, form.cleaned_data["nominee"])
        try:
            nomination = services.nomination_create(
                actor=user,
                program=program,
                nominee=nominee,
                evidence=form.cleaned_data["evidence"],
                note=form.cleaned_data["rationale"],
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
            error_link = exc.link
        else:
            if nomination.is_self_nomination:
                messages.success(request, "Your nomination was sent to your principal to endorse.")
            else:
                messages.success(request, f"{nominee} has been asked to accept the nomination.")
            return redirect("programs:nomination", nomination.pk)
    return render(
        request,
        "programs/nomination_form.html",
        {
            "form": form,
            "programs": programs,
            "picked": picked,
            "self_only": self_only,
            "error_link": error_link,
        },
    )


def _filtered(request, found, school_id=None):
    status = request.GET.get("status", "")
    if status == "waiting":
        found = found.filter(status__in=[S.ACCEPTED, S.ENDORSED])
    elif status in S.values:
        found = found.filter(status=status)
    if (program_id := people_access.request_id(request.GET.get("program"))) is not None:
        found = found.filter(program_id=program_id)
    if school_id is not None:
        found = found.filter(school_id=school_id)
    if request.GET.get("window") == "current":
        today = timezone.localdate()
        found = found.filter(window__opens_on__lte=today, window__closes_on__gte=today)
    return found


def _query_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _with_links(nominations):
    """Each nomination of a queue page with its two links and the day it was made, worked
    out once for the page: fifty rows reversing two URLs and formatting the day twice each
    were a third of the queue's time."""
    person, nomination = each_link("pipeline:person"), each_link("programs:nomination")
    for n in nominations:
        n.person_url, n.url = person(n.nominee_id), nomination(n.pk)
        made = timezone.localtime(n.created_at)
        n.made_iso, n.made_on = made.isoformat(), date_format(made)
    return nominations


@login_required
def nomination_list(request):
    """The review queue for admins; a principal's school's and a person's own for others."""
    user = request.user
    schools = access.queue_schools(user)
    school_form = None if schools is None else QueueSchoolForm(request.GET, schools=schools)
    school = school_form.is_valid() and school_form.cleaned_data["school"] if school_form else None
    visible = Nomination.objects.visible_to(user)
    found = _filtered(request, visible, school.pk if school else None).select_related(
        "program", "nominee", "nominated_by", "school"
    )
    page = Paginator(found.order_by("-created_at", "-id"), 50).get_page(request.GET.get("page"))
    _with_links(page)
    is_admin = bool(people_access.admin_district_ids(user))
    context = {
        "page": page,
        "is_admin": is_admin,
        "statuses": [("waiting", "Waiting for a district decision"), *S.choices],
        "programs": Program.objects.visible_to(user).order_by("name"),
        "school_form": school_form,
        "chosen": request.GET,
        "query": _query_without_page(request),
        "decidable": {S.ACCEPTED, S.ENDORSED, S.WAITLISTED},
        "may_nominate": access.may_nominate(user),
    }
    if is_admin:
        context["bulk_form"] = BulkDecideForm(cohorts=access.running_cohorts(user))
    if request.htmx:
        return render(request, "programs/_nomination_results.html", context)
    return render(request, "programs/nomination_list.html", context)


@login_required
def school_search(request):
    """The queue's school filter's suggestions (leadership/picker.py), only schools it offers."""
    schools = access.get_queue_schools_for_user(request.user)
    return picker.search_response(request, picker.labelled(schools), "school")


@login_required
def cohort_search(request):
    """The bulk decision's cohort suggestions: running cohorts of the admin's district."""
    cohorts = picker.labelled(access.running_cohorts(request.user), access.COHORT_LABEL)
    return picker.search_response(request, cohorts, "cohort")


def _running_cohorts(user, program=None):
    cohorts = Cohort.objects.filter(
        program__district_id__in=people_access.admin_district_ids(user),
        ends_on__gte=timezone.localdate(),
    ).select_related("program")
    if program is not None:
        cohorts = cohorts.filter(program=program)
    return list(cohorts.order_by("program__name", "starts_on"))


@login_required
def nomination_detail(request, nomination_id):
    user = request.user
    nomination = access.get_nomination_for_user(user, nomination_id)
    prefetch_related_objects([nomination], evidence_prefetch())
    events = nomination.events.select_related("actor")
    status = nomination.status
    may_respond = nomination.nominee_id == user.pk and status == S.SUBMITTED
    may_endorse = (
        status == S.AWAITING_ENDORSEMENT
        and nomination.school_id in people_access.principal_school_ids(user)
    )
    may_decide = status in (
        S.ACCEPTED,
        S.ENDORSED,
        S.WAITLISTED,
    ) and nomination.district_id in people_access.admin_district_ids(user)
    may_withdraw = nomination.nominated_by_id == user.pk and (status, S.WITHDRAWN) in (
        services.TRANSITIONS
    )
    return render(
        request,
        "programs/nomination_detail.html",
        {
            "nomination": nomination,
            "events": events,
            "respond_form": RespondForm() if may_respond else None,
            "endorse_form": EndorseForm() if may_endorse else None,
            "decide_form": DecideForm(cohorts=_running_cohorts(user, nomination.program))
            if may_decide
            else None,
            "withdraw_form": WithdrawForm() if may_withdraw else None,
        },
    )


@login_required
def nomination_evidence(request, evidence_id):
    """An evidence file, as a download, for whoever may read the nomination (404 otherwise)."""
    evidence = access.get_evidence_file_for_user(request.user, evidence_id)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.file_name)


def _run(request, nomination, call, success):
    return outcome.carried_out(request, call, success, "programs:nomination", nomination.pk)


def _ask(request, nomination, told, *, title, happens, button, check=None, danger=False):
    """Confirm a move of one nomination: what it does, that it is final, who is emailed."""
    note = request.POST.get("note", "").strip()
    return confirm.ask(
        request,
        check=check,
        title=title,
        happens=[
            *happens,
            "This cannot be undone.",
            f"Your note goes with it: “{note}”" * bool(note),
        ],
        groups=[("Emailed", told)],
        button=button,
        danger=danger,
        back=reverse("programs:nomination", args=[nomination.pk]),
    )


@login_required
@require_POST
def nomination_respond(request, nomination_id):
    nomination = access.get_nomination_for_user(request.user, nomination_id, act="respond")
    form = RespondForm(request.POST)
    if not form.is_valid():
        return outcome.refused(
            request, form, "programs:nomination", nomination.pk, nothing="changed"
        )
    accept = form.cleaned_data["answer"] == "accept"
    to = S.ACCEPTED if accept else S.NOMINEE_DECLINED
    told = services.told_of_move(nomination, to)
    if not confirm.confirmed(request, told):
        return _ask(
            request,
            nomination,
            told,
            check=lambda: services.move_check(nomination, to, "nominee"),
            title=f"{'Accept' if accept else 'Decline'} the nomination for {nomination.program}?",
            happens=["The district decides next." if accept else "The nomination ends here."],
            button="Accept the nomination" if accept else "Decline the nomination",
            danger=not accept,
        )
    return _run(
        request,
        nomination,
        lambda: services.nomination_respond(
            actor=request.user,
            nomination_id=nomination.pk,
            accept=accept,
            note=form.cleaned_data["note"],
        ),
        "You accepted the nomination. The district will decide next."
        if accept
        else "You declined the nomination.",
    )


@login_required
@require_POST
def nomination_endorse(request, nomination_id):
    nomination = access.get_nomination_for_user(request.user, nomination_id, act="endorse")
    form = EndorseForm(request.POST)
    if not form.is_valid():
        return outcome.refused(
            request, form, "programs:nomination", nomination.pk, nothing="changed"
        )
    endorse = form.cleaned_data["answer"] == "endorse"
    to = S.ENDORSED if endorse else S.NOT_ENDORSED
    told = services.told_of_move(nomination, to)
    if not confirm.confirmed(request, told):
        return _ask(
            request,
            nomination,
            told,
            check=lambda: services.move_check(nomination, to, "principal"),
            title=f"{'Endorse' if endorse else 'Not endorse'} {nomination.nominee}'s "
            f"self-nomination for {nomination.program}?",
            happens=["The district decides next." if endorse else "The nomination ends here."],
            button="Endorse" if endorse else "Do not endorse",
            danger=not endorse,
        )
    return _run(
        request,
        nomination,
        lambda: services.nomination_endorse(
            actor=request.user,
            nomination_id=nomination.pk,
            endorse=endorse,
            note=form.cleaned_data["note"],
        ),
        "You endorsed the nomination." if endorse else "You declined to endorse the nomination.",
    )


DECIDE_WORDS = {S.APPROVED: "Approve and enroll", S.WAITLISTED: "Waitlist", S.DECLINED: "Decline"}


def _decision_effect(nomination, decision, cohort):
    if decision == S.APPROVED:
        return (
            f"{nomination.nominee} is enrolled in {cohort.name} ({cohort.taken} of "
            f"{counted(cohort.capacity, 'place')} taken now) and gets a welcome email with its "
            "sessions."
        )
    if decision == S.WAITLISTED:
        return "The nomination waits; the district can approve or decline it later."
    return "The nomination ends here."


@login_required
@require_POST
def nomination_decide(request, nomination_id):
    nomination = access.get_nomination_for_user(request.user, nomination_id, act="decide")
    form = DecideForm(request.POST, cohorts=_running_cohorts(request.user, nomination.program))
    if not form.is_valid():
        return outcome.refused(
            request, form, "programs:nomination", nomination.pk, nothing="changed"
        )
    decision, cohort_id = form.cleaned_data["decision"], form.cleaned_data["cohort"]
    told = services.told_of_move(nomination, decision)
    if not confirm.confirmed(request, told):
        try:
            cohort = services.decide_check(nomination, decision, cohort_id)
        except ServiceError as exc:
            messages.error(request, exc.message)
            return redirect("programs:nomination", nomination.pk)
        return _ask(
            request,
            nomination,
            told,
            title=f"{DECIDE_WORDS[decision]} {nomination.nominee} for {nomination.program}?",
            happens=[_decision_effect(nomination, decision, cohort)],
            button=DECIDE_WORDS[decision],
            danger=decision == S.DECLINED,
        )
    return _run(
        request,
        nomination,
        lambda: services.nomination_decide(
            actor=request.user,
            nomination_id=nomination.pk,
            decision=decision,
            note=form.cleaned_data["note"],
            cohort_id=cohort_id,
        ),
        f"Nomination {services.VERBS[decision]}.",
    )


@login_required
@require_POST
def nomination_withdraw(request, nomination_id):
    """The person who nominated (or the self-nominee) takes the nomination back."""
    nomination = access.get_nomination_for_user(request.user, nomination_id)
    if nomination.nominated_by_id != request.user.pk:
        raise PermissionDenied
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, "The note is too long (1,000 characters at most); nothing changed.")
        return redirect("programs:nomination", nomination.pk)
    told = services.told_of_withdrawal(nomination, request.user)
    if not confirm.confirmed(request, told):
        return _ask(
            request,
            nomination,
            told,
            check=lambda: services.move_check(nomination, S.WITHDRAWN, "nominator"),
            title=f"Withdraw the nomination of {nomination.nominee} for {nomination.program}?",
            happens=["You can nominate again while the window is open."],
            button="Withdraw the nomination",
            danger=True,
        )
    return _run(
        request,
        nomination,
        lambda: services.nomination_withdraw(
            actor=request.user, nomination_id=nomination.pk, note=form.cleaned_data["note"]
        ),
        "You withdrew the nomination. You can nominate again while the window is open.",
    )


def _ask_many(request, plan, decision, told):
    ready = sum(1 for row in plan if not row.problem)
    if not ready:
        messages.error(
            request,
            "None of the chosen nominations can be decided this way: "
            + " ".join(f"{row.nomination.nominee}: {row.problem}" for row in plan),
        )
        return redirect("programs:nominations")
    return confirm.ask(
        request,
        title=f"{DECIDE_WORDS[decision]}: {ready} nomination{'s' * (ready != 1)}?",
        happens=["This cannot be undone."],
        told=told,
        plan=plan,
        nominees=[row.nomination.nominee for row in plan],
        verb=services.VERBS[decision].capitalize(),
        button=f"{DECIDE_WORDS[decision]} {ready} nomination{'s' * (ready != 1)}",
        danger=decision == S.DECLINED,
        back=reverse("programs:nominations"),
        template="programs/nominations_decide_confirm.html",
    )


@login_required
@require_POST
def nominations_decide_many(request):
    user = request.user
    people_access.require_admin_district(user)
    posted = people_access.request_ids(request.POST.getlist("nominations"))
    allowed = list(
        Nomination.objects.filter(
            pk__in=posted, district_id__in=people_access.admin_district_ids(user)
        ).values_list("pk", flat=True)
    )
    form = BulkDecideForm(
        request.POST, nomination_ids=allowed, cohorts=access.running_cohorts(user)
    )
    if not form.is_valid():
        return outcome.refused(request, form, "programs:nominations", nothing="changed")
    decision, cohort_id = form.cleaned_data["decision"], form.cleaned_data["cohort"]
    plan = services.decide_many_plan(form.cleaned_data["nominations"], decision, cohort_id)
    told = [person for row in plan for person in row.told]
    if not confirm.confirmed(request, told):
        return _ask_many(request, plan, decision, told)
    done, refused = services.nomination_decide_many(
        actor=user,
        nomination_ids=form.cleaned_data["nominations"],
        decision=form.cleaned_data["decision"],
        note=form.cleaned_data["note"],
        cohort_id=form.cleaned_data["cohort"],
    )
    if done:
        verb = services.VERBS[form.cleaned_data["decision"]]
        messages.success(request, f"{len(done)} nomination{'s' if len(done) != 1 else ''} {verb}.")
    for nomination_id, message in refused:
        messages.error(request, f"Nomination #{nomination_id}: {message}")
    return redirect("programs:nominations")
