from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
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


class DistrictPasswordResetForm(PasswordResetForm):
    """Password reset where a district signs its people in with its own account: an address
    at such a district's domain is told so, with the district's sign-in page (the sign-in
    page already says as much for that domain), and nobody whose district refuses passwords
    is sent a link, whatever their address."""

    sso_district = None

    def clean_email(self):
        email = self.cleaned_data["email"]
        district = policy.sso_only_district_for_domain(email)
        if district is not None:
            self.sso_district = district
            raise ValidationError(
                f"{district.name} signs you in with your district account, so there is no "
                "Deep Bench password to reset. Use your district's sign-in page; if you "
                "cannot sign in there, ask your district's help contact.",
                code="sso_required",
            )
        return email

    def get_users(self, email):
        for user in super().get_users(email):
            if policy.password_refused_by(user) is None:
                yield user
