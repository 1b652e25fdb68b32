"""/coaching/people/: a coach sees the people assigned to them, with links to each one's
profile and reflections."""

from django.urls import reverse

from conftest import make_person
from leadership.models import CoachAssignment, Role
from leadership.tests.helpers import assert_flat_query_count
from portrait.models import Feedback
from portrait.tests.factories import assign, prompt_for, reflection_by

URL = reverse("portrait:coachee_list")


def test_it_requires_sign_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_refuses_people_who_are_not_coaches(teacher, district_admin, outsider, client_for):
    for person in [teacher, district_admin, outsider]:
        assert client_for(person).get(URL).status_code == 403


def test_it_lists_the_people_assigned_to_the_coach_with_links(
    coach, teacher, other_teacher, client_for
):
    assign(coach, teacher)
    answered = reflection_by(teacher)
    Feedback.objects.create(reflection=answered, author=coach, text="Good start.")
    reflection_by(teacher, prompt=prompt_for(teacher, "advocacy"))
    reflection_by(teacher, submitted=False, response="A draft the coach never sees")

    page = client_for(coach).get(URL).content.decode()

    assert f'href="/people/{teacher.pk}/"' in page
    assert f'href="/reflections/?person={teacher.pk}">2<' in page
    assert f'href="/reflections/?person={teacher.pk}&amp;waiting=on">1<' in page
    assert "Olga" not in page


def test_it_says_so_when_nobody_is_assigned(coach, client_for):
    page = client_for(coach).get(URL).content.decode()

    assert "Nobody is assigned to you yet." in page


def test_it_leaves_out_assignments_in_a_district_the_coach_left(
    coach, teacher, other_district, client_for
):
    CoachAssignment.objects.create(district=other_district, coach=coach, person=teacher)

    page = client_for(coach).get(URL).content.decode()

    assert "Tom Teacher" not in page


def test_another_coach_does_not_see_them(coach, teacher, district, client_for):
    other_coach = make_person("coach2@maple.test", "Carl Coach", district, Role.COACH)
    assign(coach, teacher)

    assert "Tom Teacher" not in client_for(other_coach).get(URL).content.decode()


def test_the_links_open_for_the_coach(coach, teacher, client_for):
    assign(coach, teacher)
    reflection_by(teacher)
    client = client_for(coach)

    assert client.get(f"/people/{teacher.pk}/").status_code == 200
    assert "Tom Teacher</a>" in client.get(f"/reflections/?person={teacher.pk}").content.decode()


def test_it_keeps_the_query_count_flat(coach, teacher, other_teacher, principal, client_for):
    """A coach of many people must not cost a query per person."""
    assign(coach, teacher)
    reflection_by(teacher)

    def grow():
        for person in [other_teacher, principal]:
            assign(coach, person)
            reflection_by(person)

    assert_flat_query_count(client_for(coach), URL, grow, budget=8)
