import django_filters
from django import forms
from django.db.models import Q
from django.urls import reverse_lazy
from django.utils import timezone

from leadership import access as people_access
from leadership.models import Level, Membership, School
from leadership.picker import PersonPickField, Picker, PickField, PickFilter
from leadership.text import limited_formfield
from opportunities import access
from opportunities.models import ExperienceEntry, Opportunity, OpportunityKind
from portrait.models import Attribute, GrowthStep

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def district_attributes(district_id):
    return Attribute.objects.filter(
        framework__district_id=district_id, framework__is_current=True
    ).order_by("order", "name")


class OpportunityForm(forms.ModelForm):
    # Typed or picked (leadership/picker.py): a district has up to 1,800 schools.
    school = PickField(
        label="Who may apply",
        noun="school",
        help_text="Everybody in the district, or only the staff of one school.",
        widget=Picker(
            search_url=reverse_lazy("opportunities:posting_school_search"),
            empty="Everybody in the district",
            hint="Type part of the school's name, or leave it empty.",
        ),
    )

    class Meta:
        model = Opportunity
        fields = [
            "title",
            "kind",
            "description",
            "level",
            "attributes",
            "time_asked",
            "seats",
            "school",
            "closes_on",
            "starts_on",
            "ends_on",
        ]
        labels = {
            "title": "Title",
            "kind": "Kind of opportunity",
            "description": "What the role involves",
            "level": "Level of leadership it develops",
            "attributes": "Portrait attributes it exercises",
            "time_asked": "Time it asks",
            "seats": "Number of people you can take",
            "closes_on": "Applications close on",
            "starts_on": "Starts on (optional)",
            "ends_on": "Ends on (optional)",
        }
        widgets = {
            "attributes": forms.CheckboxSelectMultiple,
            "closes_on": DATE,
            "starts_on": DATE,
            "ends_on": DATE,
            "description": forms.Textarea(attrs={"rows": 5}),
        }
        formfield_callback = limited_formfield

    def __init__(self, *args, district, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = OpportunityKind.objects.filter(district=district)
        if self.instance.pk:
            kinds = kinds.filter(is_archived=False) | kinds.filter(pk=self.instance.kind_id)
        else:
            kinds = kinds.filter(is_archived=False)
        self.fields["kind"].queryset = kinds
        self.fields["attributes"].queryset = district_attributes(district.pk)
        self.fields["attributes"].required = False
        self.fields["seats"].min_value = 1
        if school is None:
            self.fields["school"].queryset = access.posting_schools(district)
        else:
            # A principal posts for their own school.
            del self.fields["school"]

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date is before the start date.")
        return cleaned


class ApplicationForm(forms.Form):
    note = forms.CharField(
        label="A short note: why you, and why now?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )


class SelectForm(forms.Form):
    applications = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="People to select",
        error_messages={"required": "Tick at least one person to select."},
    )

    def __init__(self, *args, opportunity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = opportunity.applications.filter(
            status="submitted", chosen_at=None
        ).select_related("applicant")
        self.fields["applications"].label_from_instance = lambda a: str(a.applicant)


class ExperienceForm(forms.Form):
    """Dates, what the person did, and a portrait reflection on each attribute it exercised.

    `prompts` maps each attribute to the reflection prompt asked about it.
    """

    started_on = forms.DateField(label="I started on", widget=DATE)
    ended_on = forms.DateField(label="It ended on", widget=DATE)
    summary = forms.CharField(
        label="What did you do?",
        help_text="A sentence or two for your leadership record.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, prompts, **kwargs):
        super().__init__(*args, **kwargs)
        self.prompts = prompts
        for attribute, prompt in prompts.items():
            self.fields[f"reflection_{attribute.pk}"] = forms.CharField(
                label=f"{attribute.name}: {prompt.text}",
                help_text="What did this teach you? This becomes a reflection in your portrait.",
                widget=forms.Textarea(attrs={"rows": 4}),
                required=False,
                max_length=20_000,
            )
            self.fields[f"rating_{attribute.pk}"] = forms.TypedChoiceField(
                label=f"Where are you now on {attribute.name}?",
                choices=[("", "Choose a step")] + list(GrowthStep.choices),
                coerce=int,
                empty_value=None,
                required=False,
            )
        if prompts:
            self.fields["share_with_principal"] = forms.BooleanField(
                label="Let my principal and my mentors read these reflections",
                help_text="Your coach and the district's leadership office can always read them.",
                required=False,
            )

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("started_on"), cleaned.get("ended_on")
        if starts and ends and ends < starts:
            self.add_error("ended_on", "The end date is before the start date.")
        for attribute in self.prompts:
            text = (cleaned.get(f"reflection_{attribute.pk}") or "").strip()
            if text and cleaned.get(f"rating_{attribute.pk}") is None:
                self.add_error(f"rating_{attribute.pk}", "Choose where you are now.")
        if self.prompts and not self.reflections():
            raise forms.ValidationError(
                "Write what you learned about at least one of the attributes."
            )
        return cleaned

    def reflections(self):
        """[(prompt, response, rating)] for each attribute the person wrote about."""
        found = []
        for attribute, prompt in self.prompts.items():
            text = (self.cleaned_data.get(f"reflection_{attribute.pk}") or "").strip()
            if text:
                found.append((prompt, text, self.cleaned_data.get(f"rating_{attribute.pk}")))
        return found


class OwnExperienceForm(forms.ModelForm):
    """A person's own leadership experience from before or outside Deep Bench."""

    class Meta:
        model = ExperienceEntry
        fields = ["title", "kind", "level", "started_on", "ended_on", "summary"]
        labels = {
            "title": "Role or experience",
            "kind": "Kind (optional), for example “Department chair”",
            "level": "Level",
            "started_on": "Started on",
            "ended_on": "Ended on (leave empty if it goes on)",
            "summary": "What you did and learned (optional)",
        }
        widgets = {
            "started_on": DATE,
            "ended_on": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }
        formfield_callback = limited_formfield

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("started_on"), cleaned.get("ended_on")
        if starts and ends and ends < starts:
            self.add_error("ended_on", "The end date is before the start date.")
        if starts and starts > timezone.localdate():
            self.add_error("started_on", "The start date is in the future.")
        return cleaned


class OutsideExperienceForm(OwnExperienceForm):
    """A district admin adds experience to somebody's record."""

    person = PersonPickField(
        label="Person",
        noun="person",
        required=True,
        widget=Picker(
            attrs={"class": "form-control"},
            search_url=reverse_lazy("opportunities:experience_person_search"),
            empty="---------",
            hint="Type part of the person's name or email address.",
        ),
    )

    class Meta(OwnExperienceForm.Meta):
        fields = ["person", *OwnExperienceForm.Meta.fields]
        labels = {**OwnExperienceForm.Meta.labels, "summary": "Notes (optional)"}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = access.experience_people(district)


class VerifyForm(forms.Form):
    verified = forms.ChoiceField(
        choices=[("yes", "Verified"), ("no", "Not verified")],
        error_messages={
            "required": "Say whether it is verified.",
            "invalid_choice": "Say whether it is verified.",
        },
    )


class KindForm(forms.ModelForm):
    class Meta:
        model = OpportunityKind
        fields = ["name"]
        labels = {"name": "New kind of opportunity"}

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        taken = OpportunityKind.objects.filter(district=self.district, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("The list already has a kind with that name.")
        return name


class FollowForm(forms.Form):
    kinds = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Kinds of opportunity",
    )
    attributes = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Portrait attributes",
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kinds"].queryset = OpportunityKind.objects.filter(
            district=district, is_archived=False
        )
        self.fields["attributes"].queryset = district_attributes(district.pk)


def _kinds(request):
    return OpportunityKind.objects.visible_to(request.user) if request else OpportunityKind.objects


def _attributes(request):
    if request is None:
        return Attribute.objects.none()
    return Attribute.objects.filter(
        framework__district__in=Membership.objects.filter(user=request.user, is_active=True).values(
            "district"
        ),
        framework__is_current=True,
    )


def _schools(request):
    return access.filter_schools(request.user) if request else School.objects.none()


class OpportunityFilter(django_filters.FilterSet):
    kind = django_filters.ModelChoiceFilter(queryset=_kinds, label="Kind", empty_label="Any kind")
    level = django_filters.ChoiceFilter(choices=Level.choices, label="Level", empty_label="Any")
    attribute = django_filters.ModelChoiceFilter(
        field_name="attributes", queryset=_attributes, label="Attribute", empty_label="Any"
    )
    school = PickFilter(
        queryset=_schools,
        label="Open to",
        noun="school",
        method="filter_school",
        widget=Picker(
            search_url=reverse_lazy("opportunities:school_search"),
            empty="Any school",
            hint="Type part of the school's name.",
        ),
    )

    show = django_filters.ChoiceFilter(
        choices=[("mine", "Only ones I can apply to")],
        empty_label="Every open opportunity",
        label="Show",
        method="filter_show",
    )

    class Meta:
        model = Opportunity
        fields = ["kind", "level", "attribute", "school", "show"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def filter_show(self, queryset, name, value):
        if value != "mine" or self.request is None:
            return queryset
        schools = people_access.staff_school_ids(self.request.user)
        return queryset.filter(Q(school__isnull=True) | Q(school__in=schools)).offered_to(
            self.request.user
        )

    def filter_school(self, queryset, name, value):
        # A school's staff may apply to its own and to district-wide opportunities.
        return queryset.filter(school__isnull=True) | queryset.filter(school=value)
