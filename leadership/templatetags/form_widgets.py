"""A form field's widget as crispy-bootstrap5 draws it, without crispy's templates.

A filter form of a dozen fields drawn with `|as_crispy_field` cost half of a list page's
request: crispy renders several templates per field, Django one template per <option>, and
two (the input and its attributes) per text box.
Pages that write a field's label and errors out themselves (pipeline/candidate_list.html)
draw the widget with `{{ field|bootstrap_widget }}`: the same tag, classes and attributes
as crispy-bootstrap5 gives it ("select form-select is-invalid", aria-invalid and
aria-describedby from Django), a single-choice <select> written with option_tags, and an
<input> or <textarea> of Django's own widgets written here as its templates write them.
"""

from django import forms, template
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
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


# Django's templates for these widgets are input.html (through text.html, date.html...) and
# textarea.html, with attrs.html inside each: drawn by `_as_widget` without a template.
_INPUTS = {
    f"django/forms/widgets/{name}.html"
    for name in (
        "text", "number", "email", "url", "password", "date", "datetime", "time", "search",
        "tel", "color", "hidden", "checkbox",
    )
}  # fmt: skip
_TEXTAREA = "django/forms/widgets/textarea.html"


def _attributes(attrs):
    """Django's attrs.html: ` name="value"` each, a True one bare, a False one left out."""
    return mark_safe(
        "".join(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{conditional_escape(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
    )


def _as_widget(field):
    """`field.as_widget()`: the same markup, an <input> or a <textarea> written here instead
    of by two templates; any other widget, or one drawing itself its own way, by Django."""
    widget = field.field.widget
    template = getattr(widget, "template_name", None)  # a widget of its own may have none
    own_rendering = (
        type(widget).render is not forms.Widget.render
        or type(widget)._render is not forms.Widget._render
    )
    if (template not in _INPUTS and template != _TEXTAREA) or own_rendering:
        return field.as_widget()
    if field.field.localize:
        widget.is_localized = True
    attrs = field.build_widget_attrs({}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    drawn = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    value = drawn["value"]
    if template == _TEXTAREA:
        return format_html(
            '<textarea name="{}"{}>\n{}</textarea>',
            drawn["name"],
            _attributes(drawn["attrs"]),
            conditional_escape(value) if value else "",
        )
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        drawn["type"],
        drawn["name"],
        mark_safe(f' value="{conditional_escape(value)}"') if value is not None else "",
        _attributes(drawn["attrs"]),
    )


@register.filter
def bootstrap_widget(field):
    """`field`'s widget with crispy-bootstrap5's classes; see the module docstring."""
    widget = field.field.widget
    extra = {"class": _classes(field)}
    chosen = _chosen(field) if isinstance(widget, forms.Select) else None
    choices = _pairs(widget.choices) if chosen is not None else []
    if chosen is None or any(isinstance(label, (list, tuple)) for _, label in choices):
        widget.attrs.update(extra)  # as crispy does: on the form's own copy of the widget
        return _as_widget(field)
    attrs = field.build_widget_attrs({**widget.attrs, **extra}, widget)
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    return format_html(
        '<select name="{}"{}>{}</select>',
        field.html_name,
        flatatt(attrs),
        option_tags(choices, chosen),
    )


def _drawn_by_crispy(field):
    """Fields whose crispy markup is more than label, widget, errors and help (a checkbox, a
    list of radios or checkboxes, a file, a widget of several): left to crispy itself."""
    widget = field.field.widget
    return field.use_fieldset or isinstance(
        widget, forms.CheckboxInput | forms.RadioSelect | forms.FileInput | forms.MultiWidget
    )


def _crispy_widget(field):
    """The widget exactly as crispy draws it: its classes set on the form's own copy of the
    widget, as crispy sets them, then drawn by `plain_widget`."""
    field.field.widget.attrs["class"] = _classes(field)
    return plain_widget(field)


@register.filter
def plain_widget(field):
    """`{{ field.as_widget }}`, the same markup, attributes in Django's order; a
    single-choice <select>'s options written with option_tags instead of a template each."""
    widget = field.field.widget
    chosen = _chosen(field) if isinstance(widget, forms.Select) else None
    choices = _pairs(widget.choices) if chosen is not None else []
    if chosen is None or any(isinstance(label, (list, tuple)) for _, label in choices):
        return _as_widget(field)
    attrs = {**widget.attrs, **field.build_widget_attrs({}, widget)}
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    return format_html(
        '<select name="{}"{}>{}</select>',
        field.html_name,
        format_html_join(
            "",
            "{}",
            (
                (
                    format_html(" {}", name)
                    if value is True
                    else format_html(' {}="{}"', name, value),
                )
                for name, value in attrs.items()
                if value is not False
            ),
        ),
        option_tags(choices, chosen),
    )


def _help(field):
    """crispy-bootstrap5's help text under a field, or nothing."""
    if not field.help_text:
        return ""
    return format_html(
        '<div {}class="form-text">{}</div>',
        format_html('id="{}_helptext" ', field.auto_id) if field.auto_id else "",
        mark_safe(field.help_text),  # as crispy's |safe: help texts are the code's own
    )


@register.filter
def bootstrap_field(field):
    """`{{ field|as_crispy_field }}` written out: crispy-bootstrap5's field.html (the
    wrapper, the label with its required mark, the widget, errors and help) for a field of
    one input or <select>, without its half-dozen templates; anything else goes to crispy."""
    if field.is_hidden:
        return str(field)
    if _drawn_by_crispy(field):
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

        return as_crispy_field(field)
    css = field.css_classes()
    required = field.field.required
    label = ""
    if field.label:
        label = format_html(
            '<label{} class="form-label{}">{}{}</label>',
            format_html(' for="{}"', field.id_for_label) if field.id_for_label else "",
            " requiredField" if required else "",
            field.label,
            mark_safe('<span class="asteriskField">*</span>') if required else "",
        )
    errors = ""
    if field.errors:
        errors = format_html(
            '<div id="{}_error" class="invalid-feedback">{}</div>',
            field.errors.field_id,
            format_html_join(
                "",
                '<p id="error_{}_{}"><strong>{}</strong></p>',
                ((n, field.auto_id, error) for n, error in enumerate(field.errors, 1)),
            ),
        )
    return format_html(
        '<div id="div_{}" class="mb-3{}">{}{}{}{}</div>',
        field.auto_id,
        f" {css}" if css else "",
        label,
        _crispy_widget(field),
        errors,
        _help(field),
    )


@register.filter
def bootstrap_check(field):
    """`{{ field|as_crispy_field }}` for a single checkbox written out: crispy-bootstrap5's
    field.html (the input, its label after it, the help) with the same tags and attributes,
    without the whitespace its templates leave between them; one with errors goes to crispy."""
    widget = field.field.widget
    if field.errors or field.use_fieldset or not isinstance(widget, forms.CheckboxInput):
        from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field

        return as_crispy_field(field)
    classes = [*widget.attrs.get("class", "").split(), type(widget).__name__.lower()]
    widget.attrs["class"] = " ".join(dict.fromkeys([*classes, "form-check-input"]))
    css = field.css_classes()
    required = field.field.required
    return format_html(
        '<div class="mb-3"><div id="div_{}" class="form-check{}">{}'
        '<label for="{}" class="form-check-label{}">{}{}</label>{}</div></div>',
        field.auto_id,
        f" {css}" if css else "",
        _as_widget(field),
        field.id_for_label,
        " requiredField" if required else "",
        field.label,
        mark_safe('<span class="asteriskField">*</span>') if required else "",
        _help(field),
    )


@register.filter
def bootstrap_form(form):
    """`{{ form|crispy }}` written out: the form's errors, then each field as
    `bootstrap_field` draws it (crispy-bootstrap5's uni_form.html and errors.html)."""
    problems = ""
    if form.non_field_errors():
        problems = format_html(
            '<div class="alert alert-block alert-danger"><ul class="m-0">{}</ul></div>',
            format_html_join("", "<li>{}</li>", ((e,) for e in form.non_field_errors())),
        )
    return format_html(
        "{}{}{}", str(form.media), problems, mark_safe("".join(map(bootstrap_field, form)))
    )
