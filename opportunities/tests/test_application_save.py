import datetime

from django.utils import timezone

from leadership.tests.confirming import confirm
from opportunities.models import Application
from opportunities.tests.conftest import sent


def _url(opportunity):
    return f"/opportunities/{opportunity.pk}/apply/"


def test_it_sends_an_application(cast, client_for, opportunity):
    client = client_for(cast["teacher"])
    response = client.post(_url(opportunity), {"note": "I taught these units.", "submit": "1"})
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.status == "submitted"
    assert application.note == "I taught these units."
    body = client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert "Your application is sent." in body


def test_it_saves_a_draft_then_sends_it(cast, client_for, opportunity):
    client = client_for(cast["teacher"])
    client.post(_url(opportunity), {"note": "Half a thought", "draft": "1"})
    assert Application.objects.get().status == "draft"
    body = client.get(f"/opportunities/{opportunity.pk}/").content.decode()
    assert "You have a draft" in body
    client.post(_url(opportunity), {"note": "A whole thought", "submit": "1"})
    application = Application.objects.get()
    assert (application.status, application.note) == ("submitted", "A whole thought")


def test_it_refuses_applying_twice(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"], note="First")
    client = client_for(cast["teacher"])
    response = client.post(_url(opportunity), {"note": "Second", "submit": "1"}, follow=True)
    assert "You have already sent your application" in response.content.decode()
    assert Application.objects.get().note == "First"


def test_it_refuses_after_the_closing_date(cast, client_for, make_opportunity):
    late = make_opportunity(days=-1)
    response = client_for(cast["teacher"]).post(
        _url(late), {"note": "Sorry", "submit": "1"}, follow=True
    )
    assert "Applications for this opportunity have closed." in response.content.decode()
    assert not Application.objects.exists()


def test_it_refuses_staff_of_another_school(cast, client_for, opportunity):
    response = client_for(cast["other_teacher"]).post(
        _url(opportunity), {"note": "Me!", "submit": "1"}, follow=True
    )
    assert "open to the staff of Maple Grove Middle School only" in response.content.decode()
    assert not Application.objects.exists()


def test_it_lets_anybody_in_the_district_apply_to_a_district_wide_one(
    cast, client_for, make_opportunity
):
    wide = make_opportunity()
    client_for(cast["other_teacher"]).post(_url(wide), {"note": "Me!", "submit": "1"})
    assert Application.objects.get().applicant == cast["other_teacher"]


def test_it_asks_for_a_note_before_sending(cast, client_for, opportunity):
    response = client_for(cast["teacher"]).post(
        _url(opportunity), {"note": "  ", "submit": "1"}, follow=True
    )
    assert "Add a short note" in response.content.decode()
    assert not Application.objects.filter(status="submitted").exists()


def test_it_hides_other_districts(cast, client_for, opportunity):
    response = client_for(cast["outsider"]).post(_url(opportunity), {"note": "x", "submit": "1"})
    assert response.status_code == 404
    assert not Application.objects.exists()


def test_it_rejects_get(cast, client_for, opportunity):
    assert client_for(cast["teacher"]).get(_url(opportunity)).status_code == 405


def test_it_lets_the_applicant_withdraw(cast, client_for, opportunity):
    application = sent(opportunity, cast["teacher"])
    url = f"/opportunities/applications/{application.pk}/withdraw/"
    assert client_for(cast["coach"]).post(url).status_code == 404
    page = client_for(cast["teacher"]).post(url)
    assert "You cannot send an application for it again." in page.content.decode()
    application.refresh_from_db()
    assert application.status == "submitted"
    confirm(client_for(cast["teacher"]), url)
    application.refresh_from_db()
    assert application.status == "withdrawn"


def test_it_shows_the_form_only_while_open(cast, client_for, make_opportunity):
    soon = make_opportunity(days=0)
    assert (
        "Send my application"
        in client_for(cast["teacher"]).get(f"/opportunities/{soon.pk}/").content.decode()
    )
    soon.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    soon.save(update_fields=["closes_on"])
    body = client_for(cast["teacher"]).get(f"/opportunities/{soon.pk}/").content.decode()
    assert "Applications are closed." in body


def test_it_refuses_sending_again_after_withdrawing(cast, client_for, opportunity):
    sent(opportunity, cast["teacher"], status="withdrawn")
    response = client_for(cast["teacher"]).post(
        _url(opportunity), {"note": "Again", "submit": "1"}, follow=True
    )
    assert "You withdrew your application" in response.content.decode()
    assert Application.objects.get().status == "withdrawn"
