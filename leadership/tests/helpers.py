"""Helpers for tests across the apps."""

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
