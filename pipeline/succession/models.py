"""Positions, role history, slates and placements. pipeline/models.py imports this module, so
the models belong to the `pipeline` app and its migrations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from leadership.models import District, Level, School
from pipeline.models import Candidate

# The kinds every district starts with: (key, name, level, aims that match). A district
# renames, adds and archives its own; the key ties a built-in kind to roster roles.
DEFAULT_KINDS = [
    ("principal", "Principal", Level.SCHOOL, "principal, head of school"),
    (
        "assistant_principal",
        "Assistant principal",
        Level.SCHOOL,
        "assistant principal, vice principal, AP",
    ),
    ("dean", "Dean", Level.SCHOOL, "dean, dean of students"),
    ("instructional_coach", "Instructional coach", Level.SCHOOL, "instructional coach, coach"),
    (
        "chair",
        "Department or grade-level chair",
        Level.CLASSROOM,
        "department chair, grade-level chair, team lead",
    ),
    ("district_director", "District director", Level.DISTRICT, "district director, director"),
    (
        "cabinet",
        "Superintendent's cabinet",
        Level.DISTRICT,
        "superintendent's cabinet, cabinet, assistant superintendent, chief",
    ),
]


OFFICE = "District office"


def position_label(title, kind_name, school_name):
    """How a position is named: its title, or its kind and where ("Principal, Oak School")."""
    return title or f"{kind_name}, {school_name or OFFICE}"


def known_end(departure_on, term_ends_on, retirement_eligible_on, is_interim, today):
    """(date, reason) of the earliest known end of a holder's term, or (None, "")."""
    found = [
        (day, reason)
        for day, reason in (
            (departure_on, "announced departure"),
            (term_ends_on, "interim ends" if is_interim else "fixed term ends"),
            (retirement_eligible_on, "eligible to retire"),
        )
        if day is not None
    ]
    if not found and is_interim:
        return today, "interim holder, no end date"
    return min(found) if found else (None, "")


def aim_words(text):
    """The aims a comma-separated text names, compared without case or extra spaces."""
    return {" ".join(part.split()).casefold() for part in text.split(",") if part.strip()}


class PositionKind(models.Model):
    """One kind of leadership position in a district (principal, dean, ...)."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=40, blank=True, help_text="Set for the built-in kinds.")
    name = models.CharField(max_length=120)
    level = models.CharField(
        max_length=20,
        choices=Level.choices,
        default=Level.SCHOOL,
        help_text="The level a position of this kind leads at, unless the position says other.",
    )
    aims = models.CharField(
        max_length=300,
        blank=True,
        help_text=(
            "The target roles, comma separated, of the people suggested for this kind "
            "(for example “assistant principal, vice principal”). Its name always counts."
        ),
    )
    order = models.PositiveSmallIntegerField(default=0)
    is_archived = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="position_kind_unique_name"),
            models.UniqueConstraint(
                fields=["district", "key"], condition=~Q(key=""), name="position_kind_unique_key"
            ),
        ]

    def __str__(self):
        return self.name

    def aim_words(self):
        return aim_words(f"{self.name},{self.aims}")


class Position(models.Model):
    """A leadership position: its kind, its school (none: the district office) and level."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    kind = models.ForeignKey(PositionKind, on_delete=models.PROTECT, related_name="positions")
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leave empty for a position at the district office.",
    )
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.SCHOOL)
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text="Optional, for example “Assistant principal for grades 6–8”.",
    )
    sourced_id = models.CharField(max_length=255, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind__order", "school__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "sourced_id"],
                condition=~Q(sourced_id=""),
                name="position_unique_sourced_id",
            ),
        ]
        indexes = [
            models.Index(fields=["district", "kind", "level"]),
            models.Index(fields=["district", "school"]),
        ]

    def __str__(self):
        return position_label(self.title, self.kind.name, self.where)

    @property
    def where(self):
        return self.school.name if self.school_id else OFFICE


class RoleTerm(models.Model):
    """One person holding one position from a date, and (once it ended) to a date: both are
    days in the position (a OneRoster role's beginDate and endDate).

    What is known about the end ahead lives here: an announced departure, retirement
    eligibility, a fixed term, an interim holder. An ended term is kept: it is the district's
    turnover history, from which expected openings are projected."""

    class Source(models.TextChoices):
        ENTERED = "entered", "Entered by hand"
        ROSTER = "roster", "Roster import"
        PLACEMENT = "placement", "Placed from a slate"

    class EndReason(models.TextChoices):
        LEFT = "left", "Left the position"
        RETIRED = "retired", "Retired"
        TERM_ENDED = "term_ended", "The term ended"
        REPLACED = "replaced", "Replaced"
        MOVED = "moved", "Moved to another position"
        ROSTER = "roster", "Ended in the roster"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="terms")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_terms"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    is_interim = models.BooleanField(
        default=False, help_text="Holding the position until a permanent holder is found."
    )
    departure_on = models.DateField(
        null=True, blank=True, help_text="An announced departure: the last day in the position."
    )
    retirement_eligible_on = models.DateField(
        null=True, blank=True, help_text="The date the holder becomes eligible to retire."
    )
    term_ends_on = models.DateField(
        null=True, blank=True, help_text="For a fixed term or an interim: the day it ends."
    )
    note = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.ENTERED)
    sourced_id = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="role_term_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["district", "sourced_id"],
                condition=~Q(sourced_id=""),
                name="role_term_unique_sourced_id",
            ),
        ]
        indexes = [
            models.Index(fields=["position", "ended_on"]),
            models.Index(fields=["district", "ended_on"]),
        ]

    def __str__(self):
        return f"{self.person} as {self.position}"

    def is_current(self, today=None):
        today = today or timezone.localdate()
        return self.started_on <= today and (self.ended_on is None or self.ended_on >= today)

    def known_end(self):
        """(date, reason) of the earliest known end of this term, or (None, "")."""
        return known_end(
            self.departure_on,
            self.term_ends_on,
            self.retirement_eligible_on,
            self.is_interim,
            timezone.localdate(),
        )


class SlateReadiness(models.TextChoices):
    READY_NOW = "ready_now", "Ready now"
    READY_LATER = "ready_later", "Ready in 1–2 years"
    EMERGENCY = "emergency", "Emergency or interim cover"


class Slate(models.Model):
    """A ranked list of successors, for one position or for the expected openings of a kind
    at a level. A filled slate is kept for history; a position then gets a new one."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    position = models.ForeignKey(
        Position, on_delete=models.CASCADE, null=True, blank=True, related_name="slates"
    )
    kind = models.ForeignKey(
        PositionKind, on_delete=models.PROTECT, null=True, blank=True, related_name="slates"
    )
    level = models.CharField(max_length=20, choices=Level.choices, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filled_at = models.DateTimeField(null=True, blank=True)
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Moved on also when an entry is added, changed or removed (api/stamps.py).
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(position__isnull=False) & Q(kind__isnull=True))
                | (Q(position__isnull=True) & Q(kind__isnull=False) & ~Q(level="")),
                name="slate_for_position_or_kind",
            ),
            models.UniqueConstraint(
                fields=["position"],
                condition=Q(filled_at__isnull=True, position__isnull=False),
                name="slate_one_open_per_position",
            ),
            models.UniqueConstraint(
                fields=["district", "kind", "level"],
                condition=Q(filled_at__isnull=True, kind__isnull=False),
                name="slate_one_open_per_kind_level",
            ),
        ]

    def __str__(self):
        if self.position_id:
            return f"Slate for {self.position}"
        return f"Slate for expected openings: {self.kind}, {self.get_level_display().lower()}"


class SlateEntry(models.Model):
    """One person on a slate: their rank, readiness for this position and the reasons."""

    slate = models.ForeignKey(Slate, on_delete=models.CASCADE, related_name="entries")
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="slate_entries")
    rank = models.PositiveSmallIntegerField()
    readiness = models.CharField(max_length=20, choices=SlateReadiness.choices)
    reasons = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["rank", "id"]
        verbose_name_plural = "slate entries"
        constraints = [
            models.UniqueConstraint(fields=["slate", "candidate"], name="slate_entry_once"),
        ]
        indexes = [models.Index(fields=["candidate"])]

    def __str__(self):
        return f"{self.rank}. {self.candidate}"


class Placement(models.Model):
    """A position filled from its slate: the person, the day they start, who decided."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="placements")
    slate = models.ForeignKey(
        Slate, on_delete=models.SET_NULL, null=True, blank=True, related_name="placements"
    )
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="placements")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="placements"
    )
    starts_on = models.DateField()
    term = models.OneToOneField(RoleTerm, on_delete=models.CASCADE, related_name="placement")
    note = models.CharField(max_length=300, blank=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    placed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-placed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "person", "starts_on"], name="placement_one_per_person_day"
            ),
        ]

    def __str__(self):
        return f"{self.person} placed as {self.position} from {self.starts_on}"


class SuccessionSetting(models.Model):
    """A district's choices about who sees its succession planning."""

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="+")
    supervisors_see_succession = models.BooleanField(
        default=False,
        help_text=(
            "Principal supervisors see the positions, openings and slates of the schools "
            "they supervise (read only). Off: only district administrators see them."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Succession settings of {self.district}"


class SchoolSupervisor(models.Model):
    """A principal supervisor and one school they supervise."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervised_schools"
    )
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["school__name"]
        constraints = [
            models.UniqueConstraint(fields=["supervisor", "school"], name="school_supervisor_once"),
        ]

    def __str__(self):
        return f"{self.supervisor} supervises {self.school}"
