"""static/js/picker.js is sent only with the pages that have a type-ahead picker on them."""

import pytest

from leadership.tests.picking import many_schools

SCRIPT = '<script src="/static/js/picker.js"></script>'


@pytest.mark.parametrize(
    "url",
    [
        "/pipeline/candidates/",
        "/opportunities/",
        "/nominations/",
        "/opportunities/new/",
        "/positions/add/",
        "/succession/settings/",
    ],
)
def test_it_comes_with_the_pages_that_have_a_picker(cast, client_for, district, url):
    many_schools(district)  # enough that the school filter is a search box
    page = client_for(cast["admin"]).get(url).text
    assert 'type="search"' in page and "data-picker" in page
    assert SCRIPT in page


@pytest.mark.parametrize("url", ["/", "/portrait/", "/pipeline/"])
def test_it_stays_away_from_pages_without_one(cast, client_for, district, url):
    many_schools(district)
    response = client_for(cast["admin"]).get(url)
    assert response.status_code == 200
    assert "data-picker" not in response.text
    assert "js/picker.js" not in response.text


def test_a_teachers_nomination_list_has_no_picker_and_no_script(cast, client_for, district):
    many_schools(district)
    page = client_for(cast["teacher"]).get("/nominations/").text
    assert "Nominations" in page and "data-picker" not in page
    assert "js/picker.js" not in page
