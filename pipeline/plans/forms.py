"""Forms for growth plans: they clean and validate, nothing else."""

from datetime import timedelta
from functools import cache, partial

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import CharField, IntegerField, Value
from django.db.models.functions import (
    Cast,
    Coalesce,
    Concat,
    ExtractDay,
    ExtractMonth,
    ExtractYear,
    Substr,
)
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format

from leadership import school_year
from leadership.models import Level
from leadership.picker import Picker, PickField, first_choices, labelled
from leadership.text import TEXT_MAX_CHARS
from opportunities.models import Opportunity
from pipeline.plans.models import MAX_GOALS, PlanNote
from pipeline.succession.models import PositionKind
from portrait.forms import PersonByEmailField
from portrait.models import Attribute, ReflectionPrompt, Resource
from programs.models import Program, Session

GOAL_PARTS = ("attribute", "text", "success", "target_on")
LINKS = ("prompt", "opportunity", "program", "session", "resource")


def goal_choices(district):
    """What a goal may be tied to and linked with, in the author's district (the plan form's
    choices, and the only ones its pickers' search endpoints answer with)."""
    current = {"framework__district": district, "framework__is_current": True}
    return {
        "attribute": Attribute.objects.filter(**current),
        "prompt": ReflectionPrompt.objects.active().filter(
            attribute__framework__district=district, attribute__framework__is_current=True
        ),
        "opportunity": Opportunity.objects.filter(district=district)
        .open_on(timezone.localdate())
        .order_by("title"),
        "program": Program.objects.filter(district=district, is_active=True),
        # A form field's queryset cannot be sliced (it is filtered to check the choice): the
        # sessions of the coming year instead.
        "session": Session.objects.scheduled()
        .filter(
            cohort__program__district=district,
            starts_at__gte=timezone.now(),
            starts_at__lt=timezone.now() + timedelta(days=365),
        )
        .select_related("cohort__program")
        .order_by("starts_at"),
        "resource": Resource.objects.filter(
            framework__district=district, framework__is_current=True, is_archived=False
        ),
    }


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(field):
    """The date `field` as the site writes a date (DATE_FORMAT "j M Y": "3 Dec 2026"), in SQL
    that SQLite and PostgreSQL both run (SQLite's strftime has no month names, and the two
    share no function that formats a date)."""
    # The month's three letters cut out of "JanFeb...Dec": one expression, where a CASE of
    # twelve WHENs cost about a millisecond of Python to build and compile on every page.
    start = Cast(ExtractMonth(field), IntegerField()) * 3 - 2
    month = Substr(Value("".join(MONTHS)), start, 3, output_field=CharField())
    return Concat(
        ExtractDay(field),
        Value(" "),
        month,
        Value(" "),
        ExtractYear(field),
        output_field=CharField(),
    )


# What a person sees and types for the links a picker offers (leadership/picker.py). An
# opportunity's title with its school ("District-wide" without one) and closing day, since
# schools of a district post the same title ("PLC facilitator"); a session's title with its
# program and cohort, since a district's cohorts each have a "Session 2".
PICKED = {
    "opportunity": {
        "label": Concat(
            "title",
            Value(" ("),
            Coalesce("school__name", Value("District-wide")),
            Value(", closes "),
            _day("closes_on"),
            Value(")"),
            output_field=CharField(),
        ),
        "url": reverse_lazy("pipeline:plan_opportunity_search"),
        "hint": "Type part of the opportunity's title or school.",
    },
    "session": {
        "label": Concat(
            "title",
            Value(" ("),
            "cohort__program__name",
            Value(" — "),
            "cohort__name",
            Value(")"),
            output_field=CharField(),
        ),
        "url": reverse_lazy("pipeline:plan_session_search"),
        "hint": "Type part of the session's title, program or cohort.",
    },
}

LINK_LABELS = {
    "prompt": "A prompt to reflect on",
    "opportunity": "An opportunity to apply for",
    "program": "A program to join",
    "session": "A session to attend",
    "resource": "A resource to read or use",
}


def _picker(link, label, queryset, first):
    """A goal's opportunity or session, typed or picked: a search box once there are more
    than a few (a large district has 2,000 open opportunities)."""
    picked = PICKED[link]
    return PickField(
        label=label,
        queryset=queryset,
        label_expression=picked["label"],
        noun=link,
        widget=Picker(
            attrs={"class": "form-control"},
            search_url=picked["url"],
            hint=picked["hint"],
            empty="None",
            first=first,
        ),
    )


def picker_choices(district, link):
    """The labelled choices of a goal's `link` picker: what its search endpoint answers from."""
    return labelled(goal_choices(district)[link], PICKED[link]["label"])


class PlanForm(forms.Form):
    """The plan and up to three goals, each named `goal<n>_<part>`. `cleaned_data["goals"]`
    holds a dict per goal written (its parts and the links chosen)."""

    target_kind = forms.ModelChoiceField(
        label="The position you are working toward (optional)",
        queryset=PositionKind.objects.none(),
        required=False,
        empty_label="No position in particular",
    )
    target_level = forms.ChoiceField(
        label="Or the level you want to lead at (optional)",
        choices=[("", "No level in particular"), *Level.choices],
        required=False,
    )
    shared_with_principal = forms.BooleanField(
        label="Let my principal and my mentors read this plan",
        required=False,
        help_text="Your coach and the district's leadership office read it once you ask for a "
        "review.",
    )
    sponsor = PersonByEmailField(
        label="Invite a sponsor to review it (their email address, optional)",
        queryset=get_user_model().objects.none(),
        to_field_name="email",
        required=False,
        error_messages={"invalid_choice": "Nobody with this email address works in the district."},
    )

    def __init__(self, *args, district, author, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        self.author = author
        self.fields["target_kind"].queryset = PositionKind.objects.filter(
            district=district, is_archived=False
        )
        self.fields["sponsor"].queryset = (
            get_user_model()
            .objects.filter(
                memberships__district=district, memberships__is_active=True, is_active=True
            )
            .distinct()
        )
        choices = goal_choices(district)
        # Every goal offers the same links: the pickers' choices are labelled once, and
        # their first few read once.
        for link, picked in PICKED.items():
            choices[link] = labelled(choices[link], picked["label"])
        self._first = {link: cache(partial(first_choices, choices[link])) for link in PICKED}
        for n in range(1, MAX_GOALS + 1):
            self._goal_fields(n, choices)
        self._share_choices()

    def _share_choices(self):
        """The second and third goals' selects draw the first goal's choices, so that the
        page reads each list once (form_widgets keeps a model choice's rows once read);
        each field still checks what it is sent against its own queryset."""
        for n in range(2, MAX_GOALS + 1):
            for part in ("attribute", *(link for link in LINKS if link not in PICKED)):
                self.fields[f"goal{n}_{part}"].widget.choices = self.fields[
                    f"goal1_{part}"
                ].widget.choices

    def _goal_fields(self, n, choices):
        first, last = school_year.bounds(self.year)
        self.fields[f"goal{n}_attribute"] = forms.ModelChoiceField(
            label="The attribute it grows",
            queryset=choices["attribute"],
            required=False,
            empty_label="Choose an attribute",
        )
        self.fields[f"goal{n}_text"] = forms.CharField(
            label="What you will grow in",
            required=False,
            max_length=TEXT_MAX_CHARS,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        self.fields[f"goal{n}_success"] = forms.CharField(
            label="How success will show",
            required=False,
            max_length=TEXT_MAX_CHARS,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        self.fields[f"goal{n}_target_on"] = forms.DateField(
            label="By when",
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
            help_text=f"A day from {date_format(first)} to {date_format(last)}.",
        )
        for link in LINKS:
            label = f"{LINK_LABELS[link]} (optional)"
            if link in PICKED:
                self.fields[f"goal{n}_{link}"] = _picker(
                    link, label, choices[link], self._first[link]
                )
                continue
            self.fields[f"goal{n}_{link}"] = forms.ModelChoiceField(
                label=label, queryset=choices[link], required=False, empty_label="None"
            )

    def goal_fields(self):
        """(number, [bound fields]) for the template, one group per goal."""
        names = (*GOAL_PARTS, *LINKS)
        return [(n, [self[f"goal{n}_{part}"] for part in names]) for n in range(1, MAX_GOALS + 1)]

    def clean_sponsor(self):
        sponsor = self.cleaned_data.get("sponsor")
        if sponsor is not None and sponsor.pk == self.author.pk:
            raise forms.ValidationError("Invite somebody else: you write the plan.")
        return sponsor

    def clean(self):
        cleaned = super().clean()
        goals = []
        for n in range(1, MAX_GOALS + 1):
            parts = {part: cleaned.get(f"goal{n}_{part}") for part in (*GOAL_PARTS, *LINKS)}
            named = [f"goal{n}_{part}" for part in (*GOAL_PARTS, *LINKS)]
            if not any(parts.values()) and not any(name in self.errors for name in named):
                continue
            self._check_goal(n, parts)
            goals.append(parts)
        if not goals and not self.errors:
            self.add_error(None, "Write at least one goal: what you will grow in, and how.")
        cleaned["goals"] = goals
        return cleaned

    def _check_goal(self, n, parts):
        if not parts["attribute"] and f"goal{n}_attribute" not in self.errors:
            self.add_error(f"goal{n}_attribute", f"Choose the attribute goal {n} grows.")
        if not (parts["text"] or "").strip():
            self.add_error(f"goal{n}_text", f"Say what you will grow in for goal {n}.")
        if not (parts["success"] or "").strip():
            self.add_error(f"goal{n}_success", f"Say how success will show for goal {n}.")
        first, last = school_year.bounds(self.year)
        day = parts["target_on"]
        if day is None and f"goal{n}_target_on" not in self.errors:
            self.add_error(f"goal{n}_target_on", f"Give goal {n} a target date.")
        elif day is not None and not first <= day <= last:
            self.add_error(
                f"goal{n}_target_on",
                f"Goal {n}'s target date must fall in the school year "
                f"{school_year.label(self.year)}: from {date_format(first)} to "
                f"{date_format(last)}.",
            )


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Your comment",
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write a comment first."},
    )


class ReviewForm(NoteForm):
    text = forms.CharField(
        label="Your review",
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What is strong in the plan, and what you would change.",
        error_messages={"required": "Write what you think of the plan before marking it reviewed."},
    )


class CheckInForm(forms.Form):
    progress = forms.ChoiceField(
        label="Where you are",
        choices=[(value, label) for value, label in PlanNote.Progress.choices],
        error_messages={"required": "Say where you are with this goal."},
    )
    text = forms.CharField(
        label="What happened since the last check-in",
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say what happened since the last check-in."},
    )


class CloseForm(forms.Form):
    reflection = forms.CharField(
        label="A short reflection to close the goal",
        max_length=TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you learned, and what you will carry on.",
        error_messages={"required": "Write a short reflection to close the goal."},
    )
