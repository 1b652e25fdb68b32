import re
from ipaddress import ip_address
from urllib.parse import urlsplit

from django import forms
from django.core.cache import cache

from leadership.sso import crypto
from leadership.sso.models import DistrictSignIn, Kind, SignInDomain, SignInProvider
from leadership.text import NOTE_MAX_CHARS

DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
# Entra ID's shared tenants let anybody with any Microsoft account in: one district, one tenant.
SHARED_TENANTS = {"common", "organizations", "consumers"}


class WorkEmailForm(forms.Form):
    email = forms.EmailField(
        label="Work email",
        help_text="The address your district gave you. It tells Deep Bench which district "
        "you belong to.",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class DistrictSignInForm(forms.ModelForm):
    domains = forms.CharField(
        label="Email domains",
        required=False,
        max_length=NOTE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line, e.g. lakeviewschools.org. Only addresses in these domains can "
        "sign in with the district's account, and typing one on the sign-in page picks "
        "your district.",
    )

    class Meta:
        model = DistrictSignIn
        fields = ["passwords_allowed", "session_hours", "help_contact"]
        widgets = {"session_hours": forms.NumberInput(attrs={"min": 1, "max": 720})}

    def __init__(self, *args, district, enabled_providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district
        self.enabled_providers = enabled_providers
        if not self.is_bound:
            current = district.sign_in_domains.values_list("domain", flat=True)
            self.initial["domains"] = "\n".join(current)

    def clean_domains(self):
        found = []
        for line in self.cleaned_data["domains"].replace(",", "\n").splitlines():
            domain = line.strip().lower().lstrip("@")
            if not domain:
                continue
            if not DOMAIN.match(domain):
                raise forms.ValidationError(f"{domain!r} is not an email domain.")
            if domain not in found:
                found.append(domain)
        taken = (
            SignInDomain.objects.filter(domain__in=found)
            .exclude(district=self.district)
            .values_list("domain", flat=True)
        )
        if taken:
            raise forms.ValidationError(
                f"{', '.join(sorted(taken))} already belongs to another district on this "
                "installation. Ask the people who run Deep Bench."
            )
        return found

    def clean_session_hours(self):
        hours = self.cleaned_data["session_hours"]
        if not 1 <= hours <= 720:
            raise forms.ValidationError("Choose between 1 hour and 720 hours (30 days).")
        return hours

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("passwords_allowed") is False and not self.enabled_providers:
            self.add_error(
                "passwords_allowed",
                "Turn on a way to sign in with the district's account first; otherwise "
                "nobody could sign in.",
            )
        if cleaned.get("passwords_allowed") is False and not cleaned.get("domains"):
            self.add_error("domains", "Add the district's email domains first.")
        return cleaned


def _loopback(url):
    host = urlsplit(url).hostname or ""
    try:
        return host == "localhost" or ip_address(host).is_loopback
    except ValueError:
        return False


class ProviderForm(forms.ModelForm):
    secret = forms.CharField(
        label="Client secret",
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text="Stored encrypted and never shown again. Leave empty to keep the saved one.",
    )
    issuer = forms.URLField(
        label="Issuer URL",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="OpenID Connect only: the address its discovery document lives under.",
    )

    class Meta:
        model = SignInProvider
        fields = ["enabled", "client_id", "tenant", "issuer", "label"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kind = self.instance.kind
        if kind != Kind.MICROSOFT:
            del self.fields["tenant"]
        if kind != Kind.OIDC:
            del self.fields["issuer"]
            del self.fields["label"]
        if self.instance.has_secret:
            self.fields[
                "secret"
            ].help_text = (
                "A secret is saved (encrypted; it is never shown). Type a new one to replace it."
            )

    def clean_client_id(self):
        return self.cleaned_data["client_id"].strip()

    def clean_tenant(self):
        tenant = self.cleaned_data["tenant"].strip().lower()
        if tenant in SHARED_TENANTS:
            raise forms.ValidationError(
                "Use the district's own tenant ID: a shared tenant would let in any "
                "Microsoft account."
            )
        return tenant

    def clean_issuer(self):
        issuer = self.cleaned_data["issuer"].strip().rstrip("/")
        if issuer and not issuer.startswith("https://") and not _loopback(issuer):
            raise forms.ValidationError("The issuer must be an https:// address.")
        return issuer

    def clean_secret(self):
        secret = self.cleaned_data["secret"]
        if secret and not crypto.key_available():
            raise forms.ValidationError(
                "This installation has no SSO_ENCRYPTION_KEY, so it cannot store a secret. "
                "Ask the people who run Deep Bench to set it."
            )
        return secret

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("enabled"):
            return cleaned
        missing = []
        if not cleaned.get("client_id"):
            missing.append("client ID")
        if not cleaned.get("secret") and not self.instance.has_secret:
            missing.append("client secret")
        if self.instance.kind == Kind.MICROSOFT and not cleaned.get("tenant"):
            missing.append("tenant ID")
        if self.instance.kind == Kind.OIDC and not cleaned.get("issuer"):
            missing.append("issuer URL")
        if missing:
            raise forms.ValidationError(f"To turn it on, fill in the {', '.join(missing)}.")
        return cleaned


LINK_PASSWORD_TRIES = 5
LINK_PASSWORD_PAUSE = 15 * 60  # seconds


class ConfirmPasswordForm(forms.Form):
    """Linking an account: the person proves it is them by typing their password."""

    kind = forms.ChoiceField(label="Account to link", choices=Kind.choices)
    password = forms.CharField(
        label="Your Deep Bench password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, request, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.fields["kind"].choices = [(k, Kind(k).label) for k in kinds]

    def clean_password(self):
        password = self.cleaned_data["password"]
        user = self.request.user
        key = f"sso:link-password-failures:{user.pk}"
        failures = cache.get(key, 0)
        if failures >= LINK_PASSWORD_TRIES:
            raise forms.ValidationError(
                f"Too many wrong passwords: linking an account is paused for "
                f"{LINK_PASSWORD_PAUSE // 60} minutes. Nothing was linked."
            )
        if not user.check_password(password):
            # Counted per person in the shared cache, so a stolen session cannot try
            # passwords here faster than at the sign-in page (django-axes).
            cache.set(key, failures + 1, LINK_PASSWORD_PAUSE)
            left = LINK_PASSWORD_TRIES - failures - 1
            raise forms.ValidationError(
                "That is not your password."
                + (
                    f" {left} more tr{'y' if left == 1 else 'ies'} before linking is paused."
                    if left
                    else ""
                )
            )
        cache.delete(key)
        return password
