"""Writing, reviewing and following a growth plan. Each function is atomic and queues its
emails through notices.notify in the same transaction."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from leadership.models import CoachAssignment, User
from notices.notify import notify
from pipeline.plans.models import Goal, GoalAction, GrowthPlan, PlanNote, PlanStatus


def _url(plan):
    return reverse("pipeline:plan_detail", args=[plan.pk])


def reviewers(plan):
    """Who reviews the plan: the author's coaches in its district and the invited sponsor."""
    coaches = CoachAssignment.objects.filter(
        district_id=plan.district_id, person_id=plan.author_id
    ).values("coach")
    people = list(User.objects.filter(pk__in=coaches, is_active=True).order_by("full_name"))
    if plan.sponsor_id and plan.sponsor not in people:
        people.append(plan.sponsor)
    return people


def _write_goals(plan, goals):
    """Replace the plan's goals with `goals` (form data), goal by goal in order: goal 1 stays
    goal 1 with its check-ins and its closing when its words change."""
    kept = list(plan.goals.order_by("order", "id"))
    for order, parts in enumerate(goals):
        goal = kept[order] if order < len(kept) else Goal(plan=plan)
        goal.attribute, goal.text = parts["attribute"], parts["text"].strip()
        goal.success = parts["success"].strip()
        goal.target_on, goal.order = parts["target_on"], order
        goal.save()
        goal.actions.all().delete()
        GoalAction.objects.bulk_create(
            GoalAction(goal=goal, **{link: parts[link]})
            for link in GoalAction.LINKS
            if parts.get(link) is not None
        )
    for goal in kept[len(goals) :]:
        goal.delete()


@transaction.atomic
def plan_save(*, author, district, year, plan=None, goals, **fields):
    """Create or change the author's plan for `year`. A reviewed plan that changes waits for
    a review again."""
    if plan is None:
        plan = GrowthPlan(author=author, district=district, year=year)
    for name, value in fields.items():
        setattr(plan, name, value)
    if plan.status == PlanStatus.REVIEWED:
        plan.status = PlanStatus.SUBMITTED
    plan.save()
    _write_goals(plan, goals)
    return plan


@transaction.atomic
def plan_submit(*, plan):
    """Ask for a review: the coaches and the sponsor are told once (per round of review)."""
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at = timezone.now()
    plan.save(update_fields=["status", "submitted_at", "updated_at"])
    notify(
        kind="plan.review_requested",
        obj=plan,
        recipients=reviewers(plan),
        subject=f"{plan.author} asks you to review their growth plan for {plan.year_label}",
        template="plan_review_requested",
        context={"plan": plan},
        period=plan.submitted_at.isoformat(),
        url=_url(plan),
    )
    return plan


@transaction.atomic
def plan_review(*, plan, reviewer, text):
    """The review: a note, the plan marked reviewed, the author told."""
    PlanNote.objects.create(plan=plan, author=reviewer, kind=PlanNote.Kind.REVIEW, text=text)
    plan.status = PlanStatus.REVIEWED
    plan.reviewed_at, plan.reviewed_by = timezone.now(), reviewer
    plan.save(update_fields=["status", "reviewed_at", "reviewed_by", "updated_at"])
    notify(
        kind="plan.reviewed",
        obj=plan,
        recipients=[plan.author],
        subject=f"{reviewer} reviewed your growth plan for {plan.year_label}",
        template="plan_reviewed",
        context={"plan": plan, "reviewer": reviewer, "review": text},
        period=plan.reviewed_at.isoformat(),
        url=_url(plan),
    )
    return plan


def plan_comment(*, plan, author, text):
    return PlanNote.objects.create(plan=plan, author=author, kind=PlanNote.Kind.COMMENT, text=text)


def goal_check_in(*, goal, author, progress, text):
    return PlanNote.objects.create(
        plan=goal.plan,
        goal=goal,
        author=author,
        kind=PlanNote.Kind.CHECK_IN,
        progress=progress,
        text=text,
    )


def goal_close(*, goal, reflection):
    goal.closed_at = timezone.now()
    goal.closing_reflection = reflection.strip()
    goal.save(update_fields=["closed_at", "closing_reflection"])
    return goal
