"""Growth plans: one's own plan for the school year, reading and reviewing plans, check-ins."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from leadership import picker, school_year
from pipeline.plans import access, services
from pipeline.plans.forms import (
    GOAL_PARTS,
    LINKS,
    CheckInForm,
    CloseForm,
    NoteForm,
    PlanForm,
    ReviewForm,
    picker_choices,
)
from pipeline.plans.models import MAX_GOALS, GoalAction, GrowthPlan, PlanNote, PlanStatus

LIST_LIMIT = 200


@login_required
def plan_home(request):
    user = request.user
    district = access.own_district(user)
    year = school_year.current_year()
    shown = access.readable_plans(user).filter(district=district, year=year)
    others = list(
        shown.exclude(author=user).select_related("author", "target_kind")[: LIST_LIMIT + 1]
    )
    reviewing = set(access.reviewing(user).filter(district=district).values_list("pk", flat=True))
    for plan in others:
        plan.for_me = plan.pk in reviewing
    return render(
        request,
        "pipeline/plans/plan_home.html",
        {
            "mine": shown.filter(author=user).first(),
            "others": others[:LIST_LIMIT],
            "more": len(others) > LIST_LIMIT,
            "year_label": school_year.label(year),
        },
    )


def _initial(plan):
    if plan is None:
        return {}
    initial = {
        "target_kind": plan.target_kind_id,
        "target_level": plan.target_level,
        "shared_with_principal": plan.shared_with_principal,
        "sponsor": plan.sponsor.email if plan.sponsor_id else "",
    }
    for n, goal in enumerate(plan.goals.prefetch_related("actions"), start=1):
        for part in GOAL_PARTS:
            initial[f"goal{n}_{part}"] = getattr(goal, f"{part}_id", None) or getattr(goal, part)
        for action in goal.actions.all():
            initial[f"goal{n}_{action.kind}"] = getattr(action, f"{action.kind}_id")
    return initial


@login_required
def plan_edit(request):
    """Write or change one's own plan for this school year."""
    user = request.user
    district = access.own_district(user)
    year = school_year.current_year()
    plan = GrowthPlan.objects.filter(author=user, district=district, year=year).first()
    form = PlanForm(
        request.POST or None, district=district, author=user, year=year, initial=_initial(plan)
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            fields = ("target_kind", "target_level", "shared_with_principal", "sponsor")
            plan = services.plan_save(
                author=user,
                district=district,
                year=year,
                plan=plan,
                goals=data["goals"],
                **{name: data[name] for name in fields},
            )
            messages.success(request, "Your growth plan is saved.")
            return redirect("pipeline:plan_detail", plan.pk)
        messages.error(request, "Your plan was not saved; see the form below.")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "plan": plan, "year_label": school_year.label(year)}
    return render(request, "pipeline/plans/plan_form.html", context, status=status)


def _link_search(request, link):
    """The suggestions of a goal's `link` picker on one's own plan: the choices the plan form
    offers its author (their district's); the box sends its own name, goal<n>_<link>."""
    district = access.own_district(request.user)
    names = [f"goal{n}_{link}" for n in range(1, MAX_GOALS + 1)]
    name = next((name for name in names if name in request.GET), names[0])
    return picker.search_response(request, picker_choices(district, link), name)


@login_required
def plan_opportunity_search(request):
    return _link_search(request, "opportunity")


@login_required
def plan_session_search(request):
    return _link_search(request, "session")


@login_required
def plan_detail(request, plan_id):
    user = request.user
    plan = access.get_plan_for_user(user, plan_id)
    actions = GoalAction.objects.select_related(*LINKS, "session__cohort__program")
    check_ins = PlanNote.objects.select_related("author")
    goals = plan.goals.select_related("attribute").prefetch_related(
        Prefetch("actions", actions), Prefetch("check_ins", check_ins)
    )
    is_author = plan.author_id == user.pk
    may_review = access.may_review(user, plan)
    return render(
        request,
        "pipeline/plans/plan_detail.html",
        {
            "plan": plan,
            "goals": list(goals),
            "notes": plan.notes.filter(goal__isnull=True).select_related("author"),
            "is_author": is_author,
            "may_review": may_review and plan.status == PlanStatus.SUBMITTED,
            "may_comment": is_author or may_review,
            "reviewers": services.reviewers(plan) if is_author else [],
            "note_form": NoteForm(),
            "review_form": ReviewForm(),
            "check_in_form": CheckInForm(),
            "close_form": CloseForm(),
        },
    )


@login_required
@require_POST
def plan_submit(request, plan_id):
    plan = access.get_plan_for_user(request.user, plan_id, act="write")
    if plan.status == PlanStatus.SUBMITTED:
        messages.info(request, "Your plan is already waiting for a review.")
        return redirect("pipeline:plan_detail", plan.pk)
    services.plan_submit(plan=plan)
    if services.reviewers(plan):
        messages.success(request, "Your plan is sent for review.")
    else:
        messages.warning(
            request,
            "Your plan is handed in, but nobody reviews it yet: you have no coach. Invite a "
            "sponsor on the plan, or ask the district's leadership office for a coach.",
        )
    return redirect("pipeline:plan_detail", plan.pk)


def _note(request, plan, form_class, done):
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["text"][0])
        return redirect("pipeline:plan_detail", plan.pk)
    done(form.cleaned_data["text"])
    return redirect("pipeline:plan_detail", plan.pk)


@login_required
@require_POST
def plan_review(request, plan_id):
    plan = access.get_plan_for_user(request.user, plan_id, act="review")
    if plan.status != PlanStatus.SUBMITTED:
        messages.info(request, "This plan is not waiting for a review; nothing was changed.")
        return redirect("pipeline:plan_detail", plan.pk)

    def review(text):
        services.plan_review(plan=plan, reviewer=request.user, text=text)
        messages.success(request, f"You reviewed {plan.author}'s plan; they are told.")

    return _note(request, plan, ReviewForm, review)


@login_required
@require_POST
def plan_comment(request, plan_id):
    plan = access.get_plan_for_user(request.user, plan_id)
    if plan.author_id != request.user.pk and not access.may_review(request.user, plan):
        raise PermissionDenied

    def comment(text):
        services.plan_comment(plan=plan, author=request.user, text=text)
        messages.success(request, "Your comment is added.")

    return _note(request, plan, NoteForm, comment)


@login_required
@require_POST
def goal_check_in(request, goal_id):
    goal = access.get_goal_for_user(request.user, goal_id)
    form = CheckInForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
    else:
        services.goal_check_in(goal=goal, author=request.user, **form.cleaned_data)
        messages.success(request, "Your check-in is recorded.")
    return redirect("pipeline:plan_detail", goal.plan_id)


@login_required
@require_POST
def goal_close(request, goal_id):
    goal = access.get_goal_for_user(request.user, goal_id)
    form = CloseForm(request.POST)
    if goal.is_closed:
        messages.info(request, "This goal is already closed.")
    elif not form.is_valid():
        messages.error(request, form.errors["reflection"][0])
    else:
        services.goal_close(goal=goal, reflection=form.cleaned_data["reflection"])
        messages.success(request, "The goal is closed with your reflection.")
    return redirect("pipeline:plan_detail", goal.plan_id)
