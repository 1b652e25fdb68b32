"""Finishing a selection and calling an opportunity off ask first, naming everybody who will
be emailed; a choice not yet announced can be undone."""

from leadership.models import AuditEvent
from leadership.tests.confirming import confirm, form_fields
from notices.models import Outbox
from opportunities.models import Application, Opportunity
from opportunities.tests.conftest import sent


def _choose(client, opportunity, application):
    confirm(client, f"/opportunities/{opportunity.pk}/select/", {"applications": [application.pk]})


def test_it_names_everybody_the_finish_will_email_and_changes_nothing(
    cast, client_for, opportunity
):
    chosen = sent(opportunity, cast["teacher"])
    sent(opportunity, cast["coach"])
    sent(opportunity, cast["other_teacher"], status="draft")
    client = client_for(cast["principal"])
    _choose(client, opportunity, chosen)
    page = client.post(f"/opportunities/{opportunity.pk}/finish/")
    body = page.content.decode()
    assert "Told they were selected (1)" in body
    assert "Told it was not them this time (1)" in body
    assert body.index("Tom Teacher") < body.index("Cora Coach")
    assert "1 person started an application but never sent it; they are not emailed." in body
    assert "2 people are emailed" in body
    assert Opportunity.objects.get().status == "open"
    assert Application.objects.get(pk=chosen.pk).status == "submitted"
    assert not Outbox.objects.exists()


def test_it_asks_again_when_somebody_applied_since_the_page_was_shown(
    cast, client_for, opportunity
):
    chosen = sent(opportunity, cast["teacher"])
    client = client_for(cast["principal"])
    _choose(client, opportunity, chosen)
    url = f"/opportunities/{opportunity.pk}/finish/"
    fields = form_fields(client.post(url))
    sent(opportunity, cast["coach"])
    again = client.post(url, {**fields, "confirmed": "yes"})
    assert "Something changed since you looked" in again.content.decode()
    assert "Cora Coach" in again.content.decode()
    assert Opportunity.objects.get().status == "open"
    assert not Outbox.objects.exists()


def test_it_undoes_a_choice_before_the_selection_is_announced(cast, client_for, opportunity):
    chosen = sent(opportunity, cast["teacher"])
    client = client_for(cast["principal"])
    _choose(client, opportunity, chosen)
    page = client.get(f"/opportunities/{opportunity.pk}/applications/").content.decode()
    assert "Chosen, not told yet" in page
    assert "1 of 2 seats filled (1 chosen, not told yet)" in page
    response = client.post(
        f"/opportunities/{opportunity.pk}/unselect/", {"application": chosen.pk}, follow=True
    )
    assert "Tom Teacher is no longer chosen; nobody was told." in response.content.decode()
    chosen.refresh_from_db()
    assert chosen.chosen_at is None
    assert chosen.status == "submitted"
    assert AuditEvent.objects.filter(action="application.unchoose").exists()
    assert not Outbox.objects.exists()


def test_it_wont_undo_a_selection_already_announced(cast, client_for, opportunity):
    chosen = sent(opportunity, cast["teacher"])
    client = client_for(cast["principal"])
    _choose(client, opportunity, chosen)
    confirm(client, f"/opportunities/{opportunity.pk}/finish/")
    response = client.post(
        f"/opportunities/{opportunity.pk}/unselect/", {"application": chosen.pk}, follow=True
    )
    assert "Only a choice that has not been announced yet can be undone" in (
        response.content.decode()
    )
    assert Application.objects.get(pk=chosen.pk).status == "selected"


def test_it_refuses_undoing_with_bad_input(cast, client_for, opportunity):
    waiting = sent(opportunity, cast["teacher"])
    client = client_for(cast["principal"])
    url = f"/opportunities/{opportunity.pk}/unselect/"
    response = client.post(url, {"application": "Tom"}, follow=True)
    assert "Choose whose choice to undo; nothing changed." in response.content.decode()
    response = client.post(url, {"application": waiting.pk}, follow=True)
    assert "Only a choice that has not been announced yet can be undone" in (
        response.content.decode()
    )


def test_it_keeps_undoing_to_the_people_who_manage_it(cast, client_for, opportunity):
    chosen = sent(opportunity, cast["teacher"])
    _choose(client_for(cast["principal"]), opportunity, chosen)
    url = f"/opportunities/{opportunity.pk}/unselect/"
    data = {"application": chosen.pk}
    assert client_for(cast["teacher"]).post(url, data).status_code == 403
    assert client_for(cast["other_principal"]).post(url, data).status_code == 404
    assert client_for(cast["outsider"]).post(url, data).status_code == 404
    assert client_for(cast["principal"]).get(url).status_code == 405
    anonymous = client_for(None).post(url, data)
    assert anonymous.status_code == 302 and "login" in anonymous.url
    assert Application.objects.get(pk=chosen.pk).chosen_at is not None


def test_it_names_the_applicants_before_calling_off_and_changes_nothing(
    cast, client_for, opportunity
):
    sent(opportunity, cast["teacher"])
    sent(opportunity, cast["coach"], status="draft")
    page = client_for(cast["principal"]).post(f"/opportunities/{opportunity.pk}/cancel/")
    body = page.content.decode()
    assert "Call off “Review the grade 7 science units”?" in body
    assert "Tom Teacher" in body and "Cora Coach" in body
    assert "2 people are emailed" in body
    assert Opportunity.objects.get().status == "open"
    assert not Outbox.objects.exists()
