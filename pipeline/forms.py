from django import forms

from pipeline.models import Demographics, Readiness, Stage
from pipeline.roster import MAX_BYTES, MAX_MEGABYTES, TOO_LARGE


class CandidateChangeForm(forms.Form):
    stage = forms.ChoiceField(choices=Stage.choices, label="Stage in the pipeline")
    readiness = forms.ChoiceField(choices=Readiness.choices, label="Readiness for the next role")
    note = forms.CharField(
        label="Why the change",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="A sentence or two; it is kept in the person's history.",
    )


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label="Roster file",
        help_text=(
            "A OneRoster 1.1 or 1.2 CSV bundle (.zip) from your student information system, "
            f"or a .csv file in the Deep Bench template. Up to {MAX_MEGABYTES} MB."
        ),
    )
    full_sync = forms.BooleanField(
        label="This file lists everybody: deactivate people and schools that are not in it",
        required=False,
        initial=True,
        help_text="Nobody is deleted; a later import can bring deactivated people back.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        return upload


class RosterApplyForm(forms.Form):
    skip_bad_rows = forms.BooleanField(
        label="Skip the rows with problems and import the rest", required=False
    )


class DemographicsForm(forms.ModelForm):
    class Meta:
        model = Demographics
        fields = ["gender", "race_ethnicity"]
        labels = {"gender": "Gender", "race_ethnicity": "Race or ethnicity"}
        help_texts = {
            "gender": "Optional. Leave it empty to skip the question.",
            "race_ethnicity": "Optional. Leave it empty to skip the question.",
        }
