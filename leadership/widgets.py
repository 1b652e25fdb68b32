"""Selects with many options (a large district has 1,800 schools).

Django renders one template per <option>, and builds a model instance per row of a model
choice; at that size that was most of a page's time. These write the same HTML directly,
every value and label escaped.
"""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe


def option_tags(pairs, chosen, disabled=None):
    """`<option>`s for (value, label) pairs; `chosen` is a value or a set of values.

    `disabled` maps a value to why it cannot be chosen: that option is written disabled
    (never selected), its label followed by the reason, so the list says who is there and
    why they cannot be picked instead of leaving them out.
    """
    chosen = {str(value) for value in chosen} if isinstance(chosen, set) else {str(chosen)}
    why = {str(value): reason for value, reason in (disabled or {}).items()}
    tags = []
    for value, label in pairs:
        value = str(value)
        if value in why:
            text = f"{label} — {why[value]}"
            tags.append(f'<option value="{escape(value)}" disabled>{escape(text)}</option>')
        else:
            selected = " selected" if value in chosen else ""
            tags.append(f'<option value="{escape(value)}"{selected}>{escape(str(label))}</option>')
    return mark_safe("".join(tags))


class QuickSelect(forms.Select):
    """A Select that writes its options with `option_tags` instead of a template each.

    With `label_field`, a model choice reads (pk, that field) straight from the database
    instead of building a model instance per option; the label is then that field. A tuple
    of fields labels each option with the first of them that is not empty.

    `disabled` ({value: reason}) writes those options disabled, with the reason after the
    label (option_tags).
    """

    def __init__(self, *args, label_field=None, disabled=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.label_field = label_field
        self.disabled = disabled or {}

    def _pairs(self):
        queryset = getattr(self.choices, "queryset", None)
        if self.label_field is None or queryset is None:
            return self.choices
        empty = self.choices.field.empty_label
        fields = self.label_field if isinstance(self.label_field, tuple) else (self.label_field,)
        rows = [
            (pk, next((label for label in labels if label), ""))
            for pk, *labels in queryset.values_list("pk", *fields)
        ]
        return [("", empty), *rows] if empty is not None else rows

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        options = option_tags(self._pairs(), set(self.format_value(value)), self.disabled)
        return format_html("<select{}>{}</select>", flatatt(final), options)
