"""Leadership opportunities: openings to lead, applications, selections, experience.

Builds on leadership.models and portrait.models.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from leadership import access
from leadership.models import District, Level, Membership, School
from portrait.models import Attribute, Reflection

DEFAULT_KINDS = [
    "Visioning team",
    "Strategic-planning working group",
    "Community partnership",
    "Curriculum-review committee",
    "Grade-level or content team lead",
    "Mentoring a new teacher",
    "School improvement project",
]


def _member_districts(user):
    return Membership.objects.filter(user=user, is_active=True).values("district")


class OpportunityKindQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(district__in=_member_districts(user))

    def active(self):
        return self.filter(is_archived=False)


class OpportunityKind(models.Model):
    """One entry of the district's list of kinds of leadership opportunity."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    is_archived = models.BooleanField(default=False)

    objects = OpportunityKindQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "name"], name="opportunity_kind_unique_name"
            ),
        ]

    def __str__(self):
        return self.name


class OpportunityQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Everybody in a district sees its opportunities."""
        return self.filter(district__in=_member_districts(user))

    def open_on(self, day):
        return self.filter(status=Opportunity.Status.OPEN, closes_on__gte=day)

    def managed_by(self, user):
        """Opportunities the user may manage: their district's (admins), their school's.
        Lists of ids from the memberships the request has read, so each branch is an index
        read."""
        return self.filter(
            Q(district_id__in=access.admin_district_ids(user))
            | Q(school_id__in=access.principal_school_ids(user))
        )

    def offered_to(self, user):
        """Leaves out the ones the user posted or manages: they choose, they do not apply."""
        managed = Opportunity.objects.managed_by(user).values("pk")
        return self.exclude(pk__in=managed).exclude(posted_by=user)


class Opportunity(models.Model):
    """An opening to lead, posted by a district administrator or a principal."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        FILLED = "filled", "Selection made"
        CANCELLED = "cancelled", "Cancelled"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    kind = models.ForeignKey(OpportunityKind, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    description = models.TextField()
    level = models.CharField(
        max_length=20,
        choices=Level.choices,
        default=Level.SCHOOL,
        help_text="The level of leadership it develops.",
    )
    attributes = models.ManyToManyField(Attribute, blank=True, related_name="+")
    time_asked = models.CharField(max_length=150, help_text="For example: two hours a month.")
    seats = models.PositiveSmallIntegerField(default=1)
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty: anybody in the district may apply.",
    )
    closes_on = models.DateField(help_text="The last day to apply.")
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["closes_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="opportunity_has_a_seat"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
                name="opportunity_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["district", "status", "closes_on"])]

    def __str__(self):
        return self.title

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.status == self.Status.OPEN and self.closes_on >= day

    def audience_label(self):
        return f"Staff of {self.school.name}" if self.school_id else "Everybody in the district"


class ApplicationQuerySet(models.QuerySet):
    def of_applicant(self, user):
        """The user's own applications, in the districts they belong to."""
        return self.filter(applicant=user, opportunity__district__in=_member_districts(user))

    def counted(self):
        """Applications that were sent (drafts and withdrawals are not counted)."""
        return self.filter(
            status__in=[
                Application.Status.SUBMITTED,
                Application.Status.SELECTED,
                Application.Status.NOT_SELECTED,
            ]
        )

    def chosen(self):
        """Chosen by the people managing the opportunity, not told yet: the applicant still
        sees "Sent" until the selection is announced (opportunity_finish_selection)."""
        return self.filter(status=Application.Status.SUBMITTED, chosen_at__isnull=False)


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft, not sent"
        SUBMITTED = "submitted", "Sent"
        SELECTED = "selected", "Selected"
        NOT_SELECTED = "not_selected", "Not selected this time"
        WITHDRAWN = "withdrawn", "Withdrawn"

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunity_applications"
    )
    note = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Set when chosen; the application stays "submitted" until the selection is announced.
    chosen_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "applicant"], name="application_one_per_person"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="application_sent_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.applicant} for {self.opportunity}"


class Follow(models.Model):
    """The kinds and attributes of opportunity a person wants to hear about."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="opportunity_follows"
    )
    kinds = models.ManyToManyField(OpportunityKind, blank=True, related_name="followers")
    attributes = models.ManyToManyField(Attribute, blank=True, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["district", "person"], name="follow_one_per_person"),
        ]

    def __str__(self):
        return f"What {self.person} follows"


class ExperienceEntryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person sees their own record; admins their district's; principals their school's."""
        admin_districts = Membership.objects.districts_led_by(user)
        principal_schools = Membership.objects.schools_led_by(user)
        school_staff = Membership.objects.filter(
            is_active=True, school__in=principal_schools
        ).values("user")
        return self.filter(
            Q(person=user, district__in=_member_districts(user))
            | Q(district__in=admin_districts)
            | Q(person__in=school_staff, district__in=_member_districts(user))
        )

    def completed(self):
        return self.filter(ended_on__isnull=False)


class ExperienceEntry(models.Model):
    """One dated line on a person's leadership record."""

    class Source(models.TextChoices):
        OPPORTUNITY = "opportunity", "Leadership opportunity"
        PROGRAM = "program", "Program"
        COHORT = "cohort", "Cohort"
        OUTSIDE = "outside", "Outside Deep Bench"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="leadership_experience"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=120, blank=True)
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.SCHOOL)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    # A stable key for entries made from another record ("opportunity:12", "enrollment:4"),
    # so recording the same thing twice is impossible.
    source_key = models.CharField(max_length=60, blank=True)
    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    summary = models.TextField(blank=True, help_text="What they did and learned.")
    reflections = models.ManyToManyField(Reflection, blank=True, related_name="+")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # Experience from outside Deep Bench, checked by a district admin; an edit by the person
    # clears it (opportunities.services_experience.experience_edit_own).
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ExperienceEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-ended_on", "-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "person", "source_key"],
                condition=~Q(source_key=""),
                name="experience_unique_source",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="experience_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(verified_by__isnull=True) | Q(verified_at__isnull=False),
                name="experience_verified_has_date",
            ),
        ]
        indexes = [models.Index(fields=["district", "ended_on"])]

    def __str__(self):
        return f"{self.person}: {self.title}"

    @property
    def is_verified(self):
        return self.verified_at is not None


# The per-school fair-reach counts the database keeps (opportunities/kept_reach.py);
# importing them here makes them this app's models.
from opportunities.kept_reach import ReachCount, ReachMark, ReachPause, ReachYear  # noqa: E402, F401
