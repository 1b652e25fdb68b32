"""Nominations: the form, the review queue, one nomination's page, and the moves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from leadership import access as people_access
from leadership import outcome
from leadership.models import School
from leadership.widgets import option_tags
from portrait.models import Attribute
from programs import access, services
from programs.forms import (
    BulkDecideForm,
    DecideForm,
    EndorseForm,
    NominationForm,
    RespondForm,
    WithdrawForm,
)
from programs.models import Cohort, Nomination, NominationStatus, Program
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


@login_required
def nomination_new(request):
    user = request.user
    if not access.may_nominate(user):
        raise PermissionDenied
    self_only = not people_access.principal_school_ids(user)
    programs = list(_open_programs(user))
    attributes = Attribute.objects.filter(
        framework__district_id__in=people_access.district_ids(user), framework__is_current=True
    ).order_by("order", "name")
    initial = {
        "program": request.GET.get("program"),
        "nominee": user.pk if self_only else request.GET.get("nominee"),
    }
    form = NominationForm(
        request.POST or None,
        initial=initial,
        programs=programs,
        people=[] if self_only else access.nominable_people(user),
        attributes=attributes,
        self_only=self_only,
    )
    error_link = None
    if request.method == "POST" and form.is_valid():
        program = access.get_program_for_user(user, form.cleaned_data["program"])
        nominee = access.get_nominee_for_user(user, form.cleaned_data["nominee"])
        try:
            nomination = services.nomination_create(
                actor=user,
                program=program,
                nominee=nominee,
                attributes=list(form.cleaned_data["attributes"]),
                rationale=form.cleaned_data["rationale"],
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
        {"form": form, "programs": programs, "self_only": self_only, "error_link": error_link},
    )


def _filtered(request, found):
    status = request.GET.get("status", "")
    if status == "waiting":
        found = found.filter(status__in=[S.ACCEPTED, S.ENDORSED])
    elif status in S.values:
        found = found.filter(status=status)
    if request.GET.get("program", "").isdigit():
        found = found.filter(program_id=int(request.GET["program"]))
    if request.GET.get("school", "").isdigit():
        found = found.filter(school_id=int(request.GET["school"]))
    return found


def _query_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
def nomination_list(request):
    """The review queue for admins; a principal's school's and a person's own for others."""
    user = request.user
    visible = Nomination.objects.visible_to(user)
    found = _filtered(request, visible).select_related(
        "program", "nominee", "nominated_by", "school"
    )
    page = Paginator(found.order_by("-created_at", "-id"), 50).get_page(request.GET.get("page"))
    is_admin = bool(people_access.admin_district_ids(user))
    programs = Program.objects.visible_to(user).order_by("name")
    if is_admin:
        schools = School.objects.filter(district_id__in=people_access.admin_district_ids(user))
    else:
        schools = School.objects.filter(pk__in=people_access.principal_school_ids(user))
    schools = list(schools.order_by("name").values_list("pk", "name"))
    context = {
        "page": page,
        "is_admin": is_admin,
        "statuses": [("waiting", "Waiting for a district decision"), *S.choices],
        "programs": programs,
        "schools": schools,
        "school_options": option_tags(schools, request.GET.get("school")),
        "chosen": request.GET,
        "query": _query_without_page(request),
        "decidable": {S.ACCEPTED, S.ENDORSED, S.WAITLISTED},
        "may_nominate": access.may_nominate(user),
    }
    if is_admin:
        context["bulk_form"] = BulkDecideForm()
        running = Cohort.objects.filter(
            program__district_id__in=people_access.admin_district_ids(user),
            ends_on__gte=timezone.localdate(),
        ).order_by("program__name", "starts_on")
        context["cohort_options"] = option_tags(
            (
                (pk, f"{program}: {name}")
                for pk, program, name in running.values_list("pk", "program__name", "name")
            ),
            None,
        )
    if request.htmx:
        return render(request, "programs/_nomination_results.html", context)
    return render(request, "programs/nomination_list.html", context)


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
            "attributes": nomination.attributes.all(),
            "respond_form": RespondForm() if may_respond else None,
            "endorse_form": EndorseForm() if may_endorse else None,
            "decide_form": DecideForm(cohorts=_running_cohorts(user, nomination.program))
            if may_decide
            else None,
            "withdraw_form": WithdrawForm() if may_withdraw else None,
        },
    )


def _run(request, nomination, call, success):
    return outcome.carried_out(request, call, success, "programs:nomination", nomination.pk)


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


@login_required
@require_POST
def nomination_decide(request, nomination_id):
    nomination = access.get_nomination_for_user(request.user, nomination_id, act="decide")
    form = DecideForm(request.POST, cohorts=_running_cohorts(request.user, nomination.program))
    if not form.is_valid():
        return outcome.refused(
            request, form, "programs:nomination", nomination.pk, nothing="changed"
        )
    decision = form.cleaned_data["decision"]
    return _run(
        request,
        nomination,
        lambda: services.nomination_decide(
            actor=request.user,
            nomination_id=nomination.pk,
            decision=decision,
            note=form.cleaned_data["note"],
            cohort_id=form.cleaned_data["cohort"],
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
    return _run(
        request,
        nomination,
        lambda: services.nomination_withdraw(
            actor=request.user, nomination_id=nomination.pk, note=form.cleaned_data["note"]
        ),
        "You withdrew the nomination. You can nominate again while the window is open.",
    )


@login_required
@require_POST
def nominations_decide_many(request):
    user = request.user
    people_access.require_admin_district(user)
    posted = [int(i) for i in request.POST.getlist("nominations") if i.isdigit()]
    allowed = list(
        Nomination.objects.filter(
            pk__in=posted, district_id__in=people_access.admin_district_ids(user)
        ).values_list("pk", flat=True)
    )
    form = BulkDecideForm(request.POST, nomination_ids=allowed, cohorts=_running_cohorts(user))
    if not form.is_valid():
        return outcome.refused(request, form, "programs:nominations", nothing="changed")
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
