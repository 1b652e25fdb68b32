"""Filters for the pipeline's lists (django-filter): they only clean and narrow querysets."""

import django_filters
from django import forms

from leadership.models import AuditEvent


class AuditEventFilter(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(label="What happened", empty_label="Anything")
    actor = django_filters.CharFilter(
        field_name="actor__full_name", lookup_expr="icontains", label="Who (name contains)"
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
        self.filters["action"].extra["choices"] = [(a, a) for a in actions]
