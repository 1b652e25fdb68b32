from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse_lazy

from leadership.picker import PersonPickField, Picker
from leadership.text import TEXT_MAX_CHARS, limited_formfield
from portrait.access import district_coaches, district_members
from portrait.models import (
    GROWTH_STEP_DESCRIPTIONS,
    GROWTH_STEP_DESCRIPTIONS_OF_OTHERS,
    Attribute,
    Framework,
    GrowthStep,
    LeadershipExample,
    ReflectionPrompt,
    Resource,
)
from portrait.services import RESPONSE_MAX_CHARS
from portrait.uploads import check_evidence


def growth_choices(blank_label, descriptions=GROWTH_STEP_DESCRIPTIONS):
    """The growth steps with what each means: in the first person for a self-rating, or
    `GROWTH_STEP_DESCRIPTIONS_OF_OTHERS` for rating somebody else."""
    return [("", blank_label)] + [
        (step.value, f"{step.label} — {descriptions[step]}") for step in GrowthStep
    ]


class ReflectionForm(forms.Form):
    key = forms.UUIDField(widget=forms.HiddenInput)
    response = forms.CharField(
        label="Your response",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Your draft saves by itself a few seconds after you stop typing.",
        max_length=RESPONSE_MAX_CHARS,
        error_messages={
            "required": "Write a response before saving.",
            "max_length": f"A response can be at most {RESPONSE_MAX_CHARS:,} characters; "
            "this one has %(show_value)d.",
        },
    )
    self_rating = forms.TypedChoiceField(
        label="Where are you on this attribute today?",
        choices=growth_choices("Not sure yet"),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    evidence_file = forms.FileField(
        label="Evidence file (optional)",
        required=False,
        help_text="A PDF, Word (.docx), PNG or JPG file of up to 10 MB.",
    )
    evidence_link = forms.URLField(
        label="Or a link to evidence (optional)",
        required=False,
        assume_scheme="https",
        max_length=200,
    )
    shared_with_principal = forms.BooleanField(
        label="Let my principal and my mentors read this reflection",
        required=False,
        help_text="Your principal always sees that you submitted it, but not what you wrote. "
        "A mentor sees only the reflections you share.",
    )

    def clean_response(self):
        response = self.cleaned_data["response"]
        if not response.strip():
            raise forms.ValidationError("Write a response before saving.")
        return response

    def clean_evidence_file(self):
        file = self.cleaned_data.get("evidence_file")
        return check_evidence(file) if file else None


class AutosaveForm(forms.Form):
    """What the page sends while the person types: no file, no submit."""

    key = forms.UUIDField()
    response = forms.CharField(max_length=RESPONSE_MAX_CHARS)
    self_rating = forms.TypedChoiceField(
        choices=growth_choices(""), coerce=int, empty_value=None, required=False
    )
    shared_with_principal = forms.BooleanField(required=False)


class AddendumForm(forms.Form):
    text = forms.CharField(
        label="Add a dated note",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=RESPONSE_MAX_CHARS,
        help_text="Your reflection stays as you submitted it; the note is shown under it.",
    )


class FeedbackForm(forms.Form):
    text = forms.CharField(
        label="Your feedback",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10_000,
        error_messages={"required": "Write your feedback before sending it."},
    )
    rating = forms.TypedChoiceField(
        label="Your rating (optional)",
        choices=growth_choices("No rating", GROWTH_STEP_DESCRIPTIONS_OF_OTHERS),
        coerce=int,
        empty_value=None,
        required=False,
    )


class FrameworkForm(forms.ModelForm):
    class Meta:
        model = Framework
        fields = ["name", "description"]
        labels = {"name": "Framework name", "description": "What it is for"}
        formfield_callback = limited_formfield


class AttributeForm(forms.ModelForm):
    class Meta:
        model = Attribute
        fields = ["name", "summary", "description"]
        labels = {"summary": "One-line summary", "description": "Longer description"}
        formfield_callback = limited_formfield


class DescriptorsForm(forms.Form):
    """The three level descriptors of one attribute, edited together."""

    classroom = forms.CharField(
        label="At the classroom level",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_CHARS,
    )
    school = forms.CharField(
        label="At the school level",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_CHARS,
    )
    district = forms.CharField(
        label="At the district level",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX_CHARS,
    )


class PromptForm(forms.ModelForm):
    class Meta:
        model = ReflectionPrompt
        fields = ["text", "level"]
        labels = {"text": "New prompt", "level": "For which level"}
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"text": {"required": "Write the prompt's text before adding it."}}
        formfield_callback = limited_formfield


class ExampleForm(forms.ModelForm):
    class Meta:
        model = LeadershipExample
        fields = ["title", "story", "level"]
        labels = {"title": "Example title", "story": "The story"}
        widgets = {"story": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "title": {"required": "Give the example a title."},
            "story": {"required": "Tell the example's story."},
        }
        formfield_callback = limited_formfield


class ResourceForm(forms.ModelForm):
    url = forms.URLField(label="Link", required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Resource
        fields = ["title", "url", "note"]
        labels = {"title": "Resource title", "url": "Link", "note": "Or a short note"}
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"title": {"required": "Give the resource a title."}}
        formfield_callback = limited_formfield

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("url") and not cleaned.get("note", "").strip():
            raise forms.ValidationError("Give the resource a link or a note.")
        return cleaned


class PersonByEmailField(forms.ModelChoiceField):
    """A district member picked by email address: a list of every staff member is too long."""

    widget = forms.EmailInput

    def to_python(self, value):
        return super().to_python(value.strip().lower() if isinstance(value, str) else value)


class CoachAssignmentForm(forms.Form):
    coach = PersonPickField(
        label="Coach",
        noun="coach",
        required=True,
        widget=Picker(
            attrs={"class": "form-control"},
            search_url=reverse_lazy("portrait:coach_search"),
            empty="Choose a coach",
            hint="Type part of the coach's name or email address.",
        ),
    )
    person = PersonByEmailField(
        label="Email address of the person they coach",
        queryset=get_user_model().objects.none(),
        to_field_name="email",
        error_messages={"invalid_choice": "Nobody with this email address works in the district."},
    )

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = district_coaches(district)
        self.fields["person"].queryset = district_members(district).distinct()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("coach") and cleaned.get("coach") == cleaned.get("person"):
            raise forms.ValidationError("A coach cannot be assigned to themselves.")
        return cleaned


class CoachedFilterForm(forms.Form):
    """Narrows a coach's list of reflections to one person, or to those waiting for feedback."""

    person = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label="Person",
        empty_label="Everybody you coach",
        error_messages={
            "invalid_choice": "That is not somebody you coach, so nothing is filtered."
        },
    )
    waiting = forms.BooleanField(required=False, label="Only those waiting for feedback")

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["person"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["waiting"].widget.attrs["class"] = "form-check-input"


class ExampleEditForm(forms.ModelForm):
    """An existing example: its texts, level, and the attributes it is filed under."""

    class Meta:
        model = LeadershipExample
        fields = ["title", "story", "level", "attributes"]
        labels = {
            "title": "Example title",
            "story": "The story",
            "level": "At which level",
            "attributes": "Show it on these attributes",
        }
        widgets = {
            "story": forms.Textarea(attrs={"rows": 8}),
            "attributes": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "title": {"required": "Give the example a title."},
            "story": {"required": "Tell the example's story."},
            "attributes": {"required": "Choose at least one attribute."},
        }
        formfield_callback = limited_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attributes"].queryset = self.instance.framework.attributes.all()


class ResourceEditForm(ResourceForm):
    """An existing resource, which may also move to another attribute or the whole Portrait."""

    attribute = forms.ModelChoiceField(
        label="Show it on",
        queryset=Attribute.objects.none(),
        required=False,
        empty_label="The whole Portrait (the framework page)",
    )

    class Meta(ResourceForm.Meta):
        fields = ["title", "url", "note", "attribute"]
        error_messages = {"title": {"required": "Give the resource a title."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attribute"].queryset = self.instance.framework.attributes.all()
