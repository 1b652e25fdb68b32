"""Who is willing to mentor, and for how many people at once. The pairs themselves are
leadership.Mentorship (portrait/access.py reads them); pipeline/models.py imports this module,
so the model belongs to the `pipeline` app."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from leadership.models import District

MAX_CAPACITY = 6


class MentorOffer(models.Model):
    """A person's opt-in to mentor in a district: at most `capacity` people at once."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_offers"
    )
    capacity = models.PositiveSmallIntegerField(default=2)
    note = models.CharField(
        max_length=300, blank=True, help_text="What you can help with, in a sentence."
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "person"], name="mentor_offer_one_each"),
            models.CheckConstraint(
                condition=Q(capacity__gte=1, capacity__lte=MAX_CAPACITY),
                name="mentor_offer_capacity_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.person} mentors up to {self.capacity}"
