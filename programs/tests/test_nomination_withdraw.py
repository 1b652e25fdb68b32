"""Withdrawing a nomination: the nominator (or self-nominee) takes back an undecided one."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.models import AuditEvent
from leadership.tests.confirming import confirm
from leadership.tests.fixtures_browser import audit, sign_in
from leadership.tests.helpers import at_the_same_moment as at_once
from leadership.tests.helpers import require_postgres
from notices.models import Notification, Outbox
from programs import services
from programs.models import Nomination, NominationEvent, NominationStatus

S = NominationStatus


def _url(nomination):
    return reverse("programs:nomination_withdraw", args=[nomination.pk])


def _withdrawn_emails():
    return sorted(
        Outbox.objects.filter(kind="nomination.withdrawn").values_list("to_email", flat=True)
    )


def test_it_lets_the_principal_withdraw_and_nominate_again(
    client_for, principal, teacher, nominate
):
    nomination = nominate(principal, teacher)
    client = client_for(principal)
    page = client.get(reverse("programs:nomination", args=[nomination.pk])).text
    assert "Withdraw the nomination" in page and _url(nomination) in page

    first = client.post(_url(nomination), {"note": "Wrong program; see the Academy."})
    assert "Withdraw the nomination of Tom Teacher" in first.text
    assert nomination.events.count() == 1 and not Outbox.objects.filter(kind="nomination.withdrawn")
    _, response = confirm(client, _url(nomination), {"note": "Wrong program; see the Academy."})
    assert "You withdrew the nomination" in response.text
    nomination.refresh_from_db()
    assert nomination.status == S.WITHDRAWN
    event = nomination.events.last()
    assert (event.from_status, event.to_status, event.actor) == (
        S.SUBMITTED,
        S.WITHDRAWN,
        principal,
    )
    assert event.note == "Wrong program; see the Academy."
    assert "Wrong program" in response.text  # the history shows it
    # The nominee is told; the principal who withdrew it is not told about their own move.
    assert _withdrawn_emails() == [teacher.email]
    assert Notification.objects.filter(
        recipient=teacher, text__startswith="Paula Principal withdrew your nomination for"
    ).exists()
    assert AuditEvent.objects.filter(action="nomination.withdrawn").count() == 1
    assert nominate(principal, teacher).pk != nomination.pk


def test_it_lets_a_self_nominee_withdraw_and_tells_the_principal(
    client_for, principal, teacher, nominate
):
    nomination = nominate(teacher, teacher)
    assert nomination.status == S.AWAITING_ENDORSEMENT
    confirm(client_for(teacher), _url(nomination))
    nomination.refresh_from_db()
    assert nomination.status == S.WITHDRAWN
    assert _withdrawn_emails() == [principal.email]
    text = Outbox.objects.get(kind="nomination.withdrawn").text
    assert "Tom Teacher withdrew their nomination" in text


def test_it_lets_the_principal_withdraw_an_accepted_nomination(principal, teacher, nominate):
    nomination = nominate(principal, teacher)
    services.nomination_respond(actor=teacher, nomination_id=nomination.pk, accept=True)
    services.nomination_withdraw(actor=principal, nomination_id=nomination.pk, note="")
    nomination.refresh_from_db()
    assert nomination.status == S.WITHDRAWN


@pytest.mark.parametrize("decision", [S.APPROVED, S.WAITLISTED, S.DECLINED])
def test_it_refuses_once_the_district_has_decided(
    client_for, district_admin, principal, teacher, nominate, decision
):
    nomination = nominate(principal, teacher)
    services.nomination_respond(actor=teacher, nomination_id=nomination.pk, accept=True)
    services.nomination_decide(actor=district_admin, nomination_id=nomination.pk, decision=decision)
    events = NominationEvent.objects.count()
    client = client_for(principal)
    page = client.get(reverse("programs:nomination", args=[nomination.pk])).text
    assert "Withdraw the nomination" not in page
    response = client.post(_url(nomination), follow=True)
    assert "cannot be withdrawn now" in response.text
    nomination.refresh_from_db()
    assert nomination.status == decision
    assert NominationEvent.objects.count() == events
    assert _withdrawn_emails() == []


def test_it_says_so_when_withdrawn_twice_and_sends_nothing_more(
    client_for, principal, teacher, nominate
):
    nomination = nominate(principal, teacher)
    client = client_for(principal)
    confirm(client, _url(nomination))
    response = client.post(_url(nomination), follow=True)
    assert "cannot be withdrawn now" in response.text
    assert _withdrawn_emails() == [teacher.email]
    assert nomination.events.filter(to_status=S.WITHDRAWN).count() == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("teacher", 403),  # the nominee of someone else's nomination: they decline instead
        ("admin", 403),  # sees it, did not make it
        ("other_principal", 404),  # another school's principal does not see it
        ("coach", 404),
        ("outsider", 404),  # another district
    ],
)
def test_it_refuses_someone_elses_nomination(client_for, cast, nominate, who, status):
    nomination = nominate(cast["principal"], cast["teacher"])
    assert client_for(cast[who]).post(_url(nomination)).status_code == status
    nomination.refresh_from_db()
    assert nomination.status == S.SUBMITTED
    assert _withdrawn_emails() == []


def test_it_shows_no_withdraw_form_to_the_nominee(client_for, principal, teacher, nominate):
    nomination = nominate(principal, teacher)
    page = client_for(teacher).get(reverse("programs:nomination", args=[nomination.pk])).text
    assert "Accept the nomination" in page and "Withdraw the nomination" not in page


def test_it_refuses_in_the_service_too(district_admin, principal, teacher, nominate):
    nomination = nominate(principal, teacher)
    with pytest.raises(services.ServiceError, match="Only the person who made"):
        services.nomination_withdraw(actor=district_admin, nomination_id=nomination.pk)
    nomination.refresh_from_db()
    assert nomination.status == S.SUBMITTED


def test_it_sends_anonymous_people_to_sign_in(client_for, principal, teacher, nominate):
    nomination = nominate(principal, teacher)
    response = client_for(None).post(_url(nomination))
    assert response.status_code == 302 and "/login" in response.url
    assert Nomination.objects.get().status == S.SUBMITTED


def test_it_answers_405_to_get(client_for, principal, teacher, nominate):
    nomination = nominate(principal, teacher)
    assert client_for(principal).get(_url(nomination)).status_code == 405
    assert Nomination.objects.get().status == S.SUBMITTED


def test_it_refuses_a_note_too_long_and_changes_nothing(client_for, principal, teacher, nominate):
    nomination = nominate(principal, teacher)
    response = client_for(principal).post(_url(nomination), {"note": "x" * 1001}, follow=True)
    assert "too long" in response.text
    assert Nomination.objects.get().status == S.SUBMITTED
    assert _withdrawn_emails() == []


@pytest.mark.django_db(transaction=True)
def test_it_lets_one_of_a_withdrawal_and_a_decision_at_once_happen(
    district_admin, principal, teacher, nominate
):
    require_postgres()
    nomination = nominate(principal, teacher)
    services.nomination_respond(actor=teacher, nomination_id=nomination.pk, accept=True)
    results = at_once(
        lambda: services.nomination_withdraw(actor=principal, nomination_id=nomination.pk),
        lambda: services.nomination_decide(
            actor=district_admin, nomination_id=nomination.pk, decision=S.APPROVED
        ),
    )
    errors = [r for r in results if isinstance(r, services.ServiceError)]
    assert len(errors) == 1, results
    assert "Nothing was changed" in errors[0].message
    nomination.refresh_from_db()
    moves = nomination.events.filter(to_status__in=[S.WITHDRAWN, S.APPROVED])
    assert list(moves.values_list("to_status", flat=True)) == [nomination.status]


@pytest.mark.browser
def test_it_withdraws_from_the_nomination_page_in_a_browser(
    page, live_server, principal, teacher, nominate
):
    nomination = nominate(principal, teacher)
    sign_in(page, live_server, principal.email, PASSWORD)
    page.goto(f"{live_server.url}{reverse('programs:nomination', args=[nomination.pk])}")
    audit(page)
    page.get_by_label("Why are you withdrawing it? (optional)").fill("Next year instead.")
    page.get_by_role("button", name="Withdraw the nomination").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Withdraw the nomination of")
    expect(page.get_by_text("Tom Teacher", exact=True)).to_be_visible()
    audit(page)
    page.get_by_role("button", name="Withdraw the nomination").click()
    expect(page.get_by_text("You withdrew the nomination.")).to_be_visible()
    expect(page.get_by_text("Next year instead.")).to_be_visible()
    audit(page)
    nomination.refresh_from_db()
    assert nomination.status == S.WITHDRAWN
