"""Who may read, write and review a growth plan: the only way from a request's id to a plan.

A plan follows the reflection rules (portrait.access.author_readers): a draft is its
author's alone; once handed in for review it is read by the author's coaches and the
district's admins, by the principal of the author's school and the author's mentors when
the author shares it, and by the sponsor the author invited. The author writes it; the
author's coaches and the sponsor review and comment.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import Http404

from leadership import access as people
from leadership.models import CoachAssignment
from pipeline.plans.models import Goal, GrowthPlan, PlanStatus
from portrait.access import author_readers


def own_district(user):
    """The district one's own plan and mentoring offer belong to: the user's first; 403 for
    somebody in no district."""
    district = people.primary_district(user)
    if district is None:
        raise PermissionDenied
    return district


def readable_plans(user, queryset=None):
    """Narrow `queryset` (every plan) to those `user` may read."""
    queryset = GrowthPlan.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    own, others = author_readers(user)
    handed_in = ~Q(status=PlanStatus.DRAFT)
    return queryset.filter(own | (handed_in & (others | Q(sponsor=user))))


def _coaches(user):
    return Exists(
        CoachAssignment.objects.filter(
            coach=user, person=OuterRef("author"), district=OuterRef("district")
        )
    )


def reviewing(user):
    """Plans handed in that `user` reviews: as the author's coach or the invited sponsor."""
    return (
        GrowthPlan.objects.exclude(status=PlanStatus.DRAFT)
        .filter(Q(sponsor=user) | _coaches(user))
        .exclude(author=user)
    )


def may_review(user, plan):
    return plan.author_id != user.pk and (
        plan.sponsor_id == user.pk or reviewing(user).filter(pk=plan.pk).exists()
    )


def get_plan_for_user(user, plan_id, *, act=None):
    """A plan `user` may read (404 otherwise). `act`: "write" needs its author, "review" its
    author's coach or sponsor (and a plan handed in); anybody else 403."""
    plan = (
        readable_plans(user)
        .filter(pk=plan_id)
        .select_related("author", "district", "target_kind", "sponsor", "reviewed_by")
        .first()
    )
    if plan is None:
        raise Http404("No such growth plan.")
    if act == "write" and plan.author_id != user.pk:
        raise PermissionDenied
    if act == "review" and not may_review(user, plan):
        raise PermissionDenied
    return plan


def get_goal_for_user(user, goal_id):
    """A goal of a plan `user` may read (404), which only the plan's author changes (403)."""
    goal = Goal.objects.filter(pk=goal_id, plan__in=readable_plans(user)).select_related(
        "plan", "attribute"
    )
    goal = goal.first()
    if goal is None:
        raise Http404("No such goal.")
    if goal.plan.author_id != user.pk:
        raise PermissionDenied
    return goal
