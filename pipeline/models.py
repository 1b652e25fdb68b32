"""The pipeline: candidates and their stage history, self-described demographics and roster
imports. Tables keep the names they had in `leadership` (see migrations/0001_initial.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from leadership import access
from leadership.models import District, Level, School


class Stage(models.TextChoices):
    IDENTIFIED = "identified", "Identified"
    NOMINATED = "nominated", "Nominated"
    IN_DEVELOPMENT = "in_development", "In development"
    READY_LATER = "ready_later", "Ready later"
    READY_NOW = "ready_now", "Ready now"
    PLACED = "placed", "Placed"
    EXITED = "exited", "Exited"


class Readiness(models.TextChoices):
    NOT_ASSESSED = "not_assessed", "Not assessed"
    NOT_YET = "not_yet", "Not yet ready"
    READY_LATER = "ready_later", "Ready in 1–2 years"
    READY_NOW = "ready_now", "Ready now"


class CandidateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """District admins see their districts' candidates; principals their school's.

        Read as lists of ids from the memberships the request has read (leadership/access.py),
        not as subqueries, so PostgreSQL can read either branch from its index."""
        return self.filter(
            Q(district_id__in=access.admin_district_ids(user))
            | Q(school_id__in=access.principal_school_ids(user))
        )


class Candidate(models.Model):
    """A person in the district's leadership pipeline."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="candidates")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidacies"
    )
    school = models.ForeignKey(School, on_delete=models.SET_NULL, null=True, blank=True)
    current_level = models.CharField(max_length=20, choices=Level.choices, default=Level.CLASSROOM)
    target_level = models.CharField(max_length=20, choices=Level.choices, default=Level.SCHOOL)
    target_role = models.CharField(max_length=150, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.IDENTIFIED)
    readiness = models.CharField(
        max_length=20, choices=Readiness.choices, default=Readiness.NOT_ASSESSED
    )
    readiness_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    readiness_set_at = models.DateTimeField(null=True, blank=True)
    sponsor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sponsored_candidates",
        help_text="Sponsor or mentor.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CandidateQuerySet.as_manager()

    class Meta:
        db_table = "leadership_candidate"
        ordering = ["user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "user"], name="candidate_unique_person"),
        ]
        indexes = [
            models.Index(fields=["district", "stage"]),
            models.Index(fields=["district", "readiness"]),
        ]

    def __str__(self):
        return str(self.user)


class CandidateChange(models.Model):
    """One change of a candidate's stage or readiness: who, when, why."""

    class Field(models.TextChoices):
        STAGE = "stage", "Stage"
        READINESS = "readiness", "Readiness"

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="changes")
    field = models.CharField(max_length=20, choices=Field.choices)
    old_value = models.CharField(max_length=20, blank=True)
    new_value = models.CharField(max_length=20)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "leadership_candidatechange"
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.get_field_display()}: {self.old_value} → {self.new_value}"


class Demographics(models.Model):
    """What a person chose to share about themselves; only ever counted, never listed.

    Every question is optional: empty means "not answered", and each has "prefer not to say".
    """

    class Gender(models.TextChoices):
        WOMAN = "woman", "Woman"
        MAN = "man", "Man"
        NONBINARY = "nonbinary", "Non-binary"
        ANOTHER = "another", "Another gender"
        PREFER_NOT = "prefer_not", "Prefer not to say"

    class RaceEthnicity(models.TextChoices):
        AMERICAN_INDIAN = "american_indian", "American Indian or Alaska Native"
        ASIAN = "asian", "Asian"
        BLACK = "black", "Black or African American"
        HISPANIC = "hispanic", "Hispanic or Latino"
        PACIFIC_ISLANDER = "pacific_islander", "Native Hawaiian or Pacific Islander"
        WHITE = "white", "White"
        MULTIPLE = "multiple", "Two or more races"
        ANOTHER = "another", "Another race or ethnicity"
        PREFER_NOT = "prefer_not", "Prefer not to say"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="demographics"
    )
    gender = models.CharField(max_length=20, choices=Gender.choices, blank=True)
    race_ethnicity = models.CharField(max_length=20, choices=RaceEthnicity.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "leadership_demographics"
        verbose_name_plural = "demographics"

    def __str__(self):
        return f"Demographics shared by {self.user}"


class ImportRun(models.Model):
    """One roster file: its preview, then (when applied) its progress and outcome."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Previewed"
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    class Format(models.TextChoices):
        ONEROSTER = "oneroster", "OneRoster CSV bundle"
        SIMPLE = "simple", "Deep Bench CSV template"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    file_name = models.CharField(max_length=255)
    file_sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    format = models.CharField(max_length=20, choices=Format.choices)
    version = models.CharField(max_length=10, blank=True)
    # A full sync is always chosen, never assumed: uploading a few new hires must not
    # deactivate everybody else.
    full_sync = models.BooleanField(
        default=False, help_text="Deactivate people and schools missing from the file."
    )
    skip_bad_rows = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREVIEWED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    # Who a full sync deactivates, as the preview found them: {"people": [{"sourced_id",
    # "name", "email"}], "schools": [{"sourced_id", "name"}]}. An import that would
    # deactivate anybody else when applied fails and changes nothing.
    deactivating = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "leadership_importrun"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def percent(self):
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def deactivation_counts(self):
        """How many people and schools applying this import deactivates, as previewed."""
        return {
            kind: (self.summary.get(kind) or {}).get("deactivated", 0)
            for kind in ("people", "schools")
        }

    @property
    def deactivation_summary(self):
        """Who applying deactivates, in words ("3 people and 1 school"); "" for nobody."""
        counts = self.deactivation_counts
        parts = [
            f"{counts['people']} {'person' if counts['people'] == 1 else 'people'}",
            f"{counts['schools']} school{'' if counts['schools'] == 1 else 's'}",
        ]
        return " and ".join(part for part in parts if not part.startswith("0 "))


# Succession (issue 15) keeps its models in pipeline/succession/models.py, growth plans and
# mentoring (issue 19) in pipeline/plans/ and pipeline/mentoring/, the growth figure's kept
# ratings in pipeline/rating_spans.py, the nominations and ready candidates kept per school
# in pipeline/kept_nominations.py and pipeline/kept_bench.py; importing them here makes them
# this app's models.
from pipeline.kept_bench import BenchTally  # noqa: E402, F401
from pipeline.kept_nominations import NominationTally, NomineeMark  # noqa: E402, F401
from pipeline.mentoring.models import MentorOffer  # noqa: E402, F401
from pipeline.plans.models import Goal, GoalAction, GrowthPlan, PlanNote  # noqa: E402, F401
from pipeline.rating_spans import RatingSpan  # noqa: E402, F401
from pipeline.succession.models import (  # noqa: E402, F401
    Placement,
    Position,
    PositionKind,
    RoleTerm,
    SchoolSupervisor,
    Slate,
    SlateEntry,
    SuccessionSetting,
)
