"""A link per row of a list, reversed once for the whole list.

Django's reverse() matches the URL patterns again on every call: a list of fifty rows with
two links each spent a fifth of its time there. `each_link(name)` reverses the pattern once,
with a number no id reaches, and gives a function that writes a row's id in its place.
"""

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_ANY_ID = 987654321


def each_link(viewname):
    """A function from an id to `reverse(viewname, args=[id])`, for a URL of one id."""
    head, tail = reverse(viewname, args=[_ANY_ID]).split(str(_ANY_ID))
    return lambda pk: f"{head}{int(pk)}{tail}"


_FIXED = {}


def fixed_link(viewname):
    """`reverse(viewname)` for a URL without arguments, reversed once per URLconf and script
    prefix (a figure's or a row's link to a list, written dozens of times a page)."""
    key = (viewname, settings.ROOT_URLCONF, get_urlconf(), get_script_prefix())
    found = _FIXED.get(key)
    if found is None:
        found = _FIXED[key] = reverse(viewname)
    return found
