"""Type-ahead pickers for long lists (a large district has 1,800 schools and 600 cohorts).

A long <select> ships every option on every page. A picker ships a search box instead: a
labelled `<input type="search" list=...>` whose `<datalist>` htmx fills from a search
endpoint as the person types (at most LIMIT matches). static/js/picker.js turns the box
and its datalist into an ARIA combobox with a listbox (arrow keys move through the matches,
Enter takes one, a status line says how many there are), the same in every browser and
screen reader, which a bare datalist is not; without the script the browser's own datalist
suggests. Only the pages that draw a picker load the script (their `{% block scripts %}`).

The box submits what was typed, so the picker works without JavaScript too: the server
resolves the text (an id from an older link, the exact name, or the only name that
contains it), and when it cannot, the page says so and the datalist on that page holds the
matches to choose from. A set of at most SHORT choices (a principal's own school) stays
a plain <select>.

Every set of choices comes from the caller's access.py, so the search endpoint answers only
with what the asker may pick on that page.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, CharField, F, IntegerField, Q, Value, When
from django.db.models.functions import Concat
from django.forms.utils import flatatt
from django.http import HttpResponse, HttpResponseNotAllowed
from django.utils.html import format_html, format_html_join
from django_filters.filters import QuerySetRequestMixin

from leadership.access import request_id
from leadership.text import without_control_characters
from leadership.widgets import option_tags

LIMIT = 20  # matches a search answers with
SHORT = 30  # a set this small stays a <select>
MAX_CHARS = 200  # longer than any name; the rest of a longer text is ignored


def clean_text(raw):
    """What was typed, without control characters, trimmed, and at most MAX_CHARS long."""
    text = raw if isinstance(raw, str) else ""
    return without_control_characters(text[: MAX_CHARS * 2]).strip()[:MAX_CHARS]


def labelled(queryset, label=None):
    """`queryset` with `pick_label`, the text a person sees and types (the name by default).

    A queryset that has its `pick_label` already is returned as it is: a form whose rows
    offer the same choices labels them once (an opportunity's label, a CASE over the twelve
    months, took half a millisecond to add each time)."""
    if "pick_label" in queryset.query.annotations:
        return queryset
    return queryset.annotate(pick_label=label if label is not None else F("name"))


def matches(choices, text, limit=LIMIT):
    """(pk, label) of the choices whose label contains `text`, an exact match first."""
    text = clean_text(text)
    if not text:
        return []
    found = choices.filter(pick_label__icontains=text).annotate(
        pick_exact=Case(
            When(pick_label__iexact=text, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    )
    return list(
        found.order_by("pick_exact", "pick_label", "pk").values_list("pk", "pick_label")[:limit]
    )


def resolve(choices, raw, noun="choice"):
    """The pk of the one choice `raw` names (an id, or text), or None when nothing was asked.

    Raises ValidationError naming the problem and the closest matches when the text names
    no choice, or several."""
    if raw in (None, ""):
        return None
    chosen = request_id(raw) if isinstance(raw, str) else raw
    if isinstance(chosen, int):
        if 0 < chosen < 2**63 and choices.filter(pk=chosen).exists():  # an id column's range
            return chosen
        raise ValidationError(f"That {noun} is not one you can choose.", code="invalid_choice")
    text = clean_text(raw)
    if not text:
        return None
    found = matches(choices, text, limit=LIMIT + 1)
    exact = [pk for pk, label in found if label.casefold() == text.casefold()]
    if len(exact) == 1:
        return exact[0]
    if len(found) == 1:
        return found[0][0]
    if not found:
        raise ValidationError(f"No {noun} is called “{text}”.", code="invalid_choice")
    names = "; ".join(label for _, label in found[:LIMIT])
    more = " and more" if len(found) > LIMIT else ""
    raise ValidationError(
        f"Several {_plural(noun)} match “{text}”: {names}{more}. Type the whole name.",
        code="invalid_choice",
    )


def _plural(noun):
    if noun == "person":
        return "people"
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return f"{noun}es"
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return f"{noun[:-1]}ies"  # opportunities, but keys
    return f"{noun}s"


def suggestions(pairs):
    """The `<option>`s of a datalist: the label is what fills the box."""
    return format_html_join("", '<option value="{}"></option>', ((label,) for _, label in pairs))


def search_response(request, choices, name):
    """The search endpoint's answer: the datalist options matching `?<name>=` (the box's own
    parameter, as htmx sends it), at most LIMIT. Only read: any other method is 405."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    pairs = matches(choices, request.GET.get(name, ""))
    return HttpResponse(suggestions(pairs), content_type="text/html; charset=utf-8")


def first_choices(choices):
    """(pk, label) of some SHORT + 1 of `choices` (a `labelled()` queryset), in label order:
    sorting every choice by its label to keep the first few took 90 ms over 150,000 people.
    When the choices are few, "some" are all of them, in the order the select shows."""
    some = choices.order_by().values("pk")[: SHORT + 1]
    return list(
        choices.filter(pk__in=some).order_by("pick_label", "pk").values_list("pk", "pick_label")
    )


class Picker(forms.Widget):
    """A search box with a datalist htmx fills from `search_url` (see the module docstring);
    a <select> when the choices are few. `choices` is a `labelled()` queryset, set by the
    field."""

    def __init__(
        self, attrs=None, *, search_url="", hint="Type part of the name.", empty="Any", first=None
    ):
        super().__init__(attrs)
        self.search_url = search_url
        self.hint = hint
        self.empty_label = empty
        self.choices = None
        self.known = None  # (pk, label) of the choice the field cleaned to, set by PickField
        # `first_choices` of `choices`, when several boxes of a form offer the same choices (a
        # growth plan's goals): a function that reads them once for all (functools.cache).
        self.first = first

    def format_value(self, value):
        return "" if value is None else str(value)

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        value = self.format_value(value)
        few = self.first() if self.first else first_choices(self.choices)
        css = final.get("class", "")
        if len(few) <= SHORT:
            final["class"] = css.replace("form-control", "form-select")
            options = option_tags([("", self.empty_label), *few], value)
            return format_html("<select{}>{}</select>", flatatt(final), options)
        chosen = request_id(value)
        if chosen is not None and self.known is not None and self.known[0] == chosen:
            value = self.known[1]  # the field found it while cleaning: no query more
        elif chosen is not None:
            value = next(
                iter(self.choices.filter(pk=chosen).values_list("pick_label", flat=True)), value
            )
        box = final.get("id", name)
        final.update(
            {
                "class": css.replace("form-select", "form-control"),
                "type": "search",
                "value": value,
                "list": f"{box}-list",
                "autocomplete": "off",
                "maxlength": MAX_CHARS,
                "aria-describedby": f"{box}-hint",
                "data-picker": "",
                "hx-get": self.search_url,
                "hx-trigger": "input changed delay:200ms",
                "hx-target": f"#{box}-list",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
            }
        )
        return format_html(
            '<input{}><datalist id="{}">{}</datalist><div class="form-text" id="{}">{}</div>',
            flatatt(final),
            f"{box}-list",
            suggestions(matches(self.choices, value) if chosen is None else []),
            f"{box}-hint",
            self.hint,
        )


class PickField(forms.Field):
    """A choice among `choices` (a queryset), typed or picked; cleans to the model instance."""

    widget = Picker

    def __init__(self, *, queryset=None, label_expression=None, noun="choice", **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.label_expression = label_expression
        self.noun = noun
        self.queryset = queryset if queryset is not None else None

    @property
    def queryset(self):
        return self._queryset

    @queryset.setter
    def queryset(self, queryset):
        self._queryset = queryset
        if queryset is not None:
            self.widget.choices = labelled(queryset, self.label_expression)

    def to_python(self, value):
        if self._queryset is None:
            return None
        if isinstance(value, models.Model):
            value = value.pk
        if value is not None and (isinstance(value, bool) or not isinstance(value, (str, int))):
            # What no box sends (a list, an object, true): refused, never read as "none".
            raise ValidationError(
                f"That {self.noun} is not one you can choose.", code="invalid_choice"
            )
        choices = labelled(self._queryset, self.label_expression)
        pk = resolve(choices, value, self.noun)  # an id the API sends as a number, or text
        if pk is None:
            return None
        found = choices.get(pk=pk)
        # The box shows the chosen label: handing it to the widget spares the search box a
        # query the short <select> does not make, so the page's count is the same either way.
        self.widget.known = (pk, found.pick_label)
        return found


class PickFilter(QuerySetRequestMixin, django_filters.Filter):
    """A django-filter filter whose field is a PickField (a picker, or a select when short);
    `queryset` may be a callable taking the request, as for ModelChoiceFilter."""

    field_class = PickField


# "Tom Teacher (tom@maple.test)": a large district has people of the same name, and the
# address tells them apart; the address alone for somebody without a name.
PERSON_LABEL = Case(
    When(full_name="", then=F("email")),
    default=Concat("full_name", Value(" ("), "email", Value(")"), output_field=CharField()),
    output_field=CharField(),
)


class PersonPickField(PickField):
    """A person typed or picked, labelled with PERSON_LABEL. A typed name or address that is
    exactly one person's is that person, even where other labels contain it too ("Tom
    Teacher" beside "Tom Teachman"); the rest as PickField."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label_expression", PERSON_LABEL)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = clean_text(value) if isinstance(value, str) else ""
        if text and self.queryset is not None and request_id(text) is None:
            named = self.queryset.filter(Q(full_name__iexact=text) | Q(email__iexact=text))
            found = list(named.values_list("pk", flat=True)[:2])
            if len(found) == 1:
                value = str(found[0])
        return super().to_python(value)
