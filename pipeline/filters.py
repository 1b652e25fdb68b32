"""Filters for the pipeline's lists (django-filter): they only clean and narrow querysets."""

import django_filters
from django import forms
from django.db.models import Case, IntegerField, OuterRef, Subquery, Value, When
from django.urls import reverse_lazy

from leadership.audit_words import action_words
from leadership.models import AuditEvent, Level, School
from leadership.picker import Picker, PickFilter
from leadership.text import without_control_characters
from pipeline.models import Candidate, Readiness, Stage
from pipeline.sections import EXTRA_FILTERS
from portrait.models import Attribute, GrowthStep, Reflection


class AuditEventFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(label="What happened", empty_label="Anything")
    actor = django_filters.CharFilter(
        field_name="actor__full_name",
        lookup_expr="icontains",
        label="Who (name contains)",
        max_length=200,
    )
    since = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__gte",
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__lte",
        label="Until",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    class Meta:
        model = AuditEvent
        fields = ["action", "actor", "since", "until"]

    def __init__(self, *args, actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["action"].extra["choices"] = [(a, action_words(a)) for a in actions]


SCHOOL_HINT = "Type part of the school's name, then pick it from the list."

STAGE_ORDER = Case(
    *[When(stage=value, then=Value(i)) for i, value in enumerate(Stage.values)],
    output_field=IntegerField(),
)
READINESS_ORDER = Case(
    *[When(readiness=value, then=Value(i)) for i, value in enumerate(Readiness.values)],
    output_field=IntegerField(),
)


def latest_rating(attribute_id, *, shared_only):
    """Subquery: the candidate's latest submitted self-rating on one attribute.

    A principal only counts ratings the author shared with them (portrait/access.py's rule).
    """
    reflections = Reflection.objects.submitted()
    if shared_only:
        reflections = reflections.filter(shared_with_principal=True)
    return Subquery(
        reflections.filter(
            author=OuterRef("user"),
            district=OuterRef("district"),
            attribute_id=attribute_id,
            self_rating__isnull=False,
        )
        .order_by("-submitted_at", "-id")
        .values("self_rating")[:1]
    )


class CandidateFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_name", label="Name contains", max_length=200)
    school = PickFilter(
        queryset=School.objects.none(),
        noun="school",
        widget=Picker(search_url=reverse_lazy("pipeline:school_search"), hint=SCHOOL_HINT),
    )
    current_level = django_filters.ChoiceFilter(
        choices=Level.choices, label="Leads now at", empty_label="Any"
    )
    target_level = django_filters.ChoiceFilter(
        choices=Level.choices, label="Aims to lead at", empty_label="Any"
    )
    stage = django_filters.ChoiceFilter(choices=Stage.choices, empty_label="Any")
    active = django_filters.ChoiceFilter(
        choices=[("yes", "Not yet placed or exited")],
        method="filter_active",
        label="Still on the bench",
        empty_label="Everybody",
    )
    readiness = django_filters.ChoiceFilter(choices=Readiness.choices, empty_label="Any")
    attribute = django_filters.ModelChoiceFilter(
        queryset=Attribute.objects.none(),
        method="filter_noop",
        label="Latest self-rating on",
        empty_label="Any attribute",
    )
    at_least = django_filters.ChoiceFilter(
        choices=GrowthStep.choices,
        method="filter_noop",
        label="At least",
        empty_label="Any step",
    )
    sort = django_filters.OrderingFilter(
        fields=(
            ("user__full_name", "name"),
            ("school__name", "school"),
            ("stage_order", "stage"),
            ("readiness_order", "readiness"),
            ("updated_at", "updated"),
        ),
        field_labels={
            "name": "Name",
            "school": "School",
            "stage": "Stage",
            "readiness": "Readiness",
            "updated": "Last change",
        },
        label="Sort by",
        empty_label="Name",
    )

    class Meta:
        model = Candidate
        fields = ["q", "school", "current_level", "target_level", "stage", "readiness"]

    def __init__(self, data=None, *args, district, schools, is_admin, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.is_admin = is_admin
        self.filters["school"].queryset = schools
        self.filters["attribute"].queryset = Attribute.objects.filter(
            framework__district=district, framework__is_current=True
        )
        for name, make_filter in EXTRA_FILTERS:
            extra = make_filter(district, schools)
            if extra is not None:
                self.filters[name] = extra

    def filter_name(self, queryset, name, value):
        return queryset.filter(user__full_name__icontains=without_control_characters(value).strip())

    def filter_active(self, queryset, name, value):
        return queryset.exclude(stage__in=[Stage.PLACED, Stage.EXITED])

    def filter_noop(self, queryset, name, value):
        return queryset  # applied together in filter_queryset

    def filter_queryset(self, queryset):
        queryset = queryset.alias(stage_order=STAGE_ORDER, readiness_order=READINESS_ORDER)
        queryset = super().filter_queryset(queryset)
        attribute = self.form.cleaned_data.get("attribute")
        at_least = self.form.cleaned_data.get("at_least")
        if attribute is not None:
            queryset = queryset.annotate(
                rating=latest_rating(attribute.pk, shared_only=not self.is_admin)
            ).filter(rating__gte=int(at_least or GrowthStep.EMERGING))
        if not self.form.cleaned_data.get("sort"):
            queryset = queryset.order_by("user__full_name", "id")
        return queryset
