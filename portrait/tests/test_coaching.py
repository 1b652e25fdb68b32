"""/coaching/: district admins assign coaches to people."""

from django.urls import reverse

from leadership.models import AuditEvent, CoachAssignment
from leadership.tests.helpers import assert_flat_query_count
from portrait.tests.factories import assign

URL = reverse("portrait:coaching")


def test_it_assigns_a_coach(district_admin, coach, teacher, client_for):
    response = client_for(district_admin).post(URL, {"coach": coach.pk, "person": teacher.pk})

    assert response.status_code == 302
    assignment = CoachAssignment.objects.get()
    assert (assignment.coach, assignment.person) == (coach, teacher)
    assert AuditEvent.objects.filter(action="coach.assign").count() == 1
    page = client_for(district_admin).get(URL).content.decode()
    assert "Tom Teacher" in page


def test_it_assigns_only_once(district_admin, coach, teacher, client_for):
    client = client_for(district_admin)
    client.post(URL, {"coach": coach.pk, "person": teacher.pk})
    client.post(URL, {"coach": coach.pk, "person": teacher.pk})

    assert CoachAssignment.objects.count() == 1


def test_it_rejects_a_non_coach_and_people_of_other_districts(
    district_admin, teacher, coach, outsider, client_for
):
    client = client_for(district_admin)
    not_a_coach = client.post(URL, {"coach": teacher.pk, "person": coach.pk})
    stranger = client.post(URL, {"coach": coach.pk, "person": outsider.pk})

    assert not_a_coach.status_code == stranger.status_code == 200
    assert "Select a valid choice" in not_a_coach.content.decode()
    assert not CoachAssignment.objects.exists()


def test_it_refuses_a_coach_of_themselves(district_admin, coach, client_for):
    response = client_for(district_admin).post(URL, {"coach": coach.pk, "person": coach.pk})

    assert "cannot be assigned to themselves" in response.content.decode()
    assert not CoachAssignment.objects.exists()


def test_it_refuses_everybody_but_admins(teacher, coach, principal, client_for):
    for person in (teacher, coach, principal):
        assert client_for(person).get(URL).status_code == 403
        assert (
            client_for(person).post(URL, {"coach": coach.pk, "person": teacher.pk}).status_code
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
    assert_flat_query_count(client_for(district_admin), URL, grow)
