"""Forms for programs, cohorts and nominations: they clean and validate, nothing else."""

from decimal import Decimal

from django import forms
from django.urls import reverse_lazy

from leadership.models import User
from leadership.picker import Picker, PickField
from leadership.text import NOTE_MAX_CHARS, TEXT_MAX_CHARS, limited_formfield
from leadership.widgets import QuickSelect
from portrait.forms import PersonByEmailField
from portrait.models import Attribute
from portrait.uploads import ACCEPTED, check_evidence
from programs.access import COHORT_LABEL
from programs.models import (
    Assignment,
    Attendance,
    Cohort,
    Enrollment,
    NominationStatus,
    NominationWindow,
    Program,
    Session,
)
from programs.services import MIN_SEEN, Seen
from programs.services.evidence import (
    LINK_MAX_CHARS,
    LINK_REFUSED,
    check_link_scheme,
    refuse_control_characters,
)


class LinkField(forms.URLField):
    """A link to evidence: http or https only (never javascript: or data:)."""

    default_validators = [refuse_control_characters, check_link_scheme]
    default_error_messages = {"invalid": LINK_REFUSED}

    def __init__(self, **kwargs):
        super().__init__(assume_scheme="https", **kwargs)


class NominationForm(forms.Form):
    """Who, into which program, and for each attribute named what was seen, with an optional
    link or file. Ids are resolved by the view; `cleaned_data["evidence"]` holds a `Seen`
    per attribute written about."""

    program = forms.IntegerField(label="Program", widget=QuickSelect)
    nominee = forms.IntegerField(label="Who are you nominating?", widget=QuickSelect)
    rationale = forms.CharField(
        label="Anything else the district should know? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_CHARS,
        validators=[refuse_control_characters],
    )

    def __init__(
        self,
        *args,
        programs,
        attributes,
        people=(),
        refused=None,
        programs_refused=None,
        self_only=False,
        picker_url=None,
        **kwargs,
    ):
        """`people` are (id, name) pairs; `refused` and `programs_refused` map the ids of
        people and programs that cannot be chosen to why (services.nominee_choices). With
        `picker_url`, choosing a program reloads the nominee picker from there (htmx)."""
        super().__init__(*args, **kwargs)
        program = self.fields["program"].widget
        program.choices = [("", "Choose a program")] + [(p.pk, p.name) for p in programs]
        program.disabled = programs_refused or {}
        if picker_url:
            program.attrs.update(
                {
                    "hx-get": picker_url,
                    "hx-target": "#nominee-picker",
                    "hx-swap": "outerHTML",
                    "hx-include": "[name=nominee]",
                    # No choice made while the list reloads can be lost by the reload.
                    "hx-disabled-elt": "#id_nominee",
                }
            )
        self.attributes = list(attributes)
        for attribute in self.attributes:
            self._add_evidence_fields(attribute, self_only)
        if self_only:
            self.fields["nominee"].widget = forms.HiddenInput()
        else:
            nominee = self.fields["nominee"].widget
            nominee.choices = [("", "Choose a person"), *people]
            nominee.disabled = refused or {}

    def _add_evidence_fields(self, attribute, self_only):
        pk = attribute.pk
        name = attribute.name
        self.fields[f"seen_{pk}"] = forms.CharField(
            label=f"What have you done that shows {name}?"
            if self_only
            else f"What have you seen them do that shows {name}?",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=TEXT_MAX_CHARS,
            validators=[refuse_control_characters],
            help_text=f"Leave it empty if you have not seen it. At least {MIN_SEEN} characters: "
            "a specific moment helps the district.",
        )
        self.fields[f"link_{pk}"] = LinkField(
            label=f"A link to evidence of {name} (optional)",
            required=False,
            max_length=LINK_MAX_CHARS,
        )
        self.fields[f"file_{pk}"] = forms.FileField(
            label=f"Or a file showing {name} (optional)",
            required=False,
            help_text=f"A {ACCEPTED} file of up to 10 MB.",
        )

    def evidence_fields(self):
        """(attribute, its three bound fields) for the template, in the framework's order."""
        return [
            (a, [self[f"{part}_{a.pk}"] for part in ("seen", "link", "file")])
            for a in self.attributes
        ]

    def clean(self):
        cleaned = super().clean()
        evidence = []
        for attribute in self.attributes:
            pk = attribute.pk
            text = cleaned.get(f"seen_{pk}", "").strip()
            link = cleaned.get(f"link_{pk}") or ""
            file = cleaned.get(f"file_{pk}")
            if file:
                try:
                    check_evidence(file)
                except forms.ValidationError as error:
                    self.add_error(f"file_{pk}", error)
            if not text:
                if link or file or self.errors.get(f"link_{pk}"):
                    self.add_error(f"seen_{pk}", "Say what you saw, or remove the link and file.")
                continue
            if len(text) < MIN_SEEN:
                self.add_error(
                    f"seen_{pk}",
                    f"Please say a little more (at least {MIN_SEEN} characters; "
                    f"you wrote {len(text)}).",
                )
            evidence.append(Seen(attribute, text, link, file))
        has_text = any(cleaned.get(f"seen_{a.pk}", "").strip() for a in self.attributes)
        if not has_text and not any(f"seen_{a.pk}" in self.errors for a in self.attributes):
            self.add_error(None, "Say what you have seen for at least one attribute.")
        cleaned["evidence"] = evidence
        return cleaned


class NoteForm(forms.Form):
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=NOTE_MAX_CHARS,
    )


class RespondForm(NoteForm):
    answer = forms.ChoiceField(
        choices=[("accept", "Accept"), ("decline", "Decline")],
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose accept or decline.",
            "invalid_choice": "Choose accept or decline.",
        },
    )


class EndorseForm(NoteForm):
    answer = forms.ChoiceField(
        choices=[("endorse", "Endorse"), ("decline", "Do not endorse")],
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose endorse or do not endorse.",
            "invalid_choice": "Choose endorse or do not endorse.",
        },
    )


DECISIONS = [
    (NominationStatus.APPROVED, "Approve and enroll"),
    (NominationStatus.WAITLISTED, "Waitlist"),
    (NominationStatus.DECLINED, "Decline"),
]


class DecideForm(NoteForm):
    # No decision is preselected: approving enrolls and emails people, so it is chosen.
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("", "Choose a decision"), *DECISIONS],
        error_messages={"required": "Choose approve, waitlist or decline."},
    )
    cohort = forms.IntegerField(
        label="Cohort to enroll into (for approvals)", required=False, widget=forms.Select
    )

    def __init__(self, *args, cohorts=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].widget.choices = [("", "The program's next cohort")] + [
            (c.pk, f"{c.program.name}: {c.name}") for c in cohorts
        ]


class BulkDecideForm(DecideForm):
    """Decide many nominations at once; the cohort is typed or picked (a district runs
    hundreds), from `cohorts`, a queryset (programs.access.running_cohorts)."""

    nominations = forms.TypedMultipleChoiceField(coerce=int, choices=(), label="Nominations")
    cohort = PickField(
        label="Cohort to enroll into (for approvals)",
        noun="cohort",
        label_expression=COHORT_LABEL,
        widget=Picker(
            attrs={"class": "form-control", "id": "bulk-cohort"},
            search_url=reverse_lazy("programs:cohort_search"),
            empty="The program's next cohort",
            hint="Type part of the program's or the cohort's name. Left empty, approvals go "
            "to the program's next cohort.",
        ),
    )

    def __init__(self, *args, nomination_ids=(), cohorts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominations"].choices = [(i, i) for i in nomination_ids]
        self.fields["nominations"].error_messages["required"] = "Choose at least one nomination."
        self.fields["cohort"].queryset = cohorts if cohorts is not None else Cohort.objects.none()

    def clean_cohort(self):
        cohort = self.cleaned_data["cohort"]
        return None if cohort is None else cohort.pk


class QueueSchoolForm(forms.Form):
    """The nomination queue's school filter: typed or picked among programs.access.queue_schools."""

    school = PickField(
        label="School",
        noun="school",
        widget=Picker(
            attrs={"class": "form-control"},
            search_url=reverse_lazy("programs:school_search"),
            empty="Any school",
            hint="Type part of the school's name.",
        ),
    )

    def __init__(self, *args, schools, **kwargs):
        super().__init__(*args, auto_id="filter-%s", **kwargs)
        self.fields["school"].queryset = schools


class ProgramForm(forms.ModelForm):
    class Meta:
        model = Program
        fields = ["name", "description", "target_level", "focus_attributes", "is_active"]
        labels = {
            "name": "Program name",
            "is_active": "Running (untick to retire the program)",
            "target_level": "It prepares people to lead at the level of",
            "focus_attributes": "Attributes it grows",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "focus_attributes": forms.CheckboxSelectMultiple,
        }
        formfield_callback = limited_formfield

    def __init__(self, *args, attributes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["focus_attributes"].queryset = (
            attributes if attributes is not None else Attribute.objects.none()
        )


class CohortForm(forms.ModelForm):
    # Picked by email address: a district can have 150,000 staff, too many for a list.
    facilitator = PersonByEmailField(
        label="Facilitator's email address (leave empty for nobody yet)",
        required=False,
        queryset=User.objects.none(),
        to_field_name="email",
        error_messages={"invalid_choice": "Nobody with this email address works in the district."},
    )

    class Meta:
        model = Cohort
        fields = ["name", "starts_on", "ends_on", "capacity"]
        labels = {"name": "Cohort name", "starts_on": "Starts on", "ends_on": "Ends on"}
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, district_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = User.objects.filter(
            memberships__district_id=district_id, memberships__is_active=True, is_active=True
        ).distinct()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_on") and cleaned.get("ends_on"):
            if cleaned["ends_on"] < cleaned["starts_on"]:
                self.add_error("ends_on", "The cohort must end on or after the day it starts.")
        return cleaned


class WindowForm(forms.ModelForm):
    class Meta:
        model = NominationWindow
        fields = ["opens_on", "closes_on"]
        labels = {"opens_on": "Nominations open on", "closes_on": "Nominations close on"}
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("opens_on") and cleaned.get("closes_on"):
            if cleaned["closes_on"] < cleaned["opens_on"]:
                self.add_error("closes_on", "The window must close on or after it opens.")
        return cleaned


class SessionForm(forms.ModelForm):
    credit_hours = forms.DecimalField(
        label="Credit hours for attending",
        min_value=0,
        max_value=24,
        decimal_places=2,
        initial=0,
        required=False,
        help_text="Everybody marked present earns them on their transcript; 0 for none.",
        error_messages={
            "min_value": "Credit hours cannot be negative.",
            "max_value": "One session carries at most 24 credit hours.",
            "max_decimal_places": "Give credit hours to the hundredth at most (1.25).",
            "invalid": "Give credit hours as a number, such as 1.5.",
        },
    )

    class Meta:
        model = Session
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "location",
            "description",
            "credit_hours",
            "prompt",
        ]
        labels = {
            "title": "Session title",
            "starts_at": "Starts",
            "ends_at": "Ends",
            "location": "Where (a room, an address or a video-call link)",
            "description": "What to prepare (optional)",
            "prompt": "Reflection afterwards (optional)",
        }
        help_texts = {
            "location": "",
            "prompt": "Everybody marked present is asked to reflect on it, due a week after "
            "attendance is taken.",
        }
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}),
            "description": forms.Textarea(attrs={"rows": 2}),
        }
        formfield_callback = limited_formfield

    def __init__(self, *args, prompts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prompt"].queryset = (
            prompts if prompts is not None else self.fields["prompt"].queryset.none()
        )
        self.fields["prompt"].empty_label = "No reflection"

    def clean_credit_hours(self):
        return self.cleaned_data["credit_hours"] or Decimal(0)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts_at") and cleaned.get("ends_at"):
            if cleaned["ends_at"] <= cleaned["starts_at"]:
                self.add_error("ends_at", "The session must end after it starts.")
        return cleaned


class SessionCancelForm(forms.Form):
    note = forms.CharField(
        label="A note for the people invited (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, why it is cancelled or when it will be made up.",
    )


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label="Why are you withdrawing it? (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["prompt", "due_on", "note"]
        labels = {
            "prompt": "Reflection prompt",
            "due_on": "Due on",
            "note": "Note for the cohort (optional)",
        }
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        formfield_callback = limited_formfield

    def __init__(self, *args, prompts=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prompt"].queryset = (
            prompts if prompts is not None else self.fields["prompt"].queryset.none()
        )


class AttendanceForm(forms.Form):
    """One choice per enrollment, named `e<id>`."""

    def __init__(self, *args, enrollments=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        for enrollment in enrollments:
            self.fields[f"e{enrollment.pk}"] = forms.ChoiceField(
                label=str(enrollment.person),
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                initial=current.get(enrollment.pk, Attendance.Status.PRESENT),
            )

    def statuses(self):
        return {int(name[1:]): value for name, value in self.cleaned_data.items()}


class EnrollmentStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=Enrollment.Status.choices)
