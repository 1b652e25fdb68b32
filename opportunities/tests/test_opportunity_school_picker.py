"""The opportunity list's school filter as a picker (leadership/picker.py): typed or picked,
and its search endpoint answers only with schools of the asker's districts."""

import pytest
from django.urls import reverse

from leadership.models import School
from leadership.tests.picking import (
    BAD_INPUT,
    assert_school_search_capped_and_flat,
    many_schools,
)

pytestmark = pytest.mark.django_db
URL = reverse("opportunities:opportunity_list")
SEARCH = reverse("opportunities:school_search")


def test_it_suggests_every_school_of_the_district_to_everybody_in_it(
    cast, client_for, school, other_school, other_district
):
    School.objects.create(district=other_district, name="Maple Far Away")
    for who in ("admin", "principal", "teacher", "coach"):
        body = client_for(cast[who]).get(SEARCH, {"school": "maple"}).text
        assert school.name in body and other_school.name in body, who
        assert "Maple Far Away" not in body, who


def test_it_requires_login(client_for):
    response = client_for(None).get(SEARCH, {"school": "maple"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_tells_another_district_nothing(cast, client_for, school):
    assert client_for(cast["outsider"]).get(SEARCH, {"school": "maple"}).text == ""


@pytest.mark.parametrize("text", BAD_INPUT)
def test_it_answers_bad_input_with_no_suggestions(cast, client_for, school, text):
    response = client_for(cast["teacher"]).get(SEARCH, {"school": text})
    assert response.status_code == 200 and response.text == ""


def test_it_caps_the_suggestions_and_keeps_its_query_count_flat(cast, client_for, district):
    assert_school_search_capped_and_flat(client_for(cast["teacher"]), SEARCH, district)


def test_it_filters_by_a_typed_school_name_without_javascript(
    cast, client_for, district, school, other_school, make_opportunity
):
    make_opportunity(title="Only for the high school", school=other_school)
    make_opportunity(title="Only for the middle school", school=school)
    make_opportunity(title="For everybody")
    many_schools(district)
    client = client_for(cast["teacher"])
    page = client.get(URL).text
    assert 'type="search"' in page and 'list="id_school-list"' in page
    assert '<label class="form-label small" for="id_school">Open to</label>' in page
    chosen = client.get(URL, {"school": "grove high"}).text
    assert 'value="Maple Grove High School"' in chosen
    assert "Only for the high school" in chosen and "For everybody" in chosen
    assert "Only for the middle school" not in chosen


def test_it_names_the_matches_when_the_typed_school_is_unclear(cast, client_for, district):
    many_schools(district)
    page = client_for(cast["teacher"]).get(URL, {"school": "Extra School 00"}).text
    assert "Several schools match “Extra School 00”" in page
    assert '<option value="Extra School 001"></option>' in page


def test_an_htmx_refresh_says_when_the_typed_school_is_unclear(cast, client_for, district):
    many_schools(district)
    fragment = client_for(cast["teacher"]).get(
        URL, {"school": "Extra School 00"}, headers={"HX-Request": "true"}
    )
    assert "<h1" not in fragment.text
    assert 'role="alert">Open to: Several schools match “Extra School 00”' in fragment.text
