"""A position's school and a supervisor's school as pickers (leadership/picker.py): an admin
types or picks one of the district's active schools, and the search endpoint answers only
with those."""

import pytest
from django.urls import reverse

from leadership.models import School
from leadership.tests.picking import (
    BAD_INPUT,
    assert_school_search_capped_and_flat,
    many_schools,
)
from pipeline.succession.models import Position, SchoolSupervisor
from pipeline.tests.succession_data import kind, position

pytestmark = pytest.mark.django_db
SEARCH = reverse("pipeline:succession_school_search")
ADD = reverse("pipeline:position_add")
SETTINGS = reverse("pipeline:succession_settings")
SUPERVISOR_ADD = reverse("pipeline:supervisor_add")
SCRIPT = '<script src="/static/js/picker.js"></script>'


def _position(district, school):
    return {"kind": kind(district, "dean").pk, "school": school, "level": "school", "title": ""}


# --- the search endpoint ---------------------------------------------------------------------


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


def test_it_refuses_a_post(cast, client_for, school):
    assert client_for(cast["admin"]).post(SEARCH, {"school": "maple"}).status_code == 405


@pytest.mark.parametrize("text", [*BAD_INPUT, ""])
def test_it_answers_bad_input_with_no_suggestions(cast, client_for, school, text):
    response = client_for(cast["admin"]).get(SEARCH, {"school": text})
    assert response.status_code == 200 and response.text == ""


def test_it_caps_the_suggestions_and_keeps_its_query_count_flat(cast, client_for, district):
    assert_school_search_capped_and_flat(client_for(cast["admin"]), SEARCH, district)


# --- a position's school ---------------------------------------------------------------------


def test_the_position_form_offers_a_search_box_instead_of_every_school(cast, client_for, district):
    many_schools(district)
    page = client_for(cast["admin"]).get(ADD).text
    assert 'type="search"' in page and 'list="id_school-list"' in page
    assert 'hx-get="/succession/schools/"' in page
    assert "Extra School 000" not in page
    assert page.count("<option") < 31  # the kinds and levels, not a school each
    assert SCRIPT in page


def test_it_adds_a_position_at_a_school_typed_by_name_without_javascript(
    cast, client_for, district, school
):
    many_schools(district)
    response = client_for(cast["admin"]).post(ADD, _position(district, "grove middle"))
    assert response.status_code == 302
    assert Position.objects.get().school == school


def test_an_empty_box_is_the_district_office(cast, client_for, district):
    many_schools(district)
    client_for(cast["admin"]).post(ADD, _position(district, ""))
    assert Position.objects.get().school is None


def test_it_names_the_matches_and_adds_nothing_when_the_school_is_unclear(
    cast, client_for, district, other_district
):
    many_schools(district)
    far = School.objects.create(district=other_district, name="Cedar Falls High")
    client = client_for(cast["admin"])
    unclear = client.post(ADD, _position(district, "Extra School 00")).text
    assert "Several schools match “Extra School 00”" in unclear
    assert '<option value="Extra School 001"></option>' in unclear
    assert 'value="Extra School 00"' in unclear  # what was typed stays in the box
    assert "No school is called “Zebra”" in client.post(ADD, _position(district, "Zebra")).text
    by_id = client.post(ADD, _position(district, far.pk)).text
    assert "That school is not one you can choose." in by_id
    assert not Position.objects.exists()


def test_the_edit_form_shows_the_school_and_saves_a_typed_one(
    cast, client_for, district, school, other_school
):
    post = position(district, school)
    many_schools(district)
    url = reverse("pipeline:position_edit", args=[post.pk])
    client = client_for(cast["admin"])
    page = client.get(url).text
    assert 'value="Maple Grove Middle School"' in page and SCRIPT in page
    data = {"kind": post.kind_id, "school": "Maple Grove High School", "level": "school"}
    assert client.post(url, {**data, "title": ""}).status_code == 302
    post.refresh_from_db()
    assert post.school == other_school


# --- a supervisor's school -------------------------------------------------------------------


def test_the_settings_page_offers_a_search_box_instead_of_every_school(cast, client_for, district):
    many_schools(district)
    page = client_for(cast["admin"]).get(SETTINGS).text
    assert 'type="search"' in page and 'list="id_school-list"' in page
    assert "Extra School 000" not in page and "<option" not in page
    assert SCRIPT in page


def test_it_names_a_supervisor_of_a_school_typed_by_name(cast, client_for, district, school):
    many_schools(district)
    client = client_for(cast["admin"])
    data = {"email": cast["coach"].email, "school": "maple grove middle school"}
    response = client.post(SUPERVISOR_ADD, data, follow=True)
    assert "Cora Coach supervises Maple Grove Middle School." in response.text
    supervision = SchoolSupervisor.objects.get()
    assert (supervision.supervisor, supervision.school) == (cast["coach"], school)


@pytest.mark.parametrize(
    "typed, message",
    [
        ("Extra School 00", "Several schools match “Extra School 00”: Extra School 000;"),
        ("Zebra", "No school is called “Zebra”."),
        ("", "This field is required."),
    ],
)
def test_it_names_no_supervisor_when_the_school_is_unclear(
    cast, client_for, district, typed, message
):
    many_schools(district)
    data = {"email": cast["coach"].email, "school": typed}
    response = client_for(cast["admin"]).post(SUPERVISOR_ADD, data, follow=True)
    assert "Nothing was saved" in response.text and message in response.text
    assert not SchoolSupervisor.objects.exists()
