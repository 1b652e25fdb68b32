from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from leadership.sso import policy, providers
from leadership.sso.backends import PASSWORD_REFUSED_BY

_NO_MATCH = "That email and password do not match an account. Check both and try again."


class EmailAuthenticationForm(AuthenticationForm):
    """Sign-in with an email address; one message for every failure, so it hints nothing."""

    username = forms.EmailField(
        label="Email",
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _NO_MATCH,
        "inactive": _NO_MATCH,
    }

    # Set when the person's district signs them in with its own account: the page shows
    # that district's buttons under the message.
    sso_district = None
    sso_rows = ()

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()

    def get_invalid_login_error(self):
        refused_by = getattr(self.request, PASSWORD_REFUSED_BY, None)
        email = self.cleaned_data.get("username", "")
        district = refused_by or policy.sso_only_district_for_domain(email)
        if district is None:
            return super().get_invalid_login_error()
        self.sso_district = district
        self.sso_rows = providers.enabled_rows(district.pk)
        return ValidationError(
            f"{district.name} signs you in with your district account, not a password. "
            "Use the button below.",
            code="sso_required",
        )
