from leadership.tests.confirming import confirm
from leadership.tests.helpers import assert_flat_query_count
from notices.models import Notification, Outbox
from opportunities.models import Application, Opportunity
from opportunities.tests.conftest import sent


def test_it_lists_applications_for_the_poster(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"], note="I know these units well.")
    sent(opportunity, cast["coach"], status="draft")
    body = (
        client_for(cast["principal"])
        .get(f"/opportunities/{opportunity.pk}/applications/")
        .content.decode()
    )
    assert "Tom Teacher" in body
    assert "I know these units well." in body
    assert "1 started but not sent" in body
    assert "Cora Coach" not in body


def test_it_hides_applications_from_a_principal_of_another_school(cast, client_for, opportunity):
    url = f"/opportunities/{opportunity.pk}/applications/"
    assert client_for(cast["other_principal"]).get(url).status_code == 404


def test_it_asks_before_choosing_and_tells_nobody_until_the_selection_is_finished(
    cast, client_for, opportunity
):
    first = sent(opportunity, cast["teacher"])
    client = client_for(cast["principal"])
    url = f"/opportunities/{opportunity.pk}/select/"
    page, done = confirm(client, url, {"applications": [first.pk]})
    assert "Choose Tom Teacher for" in page.content.decode()
    assert "1 of 2 seats will then be taken" in page.content.decode()
    assert "Nobody is emailed." in page.content.decode()
    assert "Chosen: Tom Teacher. Nobody is told until you finish" in done.content.decode()
    client.post(url, {"applications": [first.pk], "confirmed": "yes", "told": ""})
    first.refresh_from_db()
    assert first.status == "submitted"
    assert first.chosen_at is not None
    assert not Outbox.objects.exists()
    assert not Notification.objects.exists()
    # The applicant still sees their application as sent.
    body = client_for(cast["teacher"]).get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert "<strong>Sent</strong>" in body


def test_it_changes_nothing_on_the_first_post_of_a_choice(cast, client_for, opportunity):
    first = sent(opportunity, cast["teacher"])
    client_for(cast["principal"]).post(
        f"/opportunities/{opportunity.pk}/select/", {"applications": [first.pk]}
    )
    first.refresh_from_db()
    assert first.chosen_at is None


def test_it_refuses_more_people_than_seats(cast, client_for, make_opportunity, school):
    opportunity = make_opportunity(school=school, seats=1)
    a = sent(opportunity, cast["teacher"])
    b = sent(opportunity, cast["coach"])
    response = client_for(cast["principal"]).post(
        f"/opportunities/{opportunity.pk}/select/", {"applications": [a.pk, b.pk]}, follow=True
    )
    assert "has 1 seat and 1 left; you chose 2 people. Nobody was selected." in (
        response.content.decode()
    )
    assert not Application.objects.filter(chosen_at__isnull=False).exists()
    assert not Outbox.objects.exists()


def test_it_refuses_a_teacher(cast, client_for, opportunity):
    a = sent(opportunity, cast["teacher"])
    response = client_for(cast["teacher"]).post(
        f"/opportunities/{opportunity.pk}/select/", {"applications": [a.pk]}
    )
    assert response.status_code == 403
    a.refresh_from_db()
    assert a.status == "submitted"


def test_it_rejects_get(cast, client_for, opportunity):
    client = client_for(cast["principal"])
    for action in ("select", "unselect", "finish", "cancel"):
        assert client.get(f"/opportunities/{opportunity.pk}/{action}/").status_code == 405


def test_it_asks_to_tick_somebody(cast, client_for, opportunity):
    response = client_for(cast["principal"]).post(
        f"/opportunities/{opportunity.pk}/select/", {}, follow=True
    )
    assert "Tick at least one person" in response.content.decode()


def test_it_finishes_the_selection_and_tells_everybody_once(cast, client_for, opportunity):
    chosen = sent(opportunity, cast["teacher"])
    other = sent(opportunity, cast["coach"])
    client = client_for(cast["principal"])
    confirm(client, f"/opportunities/{opportunity.pk}/select/", {"applications": [chosen.pk]})
    _, done = confirm(client, f"/opportunities/{opportunity.pk}/finish/")
    assert "1 told they were selected, 1 told it was not them this time" in done.content.decode()
    response = client.post(f"/opportunities/{opportunity.pk}/finish/", follow=True)
    assert "already finished" in response.content.decode()
    chosen.refresh_from_db()
    other.refresh_from_db()
    opportunity.refresh_from_db()
    assert chosen.status == "selected"
    assert chosen.decided_by == cast["principal"]
    assert other.status == "not_selected"
    assert opportunity.status == Opportunity.Status.FILLED
    assert "You have been selected" in Outbox.objects.get(to_email=cast["teacher"].email).subject
    kind_words = Outbox.objects.get(to_email=cast["coach"].email)
    assert "not selected this time" in kind_words.text
    assert Outbox.objects.count() == 2


def test_it_wont_finish_before_anybody_is_selected(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"])
    response = client_for(cast["principal"]).post(
        f"/opportunities/{opportunity.pk}/finish/", follow=True
    )
    assert "Select at least one person" in response.content.decode()
    assert 'name="confirmed"' not in response.content.decode()
    assert Opportunity.objects.get().status == "open"


def test_it_makes_the_same_number_of_queries_for_more_applications(
    cast, client_for, opportunity, district, school
):
    """The applications page must not query once per applicant."""
    from conftest import make_person

    sent(opportunity, cast["teacher"])

    def grow():
        for i in range(5):
            person = make_person(f"applicant{i}@maple.test", f"A {i}", district, "teacher", school)
            sent(opportunity, person, status="selected" if i == 0 else "submitted")

    url = f"/opportunities/{opportunity.pk}/applications/"
    assert_flat_query_count(client_for(cast["principal"]), url, grow, budget=9)


def test_it_calls_an_opportunity_off_and_tells_the_applicants_once(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"])
    sent(opportunity, cast["coach"], status="draft")
    url = f"/opportunities/{opportunity.pk}/cancel/"
    assert client_for(cast["teacher"]).post(url).status_code == 403
    assert client_for(cast["other_principal"]).post(url).status_code == 404
    client = client_for(cast["principal"])
    confirm(client, url)
    response = client.post(url, follow=True)
    assert "Only an opportunity that is still open can be cancelled." in response.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.status == "cancelled"
    assert sorted(Outbox.objects.values_list("to_email", flat=True)) == sorted(
        [cast["teacher"].email, cast["coach"].email]
    )
    body = client_for(cast["teacher"]).get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert "Send my application" not in body


def test_it_wont_call_off_an_opportunity_with_people_selected(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"], status="selected")
    response = client_for(cast["principal"]).post(
        f"/opportunities/{opportunity.pk}/cancel/", follow=True
    )
    assert "Some people are already selected" in response.content.decode()
    assert Opportunity.objects.get().status == "open"


def test_it_refuses_an_application_of_another_opportunity(
    cast, client_for, opportunity, make_opportunity
):
    elsewhere = sent(make_opportunity(title="Elsewhere"), cast["teacher"])
    response = client_for(cast["principal"]).post(
        f"/opportunities/{opportunity.pk}/select/", {"applications": [elsewhere.pk]}, follow=True
    )
    assert "whose application is waiting" in response.content.decode()
    elsewhere.refresh_from_db()
    assert elsewhere.status == "submitted"
