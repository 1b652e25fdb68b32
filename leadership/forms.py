from django import forms
from django.contrib.auth.forms import AuthenticationForm

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

    def clean_username(self):
        return self.cleaned_data["username"].strip().lower()
