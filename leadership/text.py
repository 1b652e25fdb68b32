"""Text from outside (a form, a query string, a file) that the database and a spreadsheet
can hold: no control characters but tab and line breaks, and a known length.

PostgreSQL refuses a NUL in a text column and in JSON; a spreadsheet refuses most of the
others, and none belongs in a name, a note or a filter. A TextField has no length in the
database, so its form field gets one: the refusal then says the limit and the length sent.
"""

import re

from django.db import models

TEXT_MAX_CHARS = 20_000  # a description, a story, a prompt, a rationale
NOTE_MAX_CHARS = 2_000  # a note beside an action: a decision, an answer, a cancellation

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_control_characters(text):
    """`text` without the control characters a stored or exported text must not hold."""
    return CONTROL_CHARACTERS.sub("", text)


def storable(value):
    """`value` (text, or lists and dicts of them, keys included) without control characters."""
    if isinstance(value, str):
        return without_control_characters(value)
    if isinstance(value, dict):
        return {storable(key): storable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [storable(item) for item in value]
    return value


def limited_formfield(model_field, **kwargs):
    """A ModelForm's `Meta.formfield_callback`: a TextField's form field gets TEXT_MAX_CHARS
    (Django's own refusal then states the limit and the length sent)."""
    if isinstance(model_field, models.TextField) and model_field.max_length is None:
        kwargs.setdefault("max_length", TEXT_MAX_CHARS)
    return model_field.formfield(**kwargs)
