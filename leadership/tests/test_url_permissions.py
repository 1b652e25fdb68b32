"""Every URL pattern has a row in a permission table, and every row holds for every role."""

import importlib

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from leadership.tests.permission_table import LOGIN, WHO

TABLES = [
    "leadership.tests.permissions",
    "portrait.tests.permissions",
    "programs.tests.permissions",
    "programs.tests.permissions_transcripts",
    "opportunities.tests.permissions",
    "pipeline.tests.permissions",
    "pipeline.tests.permissions_plans",
    "api.tests.permissions",
]
# Django's own admin is tested in test_admin.py; static files are not views of ours.
SKIPPED_NAMESPACES = {"admin"}


def _tables():
    return [importlib.import_module(path) for path in TABLES]


def _all_rows():
    rows = {}
    for table in _tables():
        for name, row in table.ROWS.items():
            rows[name] = (table, row)
    return rows


def _url_names(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            inner = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _url_names(entry, inner)
        elif isinstance(entry, URLPattern):
            yield f"{prefix}{entry.name}" if entry.name else f"{prefix}<unnamed {entry.pattern}>"


def test_it_has_a_row_for_every_url_pattern():
    missing = sorted(set(_url_names()) - set(_all_rows()))
    assert not missing, f"URL patterns without a row in a permission table: {missing}"


def test_it_has_no_row_for_a_url_that_does_not_exist():
    stale = sorted(set(_all_rows()) - set(_url_names()))
    assert not stale, f"Permission rows for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("name", sorted(_all_rows()))
def test_it_answers_each_role_as_the_table_says(name, cast, client_for):
    table, row = _all_rows()[name]
    objects = table.objects(cast)
    url = row.url(objects)
    answers = {}
    for who in WHO:
        client = client_for(None if who == "anonymous" else cast[who])
        response = client.get(url)
        got = response.status_code
        if got == 302 and response["Location"].startswith("/accounts/login/"):
            got = LOGIN
        answers[who] = got
    expected = {who: row.expected(who) for who in WHO}
    assert answers == expected, f"{name} ({url})"
