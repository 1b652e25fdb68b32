"""A form field's widget as crispy-bootstrap5 draws it, without crispy's templates.

A filter form of a dozen fields drawn with `|as_crispy_field` cost half of a list page's
request: crispy renders several templates per field, and Django one template per <option>.
Pages that write a field's label and errors out themselves (pipeline/candidate_list.html)
draw the widget with `{{ field|bootstrap_widget }}`: the same tag, classes and attributes
as crispy-bootstrap5 gives it ("select form-select is-invalid", aria-invalid and
aria-describedby from Django), and a single-choice <select> written with option_tags.
"""

from django import forms, template
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import format_html
from django_filters.widgets import BaseCSVWidget

from leadership.widgets import option_tags

register = template.Library()


def _classes(field):
    """crispy_field's class attribute: the widget's own classes and its class name, then
    Bootstrap's (form-select for a Select, form-control otherwise), then is-invalid."""
    widget = field.field.widget
    name = type(widget).__name__.lower()
    classes = widget.attrs.get("class", "").split()
    if name not in classes:
        classes.append(name)
    classes.append("form-select" if isinstance(widget, forms.Select) else "form-control")
    if field.errors:
        classes.append("is-invalid")
    return " ".join(dict.fromkeys(classes))


def _chosen(field):
    """The single value a <select> shows as chosen, or None when it needs Django's own
    rendering (a multiple select, or a CSV filter given several values)."""
    widget = field.field.widget
    if widget.allow_multiple_selected:
        return None
    value = field.value()
    if isinstance(widget, BaseCSVWidget) and isinstance(value, (list, tuple)):
        if len(value) > 1:
            return None
        value = value[0] if value else ""
    return "" if value is None else str(value)


def _pairs(choices):
    """(value, label) of each option. A model choice's rows are read in one query: its own
    iterator opens a server-side cursor (three round trips on PostgreSQL), and list() on it
    would count the rows first."""
    if not isinstance(choices, ModelChoiceIterator):
        return [pair for pair in choices]
    empty = choices.field.empty_label
    return [*([("", empty)] if empty is not None else []), *map(choices.choice, choices.queryset)]


@register.filter
def bootstrap_widget(field):
    """`field`'s widget with crispy-bootstrap5's classes; see the module docstring."""
    widget = field.field.widget
    extra = {"class": _classes(field)}
    chosen = _chosen(field) if isinstance(widget, forms.Select) else None
    choices = _pairs(widget.choices) if chosen is not None else []
    if chosen is None or any(isinstance(label, (list, tuple)) for _, label in choices):
        widget.attrs.update(extra)  # as crispy does: on the form's own copy of the widget
        return field.as_widget()
    attrs = field.build_widget_attrs({**widget.attrs, **extra}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    return format_html(
        '<select name="{}"{}>{}</select>',
        field.html_name,
        flatatt(attrs),
        option_tags(choices, chosen),
    )
