"""Programs, cohorts, sessions, assignments and attendance; nomination windows, nominations
and their history. Built on leadership (people, schools) and portrait (attributes, prompts);
opportunities and pipeline build on it."""

from django.conf import settings
from django.db import models
from django.db.models import (
    BooleanField,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone
from django.utils.formats import date_format

from leadership import access
from leadership.models import District, Level, Membership, School
from portrait.models import Attribute, Reflection, ReflectionPrompt

# --- Programs and cohorts -------------------------------------------------------------


def _district_ids_of(user):
    return Membership.objects.filter(user=user, is_active=True).values("district")


class ProgramQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Programs of the districts the user belongs to."""
        return self.filter(district__in=_district_ids_of(user))


class Program(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="programs")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    target_level = models.CharField(max_length=20, choices=Level.choices, default=Level.SCHOOL)
    focus_attributes = models.ManyToManyField(Attribute, blank=True, related_name="programs")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="program_unique_name"),
        ]

    def __str__(self):
        return self.name


class CohortQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(program__district__in=_district_ids_of(user))


class Cohort(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    capacity = models.PositiveSmallIntegerField(default=20)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="facilitated_cohorts",
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="cohort_unique_name"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="cohort_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.program} — {self.name}"

    @property
    def district_id(self):
        return self.program.district_id


class EnrollmentQuerySet(models.QuerySet):
    def by_assignment(self):
        """One row per enrollment and assignment of its cohort: the enrollment, with
        `assignment_id`, `due_on`, `submitted_on` (the day the reflection that counts for the
        assignment was submitted, None while there is none) and `late` (submitted after
        `due_on`).

        The one definition of "done" (cohort page, home, reminders, the pipeline's
        completion): a reflection counts for an assignment when it is the person's, on the
        assignment's prompt, submitted, and submitted in the assignment's window — on or
        after the day the person was enrolled and the day the cohort started. Submitted
        after the due date it still counts, as late. A reflection from before (another
        program, a year ago, on one's own) does not: the assignment asks for a new one.

        An assignment that follows a session is only for the people marked present at it,
        and its window opens on the session's day.
        """
        present = Attendance.objects.filter(
            session_id=OuterRef("assignment_session_id"),
            enrollment_id=OuterRef("pk"),
            status=Attendance.Status.PRESENT,
        )
        counted = (
            Reflection.objects.submitted()
            .annotate(submitted_on=TruncDate("submitted_at"))
            .filter(
                author_id=OuterRef("person_id"),
                prompt_id=OuterRef("prompt_id"),
                submitted_on__gte=OuterRef("opens_on"),
            )
            .order_by("submitted_at")
            .values("submitted_on")[:1]
        )
        return (
            self.annotate(
                assignment_id=F("cohort__assignments__id"),
                prompt_id=F("cohort__assignments__prompt_id"),
                due_on=F("cohort__assignments__due_on"),
                assignment_session_id=F("cohort__assignments__session_id"),
                opens_on=Greatest(
                    "enrolled_on",
                    "cohort__starts_on",
                    # Greatest is NULL on SQLite when any part is: a cohort-wide assignment
                    # opens with the cohort.
                    Coalesce(
                        TruncDate("cohort__assignments__session__starts_at"), "cohort__starts_on"
                    ),
                ),
            )
            .filter(assignment_id__isnull=False)
            .filter(Q(assignment_session_id__isnull=True) | Exists(present))
            .annotate(submitted_on=Subquery(counted, output_field=DateField()))
            .annotate(late=ExpressionWrapper(Q(submitted_on__gt=F("due_on")), BooleanField()))
        )


class Enrollment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        COMPLETED = "completed", "Completed"
        WITHDRAWN = "withdrawn", "Withdrawn"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="enrollments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    enrolled_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    nomination = models.OneToOneField(
        "Nomination", on_delete=models.SET_NULL, null=True, blank=True, related_name="enrollment"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnrollmentQuerySet.as_manager()

    class Meta:
        ordering = ["person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "person"], name="enrollment_unique_person"),
        ]
        indexes = [models.Index(fields=["person", "status"])]

    def __str__(self):
        return f"{self.person} in {self.cohort}"


class SessionQuerySet(models.QuerySet):
    def scheduled(self):
        """Sessions still taking place (not cancelled)."""
        return self.filter(status=Session.Status.SCHEDULED)


class Session(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(
        max_length=300, blank=True, help_text="A room, an address or a video-call link."
    )
    description = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_note = models.TextField(blank=True, help_text="Why it was cancelled, if anybody said.")
    # Earned by everybody marked present (their transcript, programs/transcripts.py).
    credit_hours = models.DecimalField(
        max_digits=4, decimal_places=2, default=0, help_text="Credit hours earned by attending."
    )
    # Taking attendance assigns it to everybody present, due a week later
    # (services.attendance_record): the learning turns into a reflection.
    prompt = models.ForeignKey(
        ReflectionPrompt,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sessions",
        help_text="Those present reflect on it afterwards.",
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(credit_hours__gte=0, credit_hours__lte=24),
                name="session_credit_hours_in_a_day",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def district_id(self):
        return self.cohort.program.district_id

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", "Present"
        EXCUSED = "excused", "Excused"
        ABSENT = "absent", "Absent"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(max_length=20, choices=Status.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrollment"], name="attendance_unique_enrollment"
            ),
        ]

    def __str__(self):
        return f"{self.enrollment.person}: {self.get_status_display()}"


class Assignment(models.Model):
    """A reflection prompt the cohort answers by a date; one that follows a session
    (`session`) is for the people marked present at it.

    Which reflection counts toward it, on time or late: Enrollment.objects.by_assignment().
    """

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="assignments")
    prompt = models.ForeignKey(
        ReflectionPrompt, on_delete=models.PROTECT, related_name="assignments"
    )
    due_on = models.DateField()
    note = models.TextField(blank=True, help_text="Anything the cohort should know.")
    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="follow_up"
    )

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "prompt"],
                condition=Q(session__isnull=True),
                name="assignment_unique_prompt",
            ),
        ]

    def __str__(self):
        return f"{self.prompt} (due {date_format(self.due_on)})"

    @property
    def district_id(self):
        return self.cohort.program.district_id


# --- Nominations ----------------------------------------------------------------------


class NominationWindow(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="windows")
    opens_on = models.DateField()
    closes_on = models.DateField()

    class Meta:
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="window_closes_after_open"
            ),
        ]

    def __str__(self):
        return f"{self.program}: {date_format(self.opens_on)} – {date_format(self.closes_on)}"

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    @property
    def district_id(self):
        return self.program.district_id


class NominationStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for the nominee"
    AWAITING_ENDORSEMENT = "awaiting_endorsement", "Waiting for the principal"
    ENDORSED = "endorsed", "Endorsed by the principal"
    NOT_ENDORSED = "not_endorsed", "Not endorsed"
    ACCEPTED = "accepted", "Accepted by the nominee"
    NOMINEE_DECLINED = "nominee_declined", "Declined by the nominee"
    APPROVED = "approved", "Approved"
    WAITLISTED = "waitlisted", "Waitlisted"
    DECLINED = "declined", "Declined by the district"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_STATUSES = [
    NominationStatus.SUBMITTED,
    NominationStatus.AWAITING_ENDORSEMENT,
    NominationStatus.ENDORSED,
    NominationStatus.ACCEPTED,
    NominationStatus.WAITLISTED,
]
# Waiting for a district decision.
DECIDABLE_STATUSES = [
    NominationStatus.ENDORSED,
    NominationStatus.ACCEPTED,
    NominationStatus.WAITLISTED,
]


class NominationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Admins: their districts'; principals: their schools'; everybody: their own.

        Someone who is a district admin wherever they are a member sees all of their
        districts' nominations, their school's and their own included: a plain filter on
        the district (instead of the OR below) lets PostgreSQL walk the
        (district, created_at) index and stop after one page of the review queue.
        """
        admin_ids = access.admin_district_ids(user)
        if admin_ids and access.district_ids(user) <= admin_ids:
            return self.filter(district_id__in=admin_ids)
        # Lists of ids from the memberships the request has read, not subqueries: with
        # literal ids PostgreSQL reads each branch from its index (a teacher's own
        # nominations) instead of testing every nomination of the district against an OR.
        return self.filter(
            Q(district_id__in=admin_ids)
            | Q(school_id__in=access.principal_school_ids(user))
            | Q(nominee=user)
            | Q(nominated_by=user)
        )

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def with_evidence(self):
        """Each nomination's evidence and its attribute, in one more query (evidence_shown)."""
        return self.prefetch_related(evidence_prefetch())


def evidence_prefetch():
    return Prefetch("evidence", queryset=NominationEvidence.objects.select_related("attribute"))


class Nomination(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="nominations")
    window = models.ForeignKey(
        NominationWindow, on_delete=models.PROTECT, related_name="nominations"
    )
    nominee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nominations"
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="+", help_text="The nominee's school."
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="nominations_made"
    )
    is_self_nomination = models.BooleanField(default=False)
    attributes = models.ManyToManyField(Attribute, related_name="nominations")
    # The overall note beside the evidence (NominationEvidence: what was seen, per attribute).
    # Before evidence was kept per attribute this was the whole of it; migration 0006 moved
    # those texts into evidence.
    rationale = models.TextField(blank=True)
    status = models.CharField(
        max_length=30, choices=NominationStatus.choices, default=NominationStatus.SUBMITTED
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # A status's nominations, oldest first (what waits longest, on the home page).
            models.Index(
                fields=["district", "status", "created_at"], name="nomination_status_age_idx"
            ),
            models.Index(fields=["program", "nominee", "status"]),
            # The queue: a district's nominations, newest first, one page at a time.
            models.Index(fields=["district", "-created_at", "-id"], name="nomination_queue_idx"),
        ]

    def __str__(self):
        return f"{self.nominee} for {self.program}"

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES

    def evidence_shown(self):
        """The evidence as it reads: (attribute names, evidence) pairs in the order written.
        Attributes given the same words and no link or file (a nomination from before
        evidence was per attribute) share one entry instead of repeating the text."""
        prefetched = "evidence" in getattr(self, "_prefetched_objects_cache", {})
        items = self.evidence.all() if prefetched else self.evidence.select_related("attribute")
        shown = []
        for item in items:
            plain = not item.link and not item.file
            last = shown[-1] if shown else None
            if plain and last and last[1].seen == item.seen and not (last[1].link or last[1].file):
                last[0].append(item.attribute.name)
            else:
                shown.append(([item.attribute.name], item))
        return shown


def nomination_evidence_upload_to(instance, filename):
    nomination = instance.nomination
    return (
        f"nomination-evidence/{nomination.district_id}/{nomination.pk}/"
        f"{timezone.now():%Y%m}/{filename}"
    )


class NominationEvidence(models.Model):
    """What the nominator saw of one attribute they named, with an optional link or file.

    A file is checked by what it contains (portrait.uploads.check_evidence) and is only
    ever served by programs:nomination_evidence, to the people who may read the nomination.
    """

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="evidence")
    attribute = models.ForeignKey(Attribute, on_delete=models.PROTECT, related_name="+")
    seen = models.TextField(help_text="What the nominator saw the nominee do.")
    link = models.URLField(max_length=500, blank=True)
    file = models.FileField(upload_to=nomination_evidence_upload_to, max_length=255, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["nomination", "attribute"], name="nomination_evidence_one_per_attribute"
            ),
            models.CheckConstraint(condition=~Q(seen=""), name="nomination_evidence_has_text"),
        ]

    def __str__(self):
        return f"{self.attribute} in {self.nomination}"

    @property
    def file_name(self):
        return self.file.name.rsplit("/", 1)[-1]


class NominationEvent(models.Model):
    """One move of a nomination: from, to, who, when, and the note."""

    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=30, choices=NominationStatus.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=NominationStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.from_status or 'new'} → {self.to_status}"
