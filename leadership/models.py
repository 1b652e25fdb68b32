"""People: users, districts, schools, memberships, candidates and the audit log.

This is the base layer: it imports no other app's models.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Role(models.TextChoices):
    DISTRICT_ADMIN = "district_admin", "District administrator"
    PRINCIPAL = "principal", "Principal"
    TEACHER = "teacher", "Teacher"
    COACH = "coach", "Coach"


class Level(models.TextChoices):
    CLASSROOM = "classroom", "Classroom"
    SCHOOL = "school", "School"
    DISTRICT = "district", "District"


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **fields):
        fields.setdefault("is_staff", False)
        fields.setdefault("is_superuser", False)
        return self._create(email, password, **fields)

    def create_superuser(self, email, password=None, **fields):
        fields["is_staff"] = True
        fields["is_superuser"] = True
        return self._create(email, password, **fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in with their email address."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May sign in to /admin/.")
    date_joined = models.DateTimeField(default=timezone.now)
    reminder_emails = models.BooleanField(
        default=True,
        help_text="Send me reminder emails. Emails about my nominations always go.",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class District(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    sourced_id = models.CharField(max_length=255, blank=True)
    reminder_days = models.PositiveSmallIntegerField(
        default=3, help_text="Remind people of assignments due within this many days."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class SchoolQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(
            district__in=District.objects.filter(membership__user=user, membership__is_active=True)
        )


class School(models.Model):
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="schools")
    name = models.CharField(max_length=200)
    sourced_id = models.CharField(max_length=255, blank=True)
    is_active = models.BooleanField(default=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="school_unique_name"),
            models.UniqueConstraint(
                fields=["district", "sourced_id"],
                condition=~Q(sourced_id=""),
                name="school_unique_sourced_id",
            ),
        ]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def visible_to(self, user):
        """Memberships in the districts where `user` holds an active membership."""
        return self.filter(
            district__in=Membership.objects.filter(user=user, is_active=True).values("district")
        )

    def districts_led_by(self, user):
        """Subquery: the districts `user` is an active district admin of."""
        return self.filter(user=user, is_active=True, role=Role.DISTRICT_ADMIN).values("district")

    def schools_led_by(self, user):
        """Subquery: the schools `user` is the active principal of."""
        return self.filter(user=user, is_active=True, role=Role.PRINCIPAL).values("school")


class Membership(models.Model):
    """A person's place in a district: role, school, level and job title."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    district = models.ForeignKey(District, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, choices=Role.choices)
    school = models.ForeignKey(School, on_delete=models.PROTECT, null=True, blank=True)
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.CLASSROOM)
    job_title = models.CharField(max_length=150, blank=True)
    sourced_id = models.CharField(max_length=255, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["district__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "district", "role", "school"],
                condition=Q(school__isnull=False),
                name="membership_unique_role_school",
            ),
            models.UniqueConstraint(
                fields=["user", "district", "role"],
                condition=Q(school__isnull=True),
                name="membership_unique_role_no_school",
            ),
            models.CheckConstraint(
                condition=~Q(role="principal") | Q(school__isnull=False),
                name="membership_principal_has_school",
            ),
        ]
        indexes = [models.Index(fields=["district", "role", "is_active"])]

    def __str__(self):
        where = f" at {self.school}" if self.school_id else ""
        return f"{self.user} — {self.get_role_display()}{where}"


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
        """District admins see their districts' candidates; principals their school's."""
        admin_districts = Membership.objects.districts_led_by(user)
        principal_schools = Membership.objects.schools_led_by(user)
        return self.filter(Q(district__in=admin_districts) | Q(school__in=principal_schools))


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
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.get_field_display()}: {self.old_value} → {self.new_value}"


class CoachAssignment(models.Model):
    """A coach assigned to read and give feedback on a person's reflections."""

    district = models.ForeignKey(District, on_delete=models.CASCADE)
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coachees"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaches"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["district", "coach", "person"], name="coach_assignment_unique"
            ),
        ]

    def __str__(self):
        return f"{self.coach} coaches {self.person}"


class AuditEvent(models.Model):
    """An append-only record of a consequential change: who, when, what, before and after."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="audit_events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64, blank=True)
    summary = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["district", "-at"])]

    def __str__(self):
        return self.summary

    def save(self, *args, **kwargs):
        if self.pk:
            raise ValueError("Audit events are never edited.")
        super().save(*args, **kwargs)


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
    full_sync = models.BooleanField(
        default=True, help_text="Deactivate people and schools missing from the file."
    )
    skip_bad_rows = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PREVIEWED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict, blank=True)
    errors = models.JSONField(default=list, blank=True)
    message = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
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
