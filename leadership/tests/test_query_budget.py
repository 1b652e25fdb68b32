"""The query-count helper fails a page over its budget even when its count stays flat."""

import pytest

from leadership.tests.helpers import assert_flat_query_count, count_queries


def test_it_fails_a_page_one_query_over_its_budget(cast, client_for):
    client = client_for(cast["admin"])
    count, _ = count_queries(client, "/")
    with pytest.raises(AssertionError) as failure:
        assert_flat_query_count(client, "/", lambda: None, budget=count - 1)
    assert str(failure.value).startswith(f"/: {count} queries, over its budget of {count - 1}")


def test_it_passes_a_page_at_exactly_its_budget(cast, client_for):
    client = client_for(cast["admin"])
    count, _ = count_queries(client, "/")
    response = assert_flat_query_count(client, "/", lambda: None, budget=count)
    assert response.status_code == 200


def test_it_requires_a_budget(cast, client_for):
    with pytest.raises(TypeError, match="budget"):
        assert_flat_query_count(client_for(cast["admin"]), "/", lambda: None)
