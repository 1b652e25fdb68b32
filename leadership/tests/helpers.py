"""Helpers for tests across the apps."""

import os

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url):
    """The number of queries one GET of `url` makes, and the response."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured), response


def assert_flat_query_count(client, url, grow):
    """A page's query count must not grow with the rows it shows.

    Requests `url`, calls `grow()` to add rows, requests it again, and fails when the
    second request made more queries than the first.
    """
    small, _ = count_queries(client, url)
    grow()
    large, response = count_queries(client, url)
    assert large == small, f"{url}: {small} queries with few rows, {large} with many"
    return response


def require_service(available, reason):
    """Skip a test whose real service is missing, with the reason shown (`-ra`).

    `.ci/run` sets DEEPBENCH_REQUIRE_SERVICES=true for its PostgreSQL + Redis pass: there a
    missing service fails the test instead, so CI cannot go green without running it.
    """
    if available:
        return
    if os.environ.get("DEEPBENCH_REQUIRE_SERVICES", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason}; this run must exercise the real service", pytrace=False)
    pytest.skip(reason)


def require_postgres():
    """Row locks and concurrent transactions need PostgreSQL; SQLite serialises everything."""
    require_service(
        connection.vendor == "postgresql",
        "needs PostgreSQL (DATABASE_URL=postgres://...) for row locks",
    )
