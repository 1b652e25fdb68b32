"""The nomination queue's pickers (leadership/picker.py): the school filter and the bulk
decision's cohort, typed or picked, and the search endpoints that fill their suggestions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leadership import picker
from leadership.models import School
from leadership.tests.confirming import confirm
from leadership.tests.helpers import assert_flat_query_count
from leadership.tests.picking import many_schools
from programs import services
from programs.models import Nomination, NominationStatus
from programs.tests.conftest import many_cohorts

pytestmark = pytest.mark.django_db
SCHOOLS = reverse("programs:school_search")
COHORTS = reverse("programs:cohort_search")


def test_it_suggests_the_admins_district_schools_only(
    client_for, district_admin, school, other_district
):
    School.objects.create(district=other_district, name="Maple Far Away")
    body = client_for(district_admin).get(SCHOOLS, {"school": "maple"}).text
    assert body == '<option value="Maple Grove Middle School"></option>'


def test_it_suggests_a_principal_only_their_own_school(client_for, principal, school, other_school):
    assert school.name in client_for(principal).get(SCHOOLS, {"school": "school"}).text
    assert other_school.name not in client_for(principal).get(SCHOOLS, {"school": "school"}).text


def test_it_requires_login(client_for):
    response = client_for(None).get(SCHOOLS, {"school": "maple"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert client_for(None).get(COHORTS, {"cohort": "a"}).status_code == 302


def test_it_tells_another_district_nothing(client_for, outsider, school, cohort):
    assert client_for(outsider).get(SCHOOLS, {"school": "maple"}).text == ""
    assert client_for(outsider).get(COHORTS, {"cohort": "fall"}).text == ""


def test_it_refuses_the_wrong_role(client_for, teacher, coach, principal):
    assert client_for(teacher).get(SCHOOLS, {"school": "maple"}).status_code == 403
    assert client_for(coach).get(SCHOOLS, {"school": "maple"}).status_code == 403
    # Only admins decide, so only they pick a cohort.
    assert client_for(principal).get(COHORTS, {"cohort": "fall"}).status_code == 403


@pytest.mark.parametrize("text", ["\x00", "a\x00b\x01", "x" * 100_000, ""])
def test_it_answers_bad_input_with_no_suggestions(client_for, district_admin, school, text):
    for url, name in ((SCHOOLS, "school"), (COHORTS, "cohort")):
        response = client_for(district_admin).get(url, {name: text})
        assert response.status_code == 200 and response.text == ""


def test_it_caps_the_suggestions_and_keeps_its_query_count_flat(
    client_for, district_admin, district, program
):
    many_schools(district, 5)
    many_cohorts(program, 5)

    def grow():
        many_schools(district, 300, prefix="Grown School")
        many_cohorts(program, 300, prefix="Grown")

    client = client_for(district_admin)
    assert_flat_query_count(client, f"{SCHOOLS}?school=school", grow, budget=4)
    assert client.get(SCHOOLS, {"school": "school"}).text.count("<option") == picker.LIMIT
    assert_flat_query_count(client, f"{COHORTS}?cohort=grown", lambda: None, budget=4)
    body = client.get(COHORTS, {"cohort": "fellowship: grown 00"}).text
    assert body.count("<option") == 10
    assert '<option value="Teacher Leader Fellowship: Grown 000"></option>' in body


def test_it_lists_no_cohort_that_has_ended(client_for, district_admin, cohort):
    cohort.starts_on = timezone.localdate() - timedelta(days=90)
    cohort.ends_on = timezone.localdate() - timedelta(days=1)
    cohort.save(update_fields=["starts_on", "ends_on"])
    assert client_for(district_admin).get(COHORTS, {"cohort": "fall"}).text == ""


def test_the_queue_filters_by_a_typed_school_name_without_javascript(
    client_for, district_admin, principal, other_principal, teacher, other_teacher, nominate
):
    nominate(principal, teacher)
    nominate(other_principal, other_teacher)
    many_schools(teacher.memberships.get().district)
    client = client_for(district_admin)
    page = client.get("/nominations/").text
    assert 'id="filter-school"' in page and 'type="search"' in page
    assert 'list="filter-school-list"' in page and "<select" in page  # the short ones stay
    found = client.get("/nominations/", {"school": "grove middle"}).text
    assert "Tom Teacher" in found and "Olga Otherteacher" not in found
    assert 'value="Maple Grove Middle School"' in found  # the name it resolved to
    both = client.get("/nominations/", {"school": "maple grove"}).text
    assert "Several schools match “maple grove”" in both


def test_the_queue_names_the_matches_when_the_typed_school_is_unclear(
    client_for, district_admin, principal, teacher, nominate
):
    nominate(principal, teacher)
    many_schools(teacher.memberships.get().district)
    page = client_for(district_admin).get("/nominations/", {"school": "Extra School 00"}).text
    assert "Several schools match “Extra School 00”" in page
    assert '<option value="Extra School 001"></option>' in page  # to choose from, no script
    nothing = client_for(district_admin).get("/nominations/", {"school": "Zebra"}).text
    assert "No school is called “Zebra”" in nothing


def test_a_principal_keeps_a_plain_select_of_their_school(client_for, principal, school):
    page = client_for(principal).get("/nominations/").text
    assert '<select id="filter-school"' in page or 'id="filter-school" name="school"' in page
    assert f'<option value="{school.pk}">{school.name}</option>' in page


def test_it_enrolls_the_chosen_into_a_typed_cohort(
    client_for, district_admin, principal, teacher, program, cohort, nominate
):
    many_cohorts(program, picker.SHORT + 5)
    nomination = nominate(principal, teacher)
    services.nomination_respond(actor=teacher, nomination_id=nomination.pk, accept=True)
    queue = client_for(district_admin).get("/nominations/").text
    assert 'id="bulk-cohort"' in queue and 'list="bulk-cohort-list"' in queue
    _, response = confirm(
        client_for(district_admin),
        reverse("programs:nominations_decide"),
        {
            "nominations": [nomination.pk],
            "decision": "approved",
            "cohort": "Teacher Leader Fellowship: Fall cohort",
        },
    )
    assert "1 nomination approved." in response.text
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.APPROVED and nomination.cohort == cohort


def test_it_refuses_an_unclear_cohort_and_changes_nothing(
    client_for, district_admin, principal, teacher, program, nominate
):
    many_cohorts(program, 3)
    nomination = nominate(principal, teacher)
    services.nomination_respond(actor=teacher, nomination_id=nomination.pk, accept=True)
    response = client_for(district_admin).post(
        reverse("programs:nominations_decide"),
        {"nominations": [nomination.pk], "decision": "approved", "cohort": "Spring"},
        follow=True,
    )
    assert "Several cohorts match “Spring”" in response.text
    assert Nomination.objects.get(pk=nomination.pk).status == NominationStatus.ACCEPTED


def test_an_htmx_refresh_says_when_the_typed_school_is_unclear(
    client_for, district_admin, principal, teacher, nominate
):
    nominate(principal, teacher)
    many_schools(teacher.memberships.get().district)
    fragment = client_for(district_admin).get(
        "/nominations/", {"school": "Extra School 00"}, headers={"HX-Request": "true"}
    )
    assert "<h1" not in fragment.text
    assert 'role="alert">School: Several schools match “Extra School 00”' in fragment.text
