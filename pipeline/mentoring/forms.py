"""Forms for mentoring: they clean and validate, nothing else."""

from django import forms

from pipeline.mentoring.matching import ANY, SCHOOL_RULES
from pipeline.mentoring.models import MAX_CAPACITY


class OfferForm(forms.Form):
    capacity = forms.IntegerField(
        label="How many people can you mentor at once?",
        min_value=1,
        max_value=MAX_CAPACITY,
        initial=2,
        error_messages={
            "min_value": "Mentor at least one person, or stop offering.",
            "max_value": f"Mentor at most {MAX_CAPACITY} people at once.",
            "invalid": "Give the number of people as a whole number.",
            "required": "Say how many people you can mentor at once.",
        },
    )
    note = forms.CharField(
        label="What you can help with (optional)",
        required=False,
        max_length=300,
        help_text="Shown to the district's leadership office when they match mentors.",
    )


class RuleForm(forms.Form):
    school = forms.ChoiceField(
        label="Mentors from", choices=SCHOOL_RULES, required=False, initial=ANY
    )

    def rule(self):
        return (self.cleaned_data.get("school") if self.is_valid() else "") or ANY


class PairForm(RuleForm):
    mentor = forms.IntegerField(widget=forms.HiddenInput)
