from django import forms

from leadership.models import Readiness, Stage


class CandidateChangeForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices, label="Stage in the pipeline")
    readiness = forms.ChoiceField(choices=Readiness.choices, label="Readiness for the next role")
    note = forms.CharField(
        label="Why the change",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="A sentence or two; it is kept in the person's history.",
    )
