"""/coaching/'s coach as a picker (leadership/picker.py): typed or picked among the district's
coaches, and its search endpoint answers only with the coaches the page offers."""

import pytest
from django.urls import reverse

from conftest import make_person
from leadership import picker
from leadership.models import CoachAssignment, Level, Membership, Role, User
from leadership.tests.helpers import assert_flat_query_count
from leadership.tests.picking import BAD_INPUT

pytestmark = pytest.mark.django_db
URL = reverse("portrait:coaching")
SEARCH = reverse("portrait:coach_search")


def many_coaches(district, count=picker.SHORT + 5, prefix="Extra Coach"):
    """More coaches than a select shows, so the page's coach becomes a search box."""
    slug = prefix.lower().replace(" ", ".")
    users = User.objects.bulk_create(
        User(email=f"{slug}{i:03d}@maple.test", full_name=f"{prefix} {i:03d}", password="!")
        for i in range(count)
    )
    Membership.objects.bulk_create(
        Membership(user=user, district=district, role=Role.COACH, level=Level.SCHOOL)
        for user in users
    )


def test_it_suggests_the_districts_active_coaches_only(
    client_for, district_admin, district, coach, teacher, other_district
):
    make_person("coachy@cedar.test", "Cora Coachfar", other_district, Role.COACH)
    gone = make_person("gone@maple.test", "Cora Coachgone", district, Role.COACH)
    gone.memberships.update(is_active=False)
    body = client_for(district_admin).get(SEARCH, {"coach": "co"}).text
    assert body == '<option value="Cora Coach (coach@maple.test)"></option>'
    assert client_for(district_admin).get(SEARCH, {"coach": "teacher"}).text == ""


def test_it_offers_only_people_who_coach_in_this_district(
    client_for, district_admin, district, coach, other_district
):
    """A coach's membership must be this district's and active: a teacher here who coaches
    in another district, or whose coach membership here ended, is no coach here."""
    elsewhere = make_person("both@maple.test", "Cora Coachelsewhere", district, Role.TEACHER)
    Membership.objects.create(
        user=elsewhere, district=other_district, role=Role.COACH, level=Level.SCHOOL
    )
    former = make_person("former@maple.test", "Cora Coachformer", district, Role.TEACHER)
    Membership.objects.create(
        user=former, district=district, role=Role.COACH, level=Level.SCHOOL, is_active=False
    )
    body = client_for(district_admin).get(SEARCH, {"coach": "co"}).text
    assert body == '<option value="Cora Coach (coach@maple.test)"></option>'
    response = client_for(district_admin).post(URL, {"coach": "Cora Coachelsewhere"})
    assert not CoachAssignment.objects.filter(coach=elsewhere).exists()
    assert response.status_code == 200


def test_it_requires_login(client_for):
    response = client_for(None).get(SEARCH, {"coach": "cora"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_it_tells_another_district_nothing(client_for, outsider, coach):
    assert client_for(outsider).get(SEARCH, {"coach": "cora"}).text == ""


def test_it_refuses_the_wrong_role(client_for, teacher, coach, principal):
    for person in (teacher, coach, principal):
        assert client_for(person).get(SEARCH, {"coach": "cora"}).status_code == 403


@pytest.mark.parametrize("text", [*BAD_INPUT, ""])
def test_it_answers_bad_input_with_no_suggestions(client_for, district_admin, coach, text):
    response = client_for(district_admin).get(SEARCH, {"coach": text})
    assert response.status_code == 200 and response.text == ""


def test_it_caps_the_suggestions_and_keeps_its_query_count_flat(
    client_for, district_admin, district
):
    many_coaches(district, 5)
    client = client_for(district_admin)
    grow = lambda: many_coaches(district, 300, prefix="Grown Coach")  # noqa: E731
    assert_flat_query_count(client, f"{SEARCH}?coach=coach", grow, budget=4)
    assert client.get(SEARCH, {"coach": "coach"}).text.count("<option") == picker.LIMIT


def test_the_page_offers_a_search_box_instead_of_every_coach(client_for, district_admin, district):
    many_coaches(district)
    page = client_for(district_admin).get(URL).text
    assert 'type="search"' in page and 'list="id_coach-list"' in page
    assert "Extra Coach 000" not in page and "<option" not in page
    assert '<script src="/static/js/picker.js"></script>' in page


def test_it_assigns_a_coach_typed_by_name_without_javascript(
    client_for, district_admin, district, coach, teacher
):
    many_coaches(district)
    make_person("coachman@maple.test", "Cora Coachman", district, Role.COACH)
    client = client_for(district_admin)
    response = client.post(URL, {"coach": "cora coach", "person": teacher.email}, follow=True)
    assert "Cora Coach now coaches Tom Teacher." in response.text
    assignment = CoachAssignment.objects.get()
    assert (assignment.coach, assignment.person) == (coach, teacher)


def test_it_assigns_the_only_coach_a_typed_part_names(
    client_for, district_admin, district, coach, teacher
):
    many_coaches(district)
    client_for(district_admin).post(URL, {"coach": "extra coach 017", "person": teacher.email})
    assert CoachAssignment.objects.get().coach.full_name == "Extra Coach 017"


def test_it_tells_coaches_of_the_same_name_apart_by_address(
    client_for, district_admin, district, coach, teacher
):
    twin = make_person("cora2@maple.test", "Cora Coach", district, Role.COACH)
    many_coaches(district)
    client = client_for(district_admin)
    unclear = client.post(URL, {"coach": "Cora Coach", "person": teacher.email}).text
    assert "Several coaches match “Cora Coach”" in unclear
    assert "Cora Coach (coach@maple.test); Cora Coach (cora2@maple.test)" in unclear
    assert not CoachAssignment.objects.exists()
    client.post(URL, {"coach": "Cora Coach (cora2@maple.test)", "person": teacher.email})
    client.post(URL, {"coach": "COACH@maple.test", "person": teacher.email})
    assert {a.coach for a in CoachAssignment.objects.all()} == {twin, coach}


def test_it_names_the_matches_and_saves_nothing_when_the_coach_is_unclear(
    client_for, district_admin, district, teacher
):
    many_coaches(district)
    client = client_for(district_admin)
    unclear = client.post(URL, {"coach": "Extra Coach 00", "person": teacher.email}).text
    assert "Several coaches match “Extra Coach 00”" in unclear
    assert '<option value="Extra Coach 001 (extra.coach001@maple.test)"></option>' in unclear
    assert 'value="Extra Coach 00"' in unclear  # what was typed stays in the box
    unknown = client.post(URL, {"coach": "Zebra", "person": teacher.email}).text
    assert "No coach is called “Zebra”" in unknown
    assert not CoachAssignment.objects.exists()


def test_it_refuses_a_coach_of_another_district_by_id_or_name(
    client_for, district_admin, district, other_district, teacher
):
    many_coaches(district)
    far = make_person("far@cedar.test", "Fiona Farcoach", other_district, Role.COACH)
    client = client_for(district_admin)
    by_id = client.post(URL, {"coach": far.pk, "person": teacher.email}).text
    by_name = client.post(URL, {"coach": "Fiona Farcoach", "person": teacher.email}).text
    assert "That coach is not one you can choose." in by_id
    assert "No coach is called “Fiona Farcoach”" in by_name
    assert not CoachAssignment.objects.exists()


def test_it_asks_for_a_coach(client_for, district_admin, teacher):
    response = client_for(district_admin).post(URL, {"coach": "", "person": teacher.email})
    assert "This field is required." in response.text
    assert not CoachAssignment.objects.exists()


def test_the_page_makes_as_many_queries_with_a_picker_as_with_a_select(
    client_for, district_admin, district, coach
):
    """The search box reads its choices once, as the select did: growing past SHORT coaches
    turns the select into a picker without a query more."""
    grow = lambda: many_coaches(district)  # noqa: E731
    page = assert_flat_query_count(client_for(district_admin), URL, grow, budget=9)
    assert 'type="search"' in page.text
