"""People: users, districts, schools, memberships, candidates and the audit log.

This is the base layer: it imports no other app's models.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone

from leadership import audit_words


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
    updated_at = models.DateTimeField(auto_now=True)

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
    updated_at = models.DateTimeField(auto_now=True)

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
    updated_at = models.DateTimeField(auto_now=True)

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
        indexes = [
            models.Index(fields=["district", "role", "is_active"]),
            # Each person once per school, read from the index alone: the pipeline's staff
            # and fair-reach counts per school (opportunities/reach.py).
            models.Index(
                fields=["district", "school", "user"],
                condition=Q(is_active=True, school__isnull=False),
                name="membership_staff_idx",
            ),
        ]

    def __str__(self):
        where = f" at {self.school}" if self.school_id else ""
        return f"{self.user} — {self.get_role_display()}{where}"


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


class MentorshipQuerySet(models.QuerySet):
    def current(self):
        """Pairs that have not ended."""
        return self.filter(ended_on__isnull=True)


class Mentorship(models.Model):
    """A mentor walking with a person for a while. While it lasts the mentor reads the
    reflections the person shares (portrait/access.py); pairs are made by pipeline/mentoring."""

    district = models.ForeignKey(District, on_delete=models.CASCADE)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentees"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentors"
    )
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "mentor", "person"],
                condition=Q(ended_on__isnull=True),
                name="mentorship_one_current_pair",
            ),
            models.CheckConstraint(
                condition=~Q(mentor=models.F("person")), name="mentorship_not_oneself"
            ),
        ]

    def __str__(self):
        return f"{self.mentor} mentors {self.person}"


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

    def action_words(self):
        return audit_words.action_words(self.action)

    def changes(self):
        """Before and after in sentences (leadership/audit_words.py)."""
        return audit_words.changes(self)
