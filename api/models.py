"""API tokens of a district and the log of every request made with them.

A token's secret is shown once, when it is made; only its SHA-256 is kept. The secret is
256 random bits, so a plain hash is enough (nothing to guess, unlike a password): a lookup
by its public prefix, then a constant-time comparison of the hashes (api/auth.py).
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from leadership.models import District

PREFIX = "dbk"


class Scope(models.TextChoices):
    READ_PIPELINE = "read:pipeline", "Read the pipeline: candidates, stages, figures"
    READ_PEOPLE = "read:people", "Read people, schools, memberships and role history"
    READ_PROGRAMS = "read:programs", "Read programs, cohorts, enrollments, attendance, nominations"
    READ_NOMINATION_TEXT = (
        "read:nomination_text",
        "Also read what nominators wrote (rationale and evidence)",
    )
    READ_OPPORTUNITIES = (
        "read:opportunities",
        "Read opportunities, applications and the leadership record",
    )
    READ_SUCCESSION = "read:succession", "Read positions, holders, openings and slates"
    READ_FRAMEWORK = "read:framework", "Read the leadership framework (CASE)"
    WRITE_HR = "write:hr", "Write positions, departures and retirement eligibility (HR)"
    WRITE_PIPELINE = "write:pipeline", "Write candidates' stage and readiness, with a note"
    WRITE_EXPERIENCE = "write:experience", "Write outside experience on leadership records"


def hashed(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(models.Model):
    """A district's key for one of its other systems: what it may read and write, until when."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=120, help_text="Which system uses it, e.g. “HR nightly”.")
    scopes = models.JSONField(default=list)
    prefix = models.CharField(max_length=16, unique=True)
    secret_sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix})"

    @classmethod
    def issue(cls, **fields):
        """A new unsaved token and its secret, the one time the secret is known."""
        prefix = secrets.token_hex(4)
        secret = secrets.token_urlsafe(32)
        token = cls(prefix=prefix, secret_sha256=hashed(secret), **fields)
        return token, f"{PREFIX}_{prefix}_{secret}"

    def status(self, now=None):
        now = now or timezone.now()
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        return "active"

    def scope_labels(self):
        return [Scope(s).label if s in Scope.values else s for s in self.scopes]


class ApiRequest(models.Model):
    """One request to the API: which token (none when it could not be told), what, answer."""

    token = models.ForeignKey(
        ApiToken, on_delete=models.CASCADE, null=True, blank=True, related_name="requests"
    )
    at = models.DateTimeField(default=timezone.now)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=300)
    status = models.PositiveSmallIntegerField()
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["token", "-at"])]

    def __str__(self):
        return f"{self.method} {self.path} {self.status}"
