"""Selects with many options (a large district has 1,800 schools).

Django renders one template per <option>; at that size that was most of a page's time. These
write the same HTML directly, every label escaped.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def option_tags(pairs, chosen):
    """`<option>`s for (value, label) pairs; `chosen` is a value or a set of values."""
    chosen = {str(value) for value in chosen} if isinstance(chosen, set) else {str(chosen)}
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if str(value) in chosen else "", label)
            for value, label in pairs
        ),
    )


class QuickSelect(forms.Select):
    """A Select that writes its options with `option_tags` instead of a template each."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        options = option_tags(self.choices, set(self.format_value(value)))
        return format_html("<select{}>{}</select>", flatatt(final), options)
