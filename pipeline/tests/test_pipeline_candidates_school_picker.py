"""The candidate list's school filter as a picker (leadership/picker.py): typed or picked,
and its search endpoint answers only with the schools the list offers the asker."""

import pytest
from django.urls import reverse

from leadership.models import School
from leadership.tests.picking import (
    BAD_INPUT,
    assert_school_search_capped_and_flat,
    many_schools,
)
from pipeline.models import Stage
from pipeline.tests.pipeline_data import candidate

pytestmark = pytest.mark.django_db
URL = "/pipeline/candidates/"
SEARCH = reverse("pipeline:school_search")


def test_it_suggests_the_admins_district_schools_only(cast, client_for, school, other_district):
    School.objects.create(district=other_district, name="Maple Far Away")
    body = client_for(cast["admin"]).get(SEARCH, {"school": "maple"}).text
    assert body == (
        '<option value="Maple Grove High School"></option>'
        '<option value="Maple Grove Middle School"></option>'
    )


def test_it_suggests_a_principal_only_their_own_school(cast, client_for, school, other_school):
    body = client_for(cast["principal"]).get(SEARCH, {"school": "maple grove"}).text
    assert school.name in body and other_school.name not in body


def test_it_requires_login(client_for):
    response = client_for(None).get(SEARCH, {"school": "maple"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_tells_another_district_nothing(cast, client_for, school):
    assert client_for(cast["outsider"]).get(SEARCH, {"school": "maple"}).text == ""


def test_it_refuses_teachers_and_coaches(cast, client_for):
    for who in ("teacher", "coach"):
        assert client_for(cast[who]).get(SEARCH, {"school": "maple"}).status_code == 403


@pytest.mark.parametrize("text", BAD_INPUT)
def test_it_answers_bad_input_with_no_suggestions(cast, client_for, school, text):
    response = client_for(cast["admin"]).get(SEARCH, {"school": text})
    assert response.status_code == 200 and response.text == ""


def test_it_caps_the_suggestions_and_keeps_its_query_count_flat(cast, client_for, district):
    assert_school_search_capped_and_flat(client_for(cast["admin"]), SEARCH, district)


def test_it_filters_by_a_typed_school_name_without_javascript(
    cast, client_for, district, school, other_school
):
    candidate(district, school, "Alma Ready", Stage.READY_NOW)
    candidate(district, other_school, "Bert Later", Stage.READY_LATER)
    many_schools(district)
    client = client_for(cast["admin"])
    page = client.get(URL).text
    assert 'type="search"' in page and 'list="id_school-list"' in page
    found = client.get(URL, {"school": "grove high"}).text
    assert "Bert Later" in found and "Alma Ready" not in found
    assert 'value="Maple Grove High School"' in found
    # An id from an older link still works, and shows the school's name.
    by_id = client.get(URL, {"school": school.pk}).text
    assert "Alma Ready" in by_id and "Bert Later" not in by_id
    assert 'value="Maple Grove Middle School"' in by_id


def test_it_names_the_matches_and_exports_nothing_when_the_school_is_unclear(
    cast, client_for, district, school, other_school
):
    candidate(district, school, "Alma Ready", Stage.READY_NOW)
    many_schools(district)
    client = client_for(cast["admin"])
    page = client.get(URL, {"school": "maple grove"}).text
    assert "Several schools match “maple grove”" in page
    assert '<option value="Maple Grove High School"></option>' in page
    export = client.get(
        reverse("pipeline:candidate_export", args=["csv"]), {"school": "maple grove"}, follow=True
    )
    assert "Nothing was exported" in export.text


def test_an_htmx_refresh_says_when_the_typed_school_is_unclear(cast, client_for, district):
    many_schools(district)
    fragment = client_for(cast["admin"]).get(
        URL, {"school": "Extra School 00"}, headers={"HX-Request": "true"}
    )
    assert "<h1" not in fragment.text
    assert 'role="alert">School: Several schools match “Extra School 00”' in fragment.text
