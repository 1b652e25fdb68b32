"""A district's sign-in settings: its email domains, its providers, passwords, session length."""

from django.db import models
from django.db.models.functions import Lower

from leadership.models import District
from leadership.sso import crypto


class DistrictSignIn(models.Model):
    """How the people of one district sign in. No row: passwords only, the default session."""

    district = models.OneToOneField(District, on_delete=models.CASCADE, related_name="sign_in")
    passwords_allowed = models.BooleanField(
        "People may also sign in with a Deep Bench password",
        default=True,
        help_text="Turn this off to require the district's account. Installation "
        "administrators keep their password.",
    )
    session_hours = models.PositiveSmallIntegerField(
        "Session length (hours)",
        default=12,
        help_text="How long a sign-in lasts before Deep Bench asks again.",
    )
    help_contact = models.CharField(
        "Who to ask about signing in",
        max_length=200,
        blank=True,
        help_text='Shown to anybody who cannot sign in, e.g. "the Help Desk, 555-0100".',
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(session_hours__gte=1, session_hours__lte=720),
                name="sso_session_hours_range",
            ),
        ]

    def __str__(self):
        return f"Sign-in settings of {self.district}"


class SignInDomain(models.Model):
    """An email domain that belongs to one district: typing an address in it picks the district."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="sign_in_domains")
    domain = models.CharField(max_length=253)

    class Meta:
        ordering = ["domain"]
        constraints = [
            models.UniqueConstraint(Lower("domain"), name="sso_domain_unique"),
        ]

    def __str__(self):
        return self.domain


class Kind(models.TextChoices):
    GOOGLE = "google", "Google Workspace"
    MICROSOFT = "microsoft", "Microsoft Entra ID"
    CLEVER = "clever", "Clever"
    CLASSLINK = "classlink", "ClassLink"
    OIDC = "oidc", "Another OpenID Connect provider"


class SignInProvider(models.Model):
    """One way to sign in with the district's account. The secret is stored encrypted."""

    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="sign_in_providers"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    enabled = models.BooleanField("Turned on", default=False)
    client_id = models.CharField("Client ID", max_length=255, blank=True)
    secret_encrypted = models.TextField(blank=True, editable=False)
    tenant = models.CharField(
        "Directory (tenant) ID",
        max_length=100,
        blank=True,
        help_text="Microsoft only: the district's tenant ID or its primary domain.",
    )
    issuer = models.URLField(
        "Issuer URL",
        blank=True,
        help_text="OpenID Connect only: the address its discovery document lives under.",
    )
    label = models.CharField(
        "Button text",
        max_length=80,
        blank=True,
        help_text='OpenID Connect only, e.g. "Lakeview staff sign-in".',
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["district", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["district", "kind"], name="sso_provider_unique_kind"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.district}"

    @property
    def has_secret(self):
        return bool(self.secret_encrypted)

    def set_secret(self, plain):
        self.secret_encrypted = crypto.encrypt(plain)

    def secret(self):
        """The client secret in clear; raises crypto.NoKey or crypto.Unreadable."""
        return crypto.decrypt(self.secret_encrypted)

    @property
    def button_text(self):
        if self.kind == Kind.OIDC and self.label:
            return f"Sign in with {self.label}"
        names = {Kind.GOOGLE: "Google", Kind.MICROSOFT: "Microsoft", Kind.OIDC: "your district"}
        return f"Sign in with {names.get(self.kind, self.get_kind_display())}"
