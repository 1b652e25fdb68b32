"""Growth plans: where a person is going this school year and how they will get there.
pipeline/models.py imports this module, so the models belong to the `pipeline` app.

A plan aims at a kind of position or a level, and has one to three goals, each tied to an
attribute of the framework, with a target date in the school year, how success will show,
and actions linked to what Deep Bench already has (a prompt, an opportunity, a program, a
session, a resource). Reviews, comments and check-ins are notes on the plan.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from leadership import school_year
from leadership.models import District, Level
from opportunities.models import Opportunity
from pipeline.succession.models import PositionKind
from portrait.models import Attribute, ReflectionPrompt, Resource
from programs.models import Program, Session

MAX_GOALS = 3


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Waiting for review"
    REVIEWED = "reviewed", "Reviewed"


class GrowthPlan(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="growth_plans"
    )
    year = models.PositiveSmallIntegerField(
        help_text="The school year, by the calendar year it starts in."
    )
    target_kind = models.ForeignKey(
        PositionKind, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    target_level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    # Follows the reflection rules (portrait.access.author_readers): the coach and the
    # district's admins read it; the principal and mentors only when shared.
    shared_with_principal = models.BooleanField(default=False)
    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sponsored_plans",
        help_text="Somebody the author invited to review the plan.",
    )
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "author__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "author", "year"], name="growth_plan_one_a_year"
            ),
            models.CheckConstraint(
                condition=~Q(sponsor=models.F("author")), name="growth_plan_sponsor_not_author"
            ),
        ]
        indexes = [models.Index(fields=["district", "year", "status"])]

    def __str__(self):
        return f"{self.author}'s growth plan {self.year_label}"

    @property
    def year_label(self):
        return school_year.label(self.year)

    @property
    def target(self):
        """What the plan aims at, in words ("Principal", "the school level"), or ""."""
        if self.target_kind_id:
            return self.target_kind.name
        return f"the {self.get_target_level_display().lower()} level" if self.target_level else ""


class Goal(models.Model):
    plan = models.ForeignKey(GrowthPlan, on_delete=models.CASCADE, related_name="goals")
    attribute = models.ForeignKey(Attribute, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(help_text="What the person will grow in.")
    success = models.TextField(help_text="How success will show.")
    target_on = models.DateField()
    order = models.PositiveSmallIntegerField(default=0)
    closed_at = models.DateTimeField(null=True, blank=True)
    closing_reflection = models.TextField(blank=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | ~Q(closing_reflection=""),
                name="goal_closes_with_a_reflection",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_closed(self):
        return self.closed_at is not None


class GoalAction(models.Model):
    """A step toward a goal, linked to one thing Deep Bench has."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    prompt = models.ForeignKey(
        ReflectionPrompt, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    LINKS = ("prompt", "opportunity", "program", "session", "resource")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(prompt__isnull=False)
                | Q(opportunity__isnull=False)
                | Q(program__isnull=False)
                | Q(session__isnull=False)
                | Q(resource__isnull=False),
                name="goal_action_links_something",
            ),
        ]

    def __str__(self):
        return str(self.linked)

    @property
    def kind(self):
        return next(name for name in self.LINKS if getattr(self, f"{name}_id"))

    @property
    def linked(self):
        return getattr(self, self.kind)


class PlanNote(models.Model):
    """A review, a comment or a check-in on a plan (a check-in is about one goal)."""

    class Kind(models.TextChoices):
        REVIEW = "review", "Review"
        COMMENT = "comment", "Comment"
        CHECK_IN = "check_in", "Check-in"

    class Progress(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        BEHIND = "behind", "Behind"
        DONE = "done", "Done"

    plan = models.ForeignKey(GrowthPlan, on_delete=models.CASCADE, related_name="notes")
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="check_ins"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    progress = models.CharField(max_length=20, choices=Progress.choices, blank=True)
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} by {self.author}"
