"""Shared by the tests of the type-ahead pickers (leadership/picker.py) and their searches."""

from leadership import picker
from leadership.models import School
from leadership.tests.helpers import assert_flat_query_count

BAD_INPUT = ["\x00", "a\x00b\x01", "x" * 100_000]


def many_schools(district, count=picker.SHORT + 5, prefix="Extra School"):
    """More schools than a select shows, so the page's filter becomes a search box."""
    School.objects.bulk_create(
        School(district=district, name=f"{prefix} {i:03d}") for i in range(count)
    )


def assert_school_search_capped_and_flat(client, url, district):
    """The school search answers with at most LIMIT schools, in as many queries at 5 schools
    as at 305."""
    many_schools(district, 5)
    grow = lambda: many_schools(district, 300, prefix="Grown School")  # noqa: E731
    assert_flat_query_count(client, f"{url}?school=school", grow, budget=4)
    assert client.get(url, {"school": "school"}).text.count("<option") == picker.LIMIT
