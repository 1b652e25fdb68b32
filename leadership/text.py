"""Text from outside (a form, a query string, a file) that the database and a spreadsheet
can hold: no control characters but tab and line breaks.

PostgreSQL refuses a NUL in a text column and in JSON; a spreadsheet refuses most of the
others, and none belongs in a name, a note or a filter.
"""

import re

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
