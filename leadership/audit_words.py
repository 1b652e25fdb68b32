"""The audit log in words: "Stage changed from Nominated to In development".

An event's `before` and `after` are small JSON dicts written by the service that made the
change. A key that is a field of the event's model (its `object_type`) is said with that
field's name and, for a field with choices, each value's label; a key an app named with
`name_key` is said its way; any other key is said as its own name in words. Dates follow the
site's date format, lists and nested dicts are said as lists, and nothing is ever shown as a
Python repr. Nothing here queries the database.
"""

import re

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.forms import ModelChoiceField
from django.utils import dateparse, formats, timezone

# Keys written by more than one app, or whose own name says too little.
WORDS = {
    "sha256": "file fingerprint",
    "note": "note",
    "count": "how many",
    "q": "search",
}
# Verbs of the actions' second part; the first part is what it happened to.
VERBS = {
    "create": "created",
    "update": "changed",
    "edit": "edited",
    "add": "added",
    "add_outside": "added from outside Deep Bench",
    "add_own": "added by the person, from outside Deep Bench",
    "verify": "verified",
    "unverify": "no longer verified",
    "remove": "removed",
    "rename": "renamed",
    "cancel": "cancelled",
    "archive": "archived",
    "restore": "restored",
    "submit": "submitted",
    "withdraw": "withdrawn",
    "share": "shared",
    "unshare": "no longer shared",
    "assign": "assigned",
    "unassign": "unassigned",
    "choose": "chosen",
    "unchoose": "no longer chosen",
    "post": "posted",
    "record": "recorded",
    "import": "imported",
    "import_started": "import started",
    "export": "exported",
    "feedback": "feedback given",
    "finish_selection": "selection finished",
}
NOUNS = {"window": "nomination window", "kind": "opportunity kind"}

_named = {}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*")


def name_key(action, key, label, choices=None):
    """Say `key` of `action`'s before/after as `label`, its values by `choices` labels.

    For keys that are not a field of the event's model; apps call it from AppConfig.ready.
    """
    _named[(action, key)] = (label, dict(choices or ()))


def form_in_words(form):
    """A valid form's chosen values as {its label: the value in words}, for an audit event
    (an export's filters say "Stage: Ready now", not "stage: ready_now"). Empty values are
    left out; a choice is said by its label, a record by its name."""
    said = {}
    for name, value in form.cleaned_data.items():
        if value in (None, "", [], (), False) or not hasattr(value, "__len__") and not value:
            continue
        field = form.fields[name]
        choices = dict(_flat(field))
        if isinstance(value, list | tuple):
            words = ", ".join(str(choices.get(item, item)) for item in value)
        elif isinstance(value, str):
            words = str(choices.get(value, value))
        else:
            words = _say(value.isoformat() if hasattr(value, "isoformat") else value)
        label = str(field.label or name.replace("_", " "))
        said[label[:1].upper() + label[1:]] = words
    return said


def _flat(field):
    """(value, label) pairs of a form field's choices, groups opened; none for a model
    choice (its cleaned value is the record itself)."""
    if isinstance(field, ModelChoiceField) or not hasattr(field, "choices"):
        return []
    pairs = []
    for value, label in field.choices:
        pairs.extend(label if isinstance(label, list | tuple) else [(value, label)])
    return pairs


def action_words(action):
    """ "nomination.approved" -> "Nomination approved"; "session.cancel" -> "Session cancelled"."""
    noun, _, verb = action.partition(".")
    noun = NOUNS.get(noun, noun.replace("_", " "))
    verb = VERBS.get(verb, verb.replace("_", " "))
    return f"{noun} {verb}".strip().capitalize()


def changes(event):
    """The event's before and after as sentences, one per key that says something."""
    before = event.before if isinstance(event.before, dict) else {}
    after = event.after if isinstance(event.after, dict) else {}
    model = _model(event.object_type)
    sentences = []
    for key in [*after, *(k for k in before if k not in after)]:
        label, choices = _key(event.action, model, key)
        if key in before and key in after:
            if before[key] != after[key]:
                old, new = _say(before[key], choices), _say(after[key], choices)
                sentences.append(f"{label} changed from {old} to {new}")
        elif key in after:
            sentences.append(f"{label}: {_say(after[key], choices)}")
        else:
            sentences.append(f"{label} was {_say(before[key], choices)}")
    return sentences


def _model(object_type):
    try:
        return apps.get_model(object_type) if object_type else None
    except (LookupError, ValueError):
        return None


def _key(action, model, key):
    if (action, key) in _named:
        label, choices = _named[(action, key)]
        return label[:1].upper() + label[1:], choices
    label, choices = WORDS.get(key, key.replace("_", " ")), {}
    if model is not None:
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            field = None
        if field is not None and hasattr(field, "verbose_name"):
            label, choices = str(field.verbose_name), dict(field.flatchoices or ())
    return label[:1].upper() + label[1:], choices


def _say(value, choices=None):
    if choices and value in choices:
        return str(choices[value])
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        parts = [f"{_key('', None, k)[0].lower()} {_say_part(v)}" for k, v in value.items()]
        return ", ".join(parts) if parts else "none"
    if isinstance(value, list):
        return ", ".join(_say(item, choices) for item in value) if value else "none"
    if isinstance(value, str):
        return _say_text(value)
    return str(value)


def _say_part(value):
    return f"({_say(value)})" if isinstance(value, dict) else _say(value)


def _say_text(text):
    if not text:
        return "blank"
    if _DATE.fullmatch(text):
        day = dateparse.parse_date(text)
        return formats.date_format(day, "DATE_FORMAT") if day else text
    if _DATETIME.fullmatch(text):
        moment = dateparse.parse_datetime(text)
        if moment is not None:
            if timezone.is_aware(moment):
                moment = timezone.localtime(moment)
            return formats.date_format(moment, "DATETIME_FORMAT")
    return text
