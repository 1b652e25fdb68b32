"""/experience/add/'s person as a picker (leadership/picker.py): typed or picked among the
district's active members, and its search endpoint answers only with the people the page
offers."""

import re

import pytest
from django.urls import reverse

from conftest import make_person
from leadership import picker
from leadership.models import Level, Membership, Role, User
from leadership.tests.helpers import assert_flat_query_count
from leadership.tests.picking import BAD_INPUT
from opportunities.models import ExperienceEntry

pytestmark = pytest.mark.django_db
URL = reverse("opportunities:experience_add")
PERSON_SELECT = re.compile(r'<select[^>]* name="person"')
SEARCH = reverse("opportunities:experience_person_search")


def many_people(district, count=picker.SHORT + 5, prefix="Extra Person"):
    """More people than a select shows, so the page's person becomes a search box."""
    slug = prefix.lower().replace(" ", ".")
    users = User.objects.bulk_create(
        User(email=f"{slug}{i:03d}@maple.test", full_name=f"{prefix} {i:03d}", password="!")
        for i in range(count)
    )
    Membership.objects.bulk_create(
        Membership(user=user, district=district, role=Role.TEACHER, level=Level.CLASSROOM)
        for user in users
    )


def outside(person, **changes):
    data = {
        "person": person,
        "title": "Assistant principal, Oak Ridge",
        "kind": "",
        "level": "school",
        "started_on": "2015-08-01",
        "ended_on": "2019-06-30",
        "summary": "",
    }
    return {**data, **changes}


def test_it_suggests_the_districts_active_people_only(
    client_for, district_admin, district, teacher, other_district
):
    make_person("tomfar@cedar.test", "Tom Teacherfar", other_district, Role.TEACHER)
    gone = make_person("gone@maple.test", "Tom Teachergone", district, Role.TEACHER)
    gone.memberships.update(is_active=False)
    client = client_for(district_admin)
    body = client.get(SEARCH, {"person": "tom t"}).text
    assert body == '<option value="Tom Teacher (teacher@maple.test)"></option>'
    assert client.get(SEARCH, {"person": "nobody"}).text == ""


def test_it_requires_login(client_for):
    response = client_for(None).get(SEARCH, {"person": "tom"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_tells_another_district_nothing(client_for, outsider, teacher):
    assert client_for(outsider).get(SEARCH, {"person": "tom"}).text == ""


def test_it_refuses_the_wrong_role(client_for, teacher, coach, principal):
    for person in (teacher, coach, principal):
        assert client_for(person).get(SEARCH, {"person": "tom"}).status_code == 403


@pytest.mark.parametrize("text", [*BAD_INPUT, ""])
def test_it_answers_bad_input_with_no_suggestions(client_for, district_admin, teacher, text):
    response = client_for(district_admin).get(SEARCH, {"person": text})
    assert response.status_code == 200 and response.text == ""


def test_it_caps_the_suggestions_and_keeps_its_query_count_flat(
    client_for, district_admin, district
):
    many_people(district, 5)
    client = client_for(district_admin)
    grow = lambda: many_people(district, 300, prefix="Grown Person")  # noqa: E731
    assert_flat_query_count(client, f"{SEARCH}?person=person", grow, budget=4)
    assert client.get(SEARCH, {"person": "person"}).text.count("<option") == picker.LIMIT


def test_the_page_offers_a_search_box_instead_of_everybody(client_for, district_admin, district):
    many_people(district)
    page = client_for(district_admin).get(URL).text
    assert 'type="search"' in page and 'list="id_person-list"' in page
    assert "Extra Person 0" not in page and not PERSON_SELECT.search(page)
    assert page.count("<option") < 10  # the level's, none per person
    assert '<script src="/static/js/picker.js"></script>' in page


def test_a_small_district_keeps_a_select_of_name_and_address(client_for, district_admin, teacher):
    page = client_for(district_admin).get(URL).text
    assert PERSON_SELECT.search(page)
    assert f'<option value="{teacher.pk}">Tom Teacher (teacher@maple.test)</option>' in page


def test_it_adds_experience_for_a_person_typed_by_name_without_javascript(
    client_for, district_admin, district, teacher
):
    many_people(district)
    make_person("teachman@maple.test", "Tom Teacherman", district, Role.TEACHER)
    client = client_for(district_admin)
    response = client.post(URL, outside("tom teacher"), follow=True)
    assert "Added “Assistant principal, Oak Ridge” to Tom Teacher&#x27;s record." in response.text
    entry = ExperienceEntry.objects.get()
    assert (entry.person, entry.added_by, entry.verified_by) == (
        teacher,
        district_admin,
        district_admin,
    )


def test_it_adds_for_the_only_person_a_typed_part_names(client_for, district_admin, district):
    many_people(district)
    client_for(district_admin).post(URL, outside("extra person 017"))
    assert ExperienceEntry.objects.get().person.full_name == "Extra Person 017"


def test_it_tells_people_of_the_same_name_apart_by_address(
    client_for, district_admin, district, teacher
):
    twin = make_person("tom2@maple.test", "Tom Teacher", district, Role.TEACHER)
    many_people(district)
    client = client_for(district_admin)
    unclear = client.post(URL, outside("Tom Teacher")).text
    assert "match “Tom Teacher”" in unclear
    assert "Tom Teacher (teacher@maple.test); Tom Teacher (tom2@maple.test)" in unclear
    assert not ExperienceEntry.objects.exists()
    client.post(URL, outside("Tom Teacher (tom2@maple.test)"))
    client.post(URL, outside("TEACHER@maple.test"))
    assert {e.person for e in ExperienceEntry.objects.all()} == {twin, teacher}


def test_it_names_the_matches_and_saves_nothing_when_the_person_is_unclear(
    client_for, district_admin, district
):
    many_people(district)
    client = client_for(district_admin)
    unclear = client.post(URL, outside("Extra Person 00")).text
    assert "match “Extra Person 00”" in unclear
    assert '<option value="Extra Person 001 (extra.person001@maple.test)"></option>' in unclear
    assert 'value="Extra Person 00"' in unclear  # what was typed stays in the box
    unknown = client.post(URL, outside("Zebra")).text
    assert "No person is called “Zebra”" in unknown
    assert not ExperienceEntry.objects.exists()


def test_it_refuses_a_person_of_another_district_by_id_or_name(
    client_for, district_admin, district, other_district
):
    many_people(district)
    far = make_person("far@cedar.test", "Fiona Farperson", other_district, Role.TEACHER)
    client = client_for(district_admin)
    by_id = client.post(URL, outside(far.pk)).text
    by_name = client.post(URL, outside("Fiona Farperson")).text
    assert "That person is not one you can choose." in by_id
    assert "No person is called “Fiona Farperson”" in by_name
    assert not ExperienceEntry.objects.exists()


def test_it_asks_for_a_person(client_for, district_admin, district):
    many_people(district)
    response = client_for(district_admin).post(URL, outside(""))
    assert "This field is required." in response.text
    assert not ExperienceEntry.objects.exists()


def test_the_page_makes_as_many_queries_with_a_picker_as_with_a_select(
    client_for, district_admin, district, teacher
):
    """The search box reads its choices once, as the select did: growing past SHORT people
    turns the select into a picker without a query more."""
    grow = lambda: many_people(district)  # noqa: E731
    page = assert_flat_query_count(client_for(district_admin), URL, grow, budget=9)
    assert 'type="search"' in page.text
