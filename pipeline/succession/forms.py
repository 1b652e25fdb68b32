from django import forms
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format

from leadership.models import Level, User
from leadership.picker import Picker, PickField
from pipeline.models import Candidate
from pipeline.succession.access import district_schools
from pipeline.succession.models import (
    Position,
    PositionKind,
    RoleTerm,
    SlateReadiness,
    SuccessionSetting,
)

DATE = forms.DateInput(attrs={"type": "date"})
SCHOOL_HINT = "Type part of the school's name."


def _school_picker(**kwargs):
    """A school typed or picked (leadership/picker.py) among succession.access.district_schools,
    whose suggestions come from pipeline:succession_school_search: a district has up to 1,800
    schools."""
    return Picker(search_url=reverse_lazy("pipeline:succession_school_search"), **kwargs)


def _member(district, email):
    """The active member of `district` with this email address, or None."""
    return (
        User.objects.filter(
            email__iexact=email.strip(),
            memberships__district=district,
            memberships__is_active=True,
        )
        .distinct()
        .first()
    )


class PositionForm(forms.ModelForm):
    school = PickField(
        label="School",
        noun="school",
        widget=_school_picker(
            empty="District office", hint=f"{SCHOOL_HINT} Left empty: the district office."
        ),
    )

    class Meta:
        model = Position
        fields = ["kind", "school", "level", "title"]
        labels = {"kind": "Kind of position", "level": "Leads at"}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = PositionKind.objects.filter(
            district=district, is_archived=False
        )
        self.fields["school"].queryset = district_schools(district)


class PositionKindForm(forms.ModelForm):
    class Meta:
        model = PositionKind
        fields = ["name", "level", "aims", "is_archived"]
        labels = {"name": "Name", "level": "Leads at", "is_archived": "Archived (no new positions)"}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        taken = PositionKind.objects.filter(district=self.district, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The district already has a kind with this name.")
        return name


class RoleTermForm(forms.ModelForm):
    """A holder of a position and what is known about when they will leave it."""

    email = forms.EmailField(
        label="The holder's email address",
        help_text="Somebody on the district's roster.",
    )

    class Meta:
        model = RoleTerm
        fields = [
            "started_on",
            "is_interim",
            "departure_on",
            "retirement_eligible_on",
            "term_ends_on",
            "note",
        ]
        labels = {
            "started_on": "In the position since",
            "is_interim": "Interim holder",
            "departure_on": "Announced departure (last day)",
            "retirement_eligible_on": "Eligible to retire on",
            "term_ends_on": "Fixed term ends on",
            "note": "Note",
        }
        widgets = {
            "started_on": DATE,
            "departure_on": DATE,
            "retirement_eligible_on": DATE,
            "term_ends_on": DATE,
        }

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district
        if self.instance.pk:
            del self.fields["email"]

    def clean_email(self):
        person = _member(self.district, self.cleaned_data["email"])
        if person is None:
            raise forms.ValidationError("Nobody on the district's roster has this email address.")
        self.person = person
        return self.cleaned_data["email"]

    def clean_departure_on(self):
        day = self.cleaned_data.get("departure_on")
        unchanged = self.instance.pk and day == self.instance.departure_on
        if day and not unchanged and day < timezone.localdate():
            raise forms.ValidationError(
                "An announced departure is in the future: this date has passed. To record a "
                "departure that already happened, end the role instead."
            )
        return day

    def clean(self):
        cleaned = super().clean()
        started = cleaned.get("started_on")
        for name, what in [
            ("retirement_eligible_on", "The retirement eligibility date"),
            ("departure_on", "The departure date"),
            ("term_ends_on", "The end of the term"),
        ]:
            day = cleaned.get(name)
            if started and day and day < started:
                self.add_error(name, f"{what} is before the start date ({date_format(started)}).")
        return cleaned


class RoleEndForm(forms.Form):
    ended_on = forms.DateField(label="Last day in the position", widget=DATE)
    reason = forms.ChoiceField(
        label="Why it ended",
        choices=[c for c in RoleTerm.EndReason.choices if c[0] != RoleTerm.EndReason.ROSTER],
    )

    def __init__(self, *args, term, **kwargs):
        super().__init__(*args, **kwargs)
        self.term = term

    def clean_ended_on(self):
        day = self.cleaned_data["ended_on"]
        if day < self.term.started_on:
            raise forms.ValidationError(
                f"A role cannot end before it started ({date_format(self.term.started_on)})."
            )
        return day


class SlateAddForm(forms.Form):
    """Someone to add to a slate: a candidate's id (from a suggestion) or email address."""

    candidate = forms.IntegerField(required=False, widget=forms.HiddenInput)
    email = forms.EmailField(
        label="Candidate's email address",
        required=False,
        help_text="Somebody in the district's leadership pipeline.",
    )
    readiness = forms.ChoiceField(label="Readiness for this position", choices=SlateReadiness)
    reasons = forms.CharField(
        label="Reasons",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why this person, and why at this rank.",
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("candidate") and not cleaned.get("email"):
            raise forms.ValidationError("Give the email address of the person to add.")
        if not cleaned.get("candidate") and cleaned.get("email"):
            found = (
                Candidate.objects.filter(
                    district=self.district, user__email__iexact=cleaned["email"].strip()
                )
                .select_related("user")
                .first()
            )
            if found is None:
                self.add_error("email", "Nobody in the district's pipeline has this email address.")
            cleaned["found"] = found
        return cleaned


class SlateEntryForm(forms.Form):
    readiness = forms.ChoiceField(label="Readiness", choices=SlateReadiness)
    reasons = forms.CharField(
        label="Reasons",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SlateMoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class KindSlateForm(forms.Form):
    kind = forms.IntegerField(label="Kind of position")
    level = forms.ChoiceField(label="Leads at", choices=Level.choices)


class FillForm(forms.Form):
    """Filling a position from its slate: who, from when, and what else ends."""

    entry = forms.IntegerField(widget=forms.HiddenInput)
    starts_on = forms.DateField(label="Starts in the position on", widget=DATE)
    end_other_roles = forms.BooleanField(
        label="Their current leadership roles end that day", required=False, initial=True
    )
    note = forms.CharField(label="Note", max_length=300, required=False)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = SuccessionSetting
        fields = ["supervisors_see_succession"]
        labels = {
            "supervisors_see_succession": (
                "Principal supervisors see the succession planning of the schools they supervise"
            )
        }


class SupervisorForm(forms.Form):
    email = forms.EmailField(label="Supervisor's email address")
    school = PickField(
        label="School they supervise",
        noun="school",
        required=True,
        widget=_school_picker(empty="Choose a school", hint=SCHOOL_HINT),
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district
        self.fields["school"].queryset = district_schools(district)

    def clean_email(self):
        person = _member(self.district, self.cleaned_data["email"])
        if person is None:
            raise forms.ValidationError("Nobody on the district's roster has this email address.")
        self.person = person
        return self.cleaned_data["email"]


class _GroupFilter(forms.Form):
    """A kind and a level, the two halves of a row of the succession page."""

    kind = forms.ModelChoiceField(
        queryset=PositionKind.objects.none(), required=False, empty_label="Any"
    )
    level = forms.ChoiceField(choices=[("", "Any"), *Level.choices], required=False)

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = PositionKind.objects.filter(district=district)
        self.fields["kind"].label = "Kind of position"
        self.fields["level"].label = "Leads at"


class PositionFilter(_GroupFilter):
    STATES = [
        ("", "Any"),
        ("vacant", "Vacant now"),
        ("no_ready", "Nobody ready now on the slate"),
        ("1", "Known opening in the next 12 months"),
        ("2", "Known opening 12 to 24 months from now"),
        ("3", "Known opening 24 to 36 months from now"),
    ]
    state = forms.ChoiceField(choices=STATES, required=False, label="Showing")
    school = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PeopleFilter(_GroupFilter):
    readiness = forms.ChoiceField(
        choices=[("", "Any"), *SlateReadiness.choices], required=False, label="Best readiness"
    )
    several = forms.BooleanField(required=False, label="Only people on more than one slate")
