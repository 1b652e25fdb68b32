"""/coaching/: district admins assign coaches to people."""

from django.urls import reverse

from leadership.models import AuditEvent, CoachAssignment
from leadership.tests.helpers import assert_flat_query_count
from portrait.tests.factories import assign

URL = reverse("portrait:coaching")


def test_it_assigns_a_coach(district_admin, coach, teacher, client_for):
    response = client_for(district_admin).post(URL, {"coach": coach.pk, "person": teacher.email})

    assert response.status_code == 302
    assignment = CoachAssignment.objects.get()
    assert (assignment.coach, assignment.person) == (coach, teacher)
    assert AuditEvent.objects.filter(action="coach.assign").count() == 1
    page = client_for(district_admin).get(URL).content.decode()
    assert "Tom Teacher" in page


def test_it_assigns_only_once(district_admin, coach, teacher, client_for):
    client = client_for(district_admin)
    client.post(URL, {"coach": coach.pk, "person": teacher.email})
    client.post(URL, {"coach": coach.pk, "person": teacher.email})

    assert CoachAssignment.objects.count() == 1


def test_it_rejects_a_non_coach_and_people_of_other_districts(
    district_admin, teacher, coach, outsider, client_for
):
    client = client_for(district_admin)
    not_a_coach = client.post(URL, {"coach": teacher.pk, "person": coach.email})
    stranger = client.post(URL, {"coach": coach.pk, "person": outsider.email})

    assert not_a_coach.status_code == stranger.status_code == 200
    assert "That coach is not one you can choose." in not_a_coach.content.decode()
    assert not CoachAssignment.objects.exists()


def test_it_refuses_a_coach_of_themselves(district_admin, coach, client_for):
    response = client_for(district_admin).post(URL, {"coach": coach.pk, "person": coach.email})

    assert "cannot be assigned to themselves" in response.content.decode()
    assert not CoachAssignment.objects.exists()


def test_it_refuses_everybody_but_admins(teacher, coach, principal, client_for):
    for person in (teacher, coach, principal):
        assert client_for(person).get(URL).status_code == 403
        assert (
            client_for(person).post(URL, {"coach": coach.pk, "person": teacher.email}).status_code
            == 403
        )
    assert not CoachAssignment.objects.exists()


def test_it_removes_an_assignment(district_admin, coach, teacher, client_for):
    assignment = assign(coach, teacher)

    client_for(district_admin).post(reverse("portrait:coaching_remove", args=[assignment.pk]))

    assert not CoachAssignment.objects.exists()
    assert AuditEvent.objects.filter(action="coach.unassign").count() == 1


def test_it_hides_another_districts_assignment(outsider, coach, teacher, client_for):
    assignment = assign(coach, teacher)

    response = client_for(outsider).post(reverse("portrait:coaching_remove", args=[assignment.pk]))

    assert response.status_code == 404
    assert CoachAssignment.objects.exists()


def test_it_refuses_removal_by_get(district_admin, coach, teacher, client_for):
    assignment = assign(coach, teacher)

    url = reverse("portrait:coaching_remove", args=[assignment.pk])
    assert client_for(district_admin).get(url).status_code == 405


def test_it_lists_assignments_in_flat_queries(district, school, district_admin, coach, client_for):
    """The list must not query per assignment."""
    from conftest import make_person
    from leadership.models import Role

    def grow():
        for i in range(5):
            assign(coach, make_person(f"t{i}@maple.test", f"T {i}", district, Role.TEACHER, school))

    assign(coach, make_person("first@maple.test", "First", district, Role.TEACHER, school))
    assert_flat_query_count(client_for(district_admin), URL, grow, budget=9)


def test_it_finds_the_person_by_email_in_any_case(district_admin, coach, teacher, client_for):
    client_for(district_admin).post(URL, {"coach": coach.pk, "person": teacher.email.upper()})

    assert CoachAssignment.objects.get().person == teacher


def test_it_lists_neither_every_person_nor_every_assignment(
    district, school, district_admin, coach, client_for
):
    """At district scale the page would list 150,000 people: it asks for an email instead."""
    from conftest import make_person
    from leadership.models import Role

    people = [
        make_person(f"p{i:02d}@maple.test", f"Person {i:02d}", district, Role.TEACHER, school)
        for i in range(55)
    ]
    for person in people[:51]:
        assign(coach, person)
    client = client_for(district_admin)

    first = client.get(URL).content.decode()
    second = client.get(URL, {"page": 2}).content.decode()

    assert "Person 00" in first and "Person 50" not in first
    assert "Person 50" in second and "Page 2 of 2" in second
    assert "Person 54" not in first + second  # nobody is offered in a list
