"""The posting form's "Who may apply" as a picker (leadership/picker.py): an admin types or
picks one of the district's active schools, and the search endpoint answers only with those."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from leadership.models import School
from leadership.tests.picking import (
    BAD_INPUT,
    assert_school_search_capped_and_flat,
    many_schools,
)
from opportunities.models import Opportunity

pytestmark = pytest.mark.django_db
URL = reverse("opportunities:opportunity_create")
SEARCH = reverse("opportunities:posting_school_search")
SCRIPT = '<script src="/static/js/picker.js"></script>'


def _data(kind, school):
    return {
        "title": "Lead the grade 7 team",
        "kind": kind.pk,
        "description": "Run the team's weekly meeting.",
        "level": "school",
        "time_asked": "One hour a week",
        "seats": 1,
        "school": school,
        "closes_on": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
    }


def test_it_suggests_the_districts_active_schools_to_its_admin(
    cast, client_for, district, school, other_school, other_district
):
    School.objects.create(district=other_district, name="Maple Far Away")
    School.objects.create(district=district, name="Maple Closed School", is_active=False)
    body = client_for(cast["admin"]).get(SEARCH, {"school": "maple"}).text
    assert body == (
        '<option value="Maple Grove High School"></option>'
        '<option value="Maple Grove Middle School"></option>'
    )


def test_it_requires_login(client_for):
    response = client_for(None).get(SEARCH, {"school": "maple"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_tells_another_district_nothing(cast, client_for, school):
    assert client_for(cast["outsider"]).get(SEARCH, {"school": "maple"}).text == ""


def test_it_refuses_the_wrong_role(cast, client_for, school):
    for who in ("principal", "teacher", "coach"):
        assert client_for(cast[who]).get(SEARCH, {"school": "maple"}).status_code == 403, who


@pytest.mark.parametrize("text", [*BAD_INPUT, ""])
def test_it_answers_bad_input_with_no_suggestions(cast, client_for, school, text):
    response = client_for(cast["admin"]).get(SEARCH, {"school": text})
    assert response.status_code == 200 and response.text == ""


def test_it_caps_the_suggestions_and_keeps_its_query_count_flat(cast, client_for, district):
    assert_school_search_capped_and_flat(client_for(cast["admin"]), SEARCH, district)


def test_the_form_offers_a_search_box_instead_of_every_school(cast, client_for, district, kind):
    many_schools(district)
    page = client_for(cast["admin"]).get(URL).text
    assert 'type="search"' in page and 'list="id_school-list"' in page
    assert re.search(r'<label for="id_school" class="form-label">\s*Who may apply\s*</label>', page)
    assert "Extra School 000" not in page
    assert page.count("<option") < 31  # the kinds, not a school each
    assert SCRIPT in page


def test_a_principal_picks_no_school_and_gets_no_script(cast, client_for, district, kind):
    many_schools(district)
    page = client_for(cast["principal"]).get(URL).text
    assert "Post a leadership opportunity" in page
    assert "data-picker" not in page and SCRIPT not in page


def test_it_posts_for_a_school_typed_by_name_without_javascript(
    cast, client_for, district, kind, school
):
    many_schools(district)
    response = client_for(cast["admin"]).post(URL, _data(kind, "maple grove middle"))
    assert response.status_code == 302
    assert Opportunity.objects.get().school == school


def test_it_posts_for_everybody_when_the_box_is_empty(cast, client_for, district, kind):
    many_schools(district)
    client_for(cast["admin"]).post(URL, _data(kind, ""))
    assert Opportunity.objects.get().school is None


def test_it_names_the_matches_and_posts_nothing_when_the_school_is_unclear(
    cast, client_for, district, kind
):
    many_schools(district)
    client = client_for(cast["admin"])
    unclear = client.post(URL, _data(kind, "Extra School 00")).text
    assert "Several schools match “Extra School 00”" in unclear
    assert '<option value="Extra School 001"></option>' in unclear
    assert 'value="Extra School 00"' in unclear  # what was typed stays in the box
    unknown = client.post(URL, _data(kind, "Zebra Academy")).text
    assert "No school is called “Zebra Academy”" in unknown
    assert not Opportunity.objects.exists()


def test_it_refuses_a_school_of_another_district_or_a_closed_one(
    cast, client_for, district, kind, other_district
):
    many_schools(district)
    far = School.objects.create(district=other_district, name="Cedar Falls High")
    School.objects.create(district=district, name="Maple Closed School", is_active=False)
    client = client_for(cast["admin"])
    assert "That school is not one you can choose." in client.post(URL, _data(kind, far.pk)).text
    by_name = client.post(URL, _data(kind, "Maple Closed School")).text
    assert "No school is called “Maple Closed School”" in by_name
    assert not Opportunity.objects.exists()


def test_the_edit_form_shows_the_chosen_school_and_saves_a_typed_one(
    cast, client_for, district, school, other_school, make_opportunity
):
    opportunity = make_opportunity(school=school)
    many_schools(district)
    url = reverse("opportunities:opportunity_edit", args=[opportunity.pk])
    client = client_for(cast["admin"])
    page = client.get(url).text
    assert 'value="Maple Grove Middle School"' in page and SCRIPT in page
    data = _data(opportunity.kind, "Maple Grove High School")
    assert client.post(url, data).status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.school == other_school
