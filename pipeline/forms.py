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
        error_messages={"required": "Write a short note saying why."},
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
        help_text=(
            "Leave it unticked to add and update people only. When ticked, the preview names "
            "everyone who would be deactivated and you confirm it before anything changes. "
            "Nobody is deleted; a later import can bring deactivated people back. Leadership "
            "roles of a OneRoster 1.2 file that it no longer lists end on the day before the "
            "import and stay in the role history."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(TOO_LARGE)
        return upload


class RosterApplyForm(forms.Form):
    """Only the choices this import needs: skipping bad rows, confirming who is deactivated."""

    skip_bad_rows = forms.BooleanField(
        label="Skip the rows with problems and import the rest", required=False
    )
    confirm_deactivations = forms.BooleanField(required=False)

    def __init__(self, *args, run, **kwargs):
        super().__init__(*args, **kwargs)
        if not run.errors:
            del self.fields["skip_bad_rows"]
        if run.deactivation_summary:
            self.fields[
                "confirm_deactivations"
            ].label = f"Yes, deactivate the {run.deactivation_summary} listed above"
        else:
            del self.fields["confirm_deactivations"]


class DemographicsForm(forms.ModelForm):
    class Meta:
        model = Demographics
        fields = ["gender", "race_ethnicity"]
        labels = {"gender": "Gender", "race_ethnicity": "Race or ethnicity"}
        help_texts = {
            "gender": "Optional. Leave it empty to skip the question.",
            "race_ethnicity": "Optional. Leave it empty to skip the question.",
        }
