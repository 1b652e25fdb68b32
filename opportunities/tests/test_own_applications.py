"""A person sees the note they sent with each application: on the opportunity's page and on
/opportunities/applications/, the list of their own applications."""

from django.urls import reverse

from leadership.models import Membership, Role
from leadership.tests.helpers import assert_flat_query_count
from opportunities.models import Opportunity
from opportunities.tests.conftest import sent

URL = reverse("opportunities:own_application_list")
NOTE = "I taught these units for three years.\nI would like to hear how others use them."


def test_it_requires_sign_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_it_shows_the_note_she_sent_on_the_opportunity_page(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"], note=NOTE)

    body = client_for(cast["teacher"]).get(f"/opportunities/{opportunity.pk}/").content.decode()

    assert "The note you sent on" in body
    assert NOTE in body
    assert "Withdraw my application" in body


def test_it_keeps_showing_the_note_once_decided(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"], status="not_selected", note=NOTE)

    body = client_for(cast["teacher"]).get(f"/opportunities/{opportunity.pk}/").content.decode()

    assert "Not selected this time" in body
    assert NOTE in body


def test_it_lists_her_applications_with_their_notes(
    cast, client_for, opportunity, make_opportunity
):
    closed = make_opportunity(title="Plan the spring family night", days=-20)
    sent(closed, cast["teacher"], status="selected", note="I ran it last year.")
    sent(opportunity, cast["teacher"], note=NOTE)
    draft = make_opportunity(title="Join the visioning team")
    sent(draft, cast["teacher"], status="draft", note="Half a thought")

    body = client_for(cast["teacher"]).get(URL).content.decode()

    assert NOTE in body
    assert "I ran it last year." in body
    assert "Plan the spring family night" in body and "Selected" in body
    assert "Half a thought" in body and "Draft, not sent" in body
    assert f'href="/opportunities/{closed.pk}/"' in body


def test_it_shows_nobody_elses_applications(cast, client_for, opportunity):
    sent(opportunity, cast["other_teacher"], note="Olga's own reasons")

    body = client_for(cast["teacher"]).get(URL).content.decode()

    assert "Olga's own reasons" not in body
    assert "You have not applied for an opportunity yet." in body


def test_it_leaves_out_a_district_she_no_longer_belongs_to(
    cast, client_for, opportunity, other_district
):
    sent(opportunity, cast["teacher"], note=NOTE)
    Membership.objects.filter(user=cast["teacher"]).update(is_active=False)
    Membership.objects.create(user=cast["teacher"], district=other_district, role=Role.TEACHER)

    response = client_for(cast["teacher"]).get(URL)

    assert response.status_code == 200
    assert NOTE not in response.content.decode()


def test_the_outsider_sees_none_of_the_district(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"], note=NOTE)

    assert NOTE not in client_for(cast["outsider"]).get(URL).content.decode()


def test_it_keeps_the_query_count_flat(cast, client_for, make_opportunity):
    """A person who applied often must not cost a query per application."""
    sent(make_opportunity(title="First"), cast["teacher"])

    def grow():
        for number in range(8):
            opportunity = make_opportunity(title=f"Opportunity {number}")
            sent(opportunity, cast["teacher"], note=f"Note {number}")
        Opportunity.objects.filter(title="Opportunity 3").update(status="cancelled")

    response = assert_flat_query_count(client_for(cast["teacher"]), URL, grow, budget=6)
    assert "Note 7" in response.content.decode()
    assert "Called off" in response.content.decode()
