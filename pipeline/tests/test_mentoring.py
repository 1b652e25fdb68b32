"""Mentors matched on strengths (issue 19): the opt-in, suggestions with reasons for one
person, pairing (capacity named when refused), and matching a whole cohort."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_person
from leadership.models import Level, Mentorship, Role
from leadership.tests.helpers import assert_flat_query_count
from notices.models import Outbox
from pipeline.mentoring import matching
from pipeline.mentoring.models import MentorOffer
from pipeline.tests import plans_data
from portrait.models import GrowthStep, Reflection
from programs.models import Cohort, Enrollment, Program


def offer(person, district, capacity=1, **extra):
    return MentorOffer.objects.create(district=district, person=person, capacity=capacity, **extra)


def rated(person, district, slug, rating):
    prompt = plans_data.prompt(district, slug)
    return Reflection.objects.create(
        district=district,
        author=person,
        prompt=prompt,
        attribute=prompt.attribute,
        response="What I did.",
        self_rating=rating,
        status=Reflection.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )


@pytest.fixture
def strong(district, other_school):
    """A willing mentor at the other school, strong on collaboration, leading a school."""
    person = make_person(
        "mentor@maple.test", "Mina Mentor", district, Role.COACH, other_school, Level.SCHOOL
    )
    offer(person, district, capacity=1, note="Meetings that work.")
    rated(person, district, "collaboration", GrowthStep.LEADING)
    return person


def test_it_lets_a_person_offer_and_refuses_a_capacity_out_of_range(client_for, other_teacher):
    client = client_for(other_teacher)
    url = reverse("pipeline:mentor_offer")

    refused = client.post(url, {"capacity": "9"}, follow=True)
    assert "Mentor at most 6 people at once." in refused.text
    assert not MentorOffer.objects.exists()
    client.post(url, {"capacity": "2", "note": "Data teams"})
    assert MentorOffer.objects.get().capacity == 2
    client.post(url, {"stop": "1"})
    assert not MentorOffer.objects.exists()


def test_it_refuses_a_capacity_below_the_people_mentored_now(
    client_for, other_teacher, teacher, coach, district
):
    offer(other_teacher, district, capacity=2)
    for person in (teacher, coach):
        Mentorship.objects.create(district=district, mentor=other_teacher, person=person)

    response = client_for(other_teacher).post(
        reverse("pipeline:mentor_offer"), {"capacity": "1"}, follow=True
    )

    assert "You mentor 2 people now, more than a capacity of 1" in response.text
    assert MentorOffer.objects.get().capacity == 2


def test_it_suggests_mentors_strong_where_the_goals_are_with_reasons(
    client_for, district_admin, teacher, district, strong, principal
):
    plans_data.plan(teacher, district, goals=[plans_data.goal(district, "collaboration")])
    offer(principal, district, capacity=3)  # her own principal: never suggested

    response = client_for(district_admin).get(reverse("pipeline:mentor_suggest", args=[teacher.pk]))

    text = response.text
    assert "Mina Mentor" in text and "rated Leading on Collaboration, a goal of theirs" in text
    assert "Paula Principal is their supervisor" in text
    assert "Pair with Paula Principal" not in text


def test_it_keeps_to_the_school_the_admin_chose(client_for, district_admin, teacher, strong):
    url = reverse("pipeline:mentor_suggest", args=[teacher.pk])

    same = client_for(district_admin).get(url + "?school=same").text

    assert "Pair with Mina Mentor" not in same
    assert "Mina Mentor works at another school" in same


def test_it_pairs_and_tells_both_once(client_for, district_admin, teacher, strong):
    url = reverse("pipeline:mentor_pair", args=[teacher.pk])

    client_for(district_admin).post(url, {"mentor": strong.pk, "school": "any"})

    pair = Mentorship.objects.get()
    assert (pair.mentor, pair.person) == (strong, teacher)
    subjects = dict(
        Outbox.objects.filter(kind="mentorship.paired").values_list("to_email", "subject")
    )
    assert subjects == {
        strong.email: "You are now Tom Teacher's mentor",
        teacher.email: "Mina Mentor is now your mentor",
    }


def test_it_refuses_a_mentor_over_capacity_naming_it(
    client_for, district_admin, teacher, other_teacher, strong, district
):
    Mentorship.objects.create(district=district, mentor=strong, person=other_teacher)
    url = reverse("pipeline:mentor_pair", args=[teacher.pk])

    response = client_for(district_admin).post(url, {"mentor": strong.pk}, follow=True)

    assert "Mina Mentor already mentors 1, their capacity" in response.text
    assert Mentorship.objects.count() == 1


def test_it_refuses_somebody_who_did_not_offer(client_for, district_admin, teacher, coach):
    url = reverse("pipeline:mentor_pair", args=[teacher.pk])

    response = client_for(district_admin).post(url, {"mentor": coach.pk}, follow=True)

    assert "has not offered to mentor" in response.text
    assert not Mentorship.objects.exists()


def test_it_refuses_a_malformed_choice(client_for, district_admin, teacher, strong):
    url = reverse("pipeline:mentor_pair", args=[teacher.pk])

    response = client_for(district_admin).post(url, {"mentor": "x"}, follow=True)

    assert "Choose a mentor from the suggestions" in response.text
    assert not Mentorship.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("teacher", 403), ("principal", 403), ("outsider", 404)]
)
def test_it_keeps_suggestions_to_admins_and_facilitators(client_for, teacher, who, status, request):
    url = reverse("pipeline:mentor_suggest", args=[teacher.pk])

    assert client_for(request.getfixturevalue(who)).get(url).status_code == status


@pytest.fixture
def cohort(district, coach):
    program = Program.objects.create(district=district, name="Aspiring Principals")
    today = timezone.localdate()
    return Cohort.objects.create(
        program=program,
        name="2026",
        starts_on=today,
        ends_on=today + timedelta(days=200),
        facilitator=coach,
    )


def test_it_lets_the_facilitator_ask_for_a_member(client_for, coach, cohort, teacher, strong):
    url = reverse("pipeline:mentor_suggest", args=[teacher.pk])
    assert client_for(coach).get(url).status_code == 403

    Enrollment.objects.create(cohort=cohort, person=teacher)

    assert "Mina Mentor" in client_for(coach).get(url).text


def test_it_matches_a_whole_cohort_within_capacity_and_says_who_is_left(
    client_for, district_admin, cohort, teacher, other_teacher, strong, district, principal
):
    for person in (teacher, other_teacher):
        Enrollment.objects.create(cohort=cohort, person=person)
    plans_data.plan(teacher, district, goals=[plans_data.goal(district, "collaboration")])
    url = reverse("pipeline:cohort_match", args=[cohort.pk])
    client = client_for(district_admin)

    page = client.get(url).text
    assert "Proposed pairs (1)" in page and "Not matched (1)" in page
    client.post(url, {"school": "any"})

    assert Mentorship.objects.get().mentor == strong
    assert MentorOffer.objects.get().capacity == 1
    again = client.get(url).text
    assert "Not matched (2)" in again and "already has a mentor" in again
    assert "Mina Mentor already mentors 1, their capacity" in again


def test_it_matches_the_hardest_first():
    """Two people, two mentors of capacity 1: one person fits only mentor A; the other fits
    both. Taking A for the flexible person first would leave the first unmatched."""

    class Person:
        def __init__(self, pk, name):
            self.pk, self.full_name = pk, name

    a = matching.Mentor(Person(10, "A"), 1, 0, {1}, "school", set(), {}, 5)
    b = matching.Mentor(Person(11, "B"), 1, 0, {2}, "school", set(), {}, 0)
    only_a = matching.Need(Person(1, "Zed"), {2}, set(), [], "", None, set())
    both = matching.Need(Person(2, "Amy"), {3}, set(), [], "", None, set())

    found = matching.match_cohort({10: a, 11: b}, {1: only_a, 2: both}, matching.OTHER)

    assert {m.need.person.pk: m.suggestion.mentor.person.pk for m in found} == {1: 10, 2: 11}


def test_it_keeps_the_cohort_match_to_admins_and_facilitators(
    client_for, cohort, teacher, outsider
):
    url = reverse("pipeline:cohort_match", args=[cohort.pk])

    assert client_for(teacher).get(url).status_code == 403
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(teacher).post(url).status_code == 403
    assert not Mentorship.objects.exists()


def test_it_shows_the_pair_on_both_profiles(client_for, district_admin, teacher, strong, district):
    Mentorship.objects.create(district=district, mentor=strong, person=teacher)
    client = client_for(district_admin)

    mine = client.get(reverse("pipeline:person", args=[teacher.pk])).text
    theirs = client.get(reverse("pipeline:person", args=[strong.pk])).text

    assert "Mentors: " in mine and "Mina Mentor" in mine.split("Mentors: ", 1)[1][:400]
    assert "Tom Teacher" in theirs.split("Mentoring: ", 1)[1][:400]
    assert client_for(strong).get(reverse("pipeline:person", args=[teacher.pk])).status_code == 200


def test_it_keeps_the_cohort_match_flat(client_for, district_admin, cohort, district, school):
    """One mentor and one member, then six of each: the same queries (an empty list of ids
    would make Django skip some, so the small size is not empty)."""

    def add(i):
        person = make_person(f"m{i}@maple.test", f"Mo {i}", district, Role.TEACHER, school)
        offer(person, district, capacity=1)
        rated(person, district, "advocacy", GrowthStep.PRACTICING)
        member = make_person(f"c{i}@maple.test", f"Cy {i}", district, Role.TEACHER, school)
        Enrollment.objects.create(cohort=cohort, person=member)
        plans_data.plan(member, district, goals=[plans_data.goal(district, "advocacy")])

    add(0)
    url = reverse("pipeline:cohort_match", args=[cohort.pk])
    response = assert_flat_query_count(
        client_for(district_admin), url, lambda: [add(i) for i in range(1, 6)], budget=23
    )
    assert "Proposed pairs (6)" in response.text


def test_it_keeps_the_suggestions_flat(client_for, district_admin, teacher, district, strong):
    plans_data.plan(teacher, district, goals=[plans_data.goal(district, "collaboration")])

    def grow():
        for i in range(5):
            person = make_person(f"s{i}@maple.test", f"Sam {i}", district, Role.COACH)
            offer(person, district, capacity=2)
            rated(person, district, "collaboration", GrowthStep.PRACTICING)

    url = reverse("pipeline:mentor_suggest", args=[teacher.pk])
    response = assert_flat_query_count(client_for(district_admin), url, grow, budget=24)
    assert response.text.count("rated Practicing on Collaboration") == 5
