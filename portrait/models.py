"""The Portrait of a Leader framework, and the growth people record against it.

Builds on leadership.models only.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from leadership.models import District, Level


class GrowthStep(models.IntegerChoices):
    """The growth scale, used for self-ratings and coach ratings alike."""

    EMERGING = 1, "Emerging"
    DEVELOPING = 2, "Developing"
    PRACTICING = 3, "Practicing"
    LEADING = 4, "Leading"


GROWTH_STEP_DESCRIPTIONS = {
    GrowthStep.EMERGING: "I am noticing this in others and starting to try it myself.",
    GrowthStep.DEVELOPING: "I practise this with support and some of it sticks.",
    GrowthStep.PRACTICING: "I do this on my own, regularly, and can point to results.",
    GrowthStep.LEADING: "I do this reliably and help colleagues grow in it too.",
}
# The same steps worded for rating somebody else (a coach's rating).
GROWTH_STEP_DESCRIPTIONS_OF_OTHERS = {
    GrowthStep.EMERGING: "They are noticing this in others and starting to try it themselves.",
    GrowthStep.DEVELOPING: "They practise this with support and some of it sticks.",
    GrowthStep.PRACTICING: "They do this on their own, regularly, and can point to results.",
    GrowthStep.LEADING: "They do this reliably and help colleagues grow in it too.",
}


class FrameworkQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(district__membership__user=user, district__membership__is_active=True)


class Framework(models.Model):
    """A district's copy of the leadership framework. One is current at a time."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="frameworks")
    name = models.CharField(max_length=200, default="Portrait of a Leader")
    description = models.TextField(blank=True)
    is_current = models.BooleanField(default=True)
    source_identifier = models.CharField(
        max_length=64, blank=True, help_text="CASE CFDocument identifier, when imported."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FrameworkQuerySet.as_manager()

    class Meta:
        ordering = ["-is_current", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["district"], condition=Q(is_current=True), name="framework_one_current"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.district})"


class Attribute(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="attributes")
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80)
    summary = models.CharField(max_length=300, help_text="One line, shown at a glance.")
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    source_identifier = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "slug"], name="attribute_unique_slug"),
        ]

    def __str__(self):
        return self.name


class LevelDescriptor(models.Model):
    """What an attribute looks like in practice at one level."""

    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE, related_name="descriptors")
    level = models.CharField(max_length=20, choices=Level.choices)
    text = models.TextField()
    source_identifier = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["attribute", "level"]
        constraints = [
            models.UniqueConstraint(fields=["attribute", "level"], name="descriptor_unique_level"),
        ]

    def __str__(self):
        return f"{self.attribute} at the {self.get_level_display().lower()} level"


class PromptQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_archived=False)


class ReflectionPrompt(models.Model):
    attribute = models.ForeignKey(Attribute, on_delete=models.CASCADE, related_name="prompts")
    level = models.CharField(
        max_length=20, choices=Level.choices, blank=True, help_text="Leave empty for every level."
    )
    text = models.TextField()
    order = models.PositiveSmallIntegerField(default=0)
    is_archived = models.BooleanField(default=False)
    source_identifier = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PromptQuerySet.as_manager()

    class Meta:
        ordering = ["attribute__order", "order", "id"]

    def __str__(self):
        return self.text[:80]


class LeadershipExample(models.Model):
    """Leadership in action: a short story of the framework lived out."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="examples")
    title = models.CharField(max_length=200)
    story = models.TextField()
    attributes = models.ManyToManyField(Attribute, related_name="examples")
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.CLASSROOM)
    is_archived = models.BooleanField(default=False)
    source_identifier = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class Resource(models.Model):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="resources")
    attribute = models.ForeignKey(
        Attribute, on_delete=models.CASCADE, null=True, blank=True, related_name="resources"
    )
    title = models.CharField(max_length=200)
    url = models.URLField(blank=True)
    note = models.TextField(blank=True)
    is_archived = models.BooleanField(default=False)

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="") | ~Q(note=""), name="resource_has_link_or_note"
            ),
        ]

    def __str__(self):
        return self.title


class ReflectionQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(status=Reflection.Status.SUBMITTED)


def evidence_upload_to(instance, filename):
    return f"evidence/{instance.district_id}/{instance.author_id}/{timezone.now():%Y%m}/{filename}"


class Reflection(models.Model):
    """A person's answer to a prompt, with a self-rating on the prompt's attribute."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections"
    )
    prompt = models.ForeignKey(
        ReflectionPrompt, on_delete=models.PROTECT, related_name="reflections"
    )
    attribute = models.ForeignKey(Attribute, on_delete=models.PROTECT, related_name="reflections")
    response = models.TextField(blank=True)
    self_rating = models.PositiveSmallIntegerField(
        choices=GrowthStep.choices, null=True, blank=True
    )
    evidence_file = models.FileField(upload_to=evidence_upload_to, blank=True)
    evidence_link = models.URLField(blank=True)
    shared_with_principal = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Sent with every save of the writing form, so a repeated or double-clicked request
    # finds the reflection it already made instead of making a second one.
    draft_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    objects = ReflectionQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(submitted_at__isnull=False) & ~Q(response="")),
                name="reflection_submitted_has_text",
            ),
            # One draft per person and prompt: autosave and a second tab write into it.
            models.UniqueConstraint(
                fields=["author", "prompt"],
                condition=Q(status="draft"),
                name="reflection_one_draft_per_prompt",
            ),
        ]
        indexes = [
            models.Index(fields=["author", "status"]),
            models.Index(fields=["district", "status", "submitted_at"]),
            models.Index(fields=["attribute", "submitted_at"]),
            # "Who has answered this prompt": the reminders' pending people, index-only.
            models.Index(
                fields=["prompt", "author"],
                condition=Q(status="submitted"),
                name="reflection_submitted_prompt",
            ),
            # Each person's first and latest self-rating per attribute (the pipeline's
            # growth figure), read in order from the index alone, without a sort.
            models.Index(
                fields=["district", "author", "attribute", "submitted_at", "id"],
                include=["self_rating"],
                condition=Q(status="submitted", self_rating__isnull=False),
                name="reflection_rating_history",
            ),
        ]

    def __str__(self):
        return f"{self.author} on {self.attribute}"


class Addendum(models.Model):
    """A dated note the author adds after submitting."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="addenda")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return f"Addendum of {date_format(timezone.localtime(self.created_at))}"


class Feedback(models.Model):
    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_given"
    )
    text = models.TextField()
    rating = models.PositiveSmallIntegerField(choices=GrowthStep.choices, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["reflection", "created_at"])]

    def __str__(self):
        return f"Feedback from {self.author}"
