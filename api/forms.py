import datetime

from django import forms
from django.utils import timezone

from api.models import Scope

LONGEST_DAYS = 730


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=120,
        help_text="Which system uses it, so you know it later: “HR nightly”, “Power BI”.",
    )
    scopes = forms.MultipleChoiceField(
        label="What it may do",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Give it only what that system needs.",
        error_messages={"required": "Choose at least one thing the token may do."},
    )
    expires_on = forms.DateField(
        label="Works until (the end of this day)",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="At most two years from today.",
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_expires_on(self):
        day = self.cleaned_data["expires_on"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError("This day has passed: choose today or a later day.")
        if day > today + datetime.timedelta(days=LONGEST_DAYS):
            raise forms.ValidationError(
                "A token works for at most two years; choose an earlier day."
            )
        return day
