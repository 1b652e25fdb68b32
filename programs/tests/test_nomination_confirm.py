"""Every move of a nomination asks first: the page says what happens and names everybody it
emails; nothing changes and nothing is sent until it is confirmed. No decision is chosen for
the district: approving has to be picked."""

from django.urls import reverse

from leadership.tests.confirming import confirm, form_fields
from notices.models import Outbox
from programs import services
from programs.models import Enrollment, Nomination, NominationStatus

S = NominationStatus


def _accepted(nominate, principal, nominee):
    nomination = nominate(principal, nominee)
    services.nomination_respond(actor=nominee, nomination_id=nomination.pk, accept=True)
    Outbox.objects.all().delete()
    return nomination


def _decide(nomination):
    return reverse("programs:nomination_decide", args=[nomination.pk])


def test_it_names_who_an_approval_emails_and_changes_nothing(
    client_for, district_admin, principal, teacher, nominate, cohort
):
    nomination = _accepted(nominate, principal, teacher)

    page = client_for(district_admin).post(
        _decide(nomination), {"decision": "approved", "cohort": cohort.pk, "note": "Welcome"}
    )

    assert "Approve and enroll Tom Teacher for Teacher Leader Fellowship?" in page.text
    assert "Tom Teacher is enrolled in Fall cohort (0 of 2 places taken now)" in page.text
    assert "<li>Tom Teacher</li>" in page.text and "<li>Paula Principal</li>" in page.text
    assert "2 people are emailed" in page.text
    assert "This cannot be undone." in page.text
    assert "Your note goes with it: “Welcome”" in page.text
    nomination.refresh_from_db()
    assert nomination.status == S.ACCEPTED
    assert not Enrollment.objects.exists()
    assert not Outbox.objects.exists()


def test_it_approves_once_confirmed_and_emails_the_people_it_named(
    client_for, district_admin, principal, teacher, nominate, cohort
):
    nomination = _accepted(nominate, principal, teacher)

    _, done = confirm(client_for(district_admin), _decide(nomination), {"decision": "approved"})

    assert "Nomination approved." in done.text
    assert Enrollment.objects.get().cohort == cohort
    emailed = set(Outbox.objects.values_list("to_email", flat=True))
    assert emailed == {teacher.email, principal.email}


def test_it_preselects_no_decision(client_for, district_admin, principal, teacher, nominate):
    nomination = _accepted(nominate, principal, teacher)
    admin = client_for(district_admin)

    for page in (
        admin.get(reverse("programs:nomination", args=[nomination.pk])).text,
        admin.get(reverse("programs:nominations")).text,
    ):
        assert '<option value="" selected>Choose a decision</option>' in page
        assert 'value="approved" selected' not in page


def test_it_refuses_a_decision_not_chosen(client_for, district_admin, principal, teacher, nominate):
    nomination = _accepted(nominate, principal, teacher)

    response = client_for(district_admin).post(_decide(nomination), {"note": "Hm"}, follow=True)

    assert "Choose approve, waitlist or decline" in response.text
    assert 'name="confirmed"' not in response.text
    assert Nomination.objects.get().status == S.ACCEPTED


def test_it_says_a_full_cohort_before_asking(
    client_for, district_admin, principal, teacher, coach, other_teacher, nominate, cohort
):
    nomination = _accepted(nominate, principal, teacher)
    for person in (coach, other_teacher):
        Enrollment.objects.create(cohort=cohort, person=person)

    response = client_for(district_admin).post(
        _decide(nomination), {"decision": "approved"}, follow=True
    )

    assert "Fall cohort is full (2 of 2 places)" in response.text
    assert 'name="confirmed"' not in response.text
    assert Nomination.objects.get().status == S.ACCEPTED


def test_it_names_who_declining_a_nomination_emails(
    client_for, district_admin, principal, teacher, nominate
):
    nomination = nominate(principal, teacher)
    url = reverse("programs:nomination_respond", args=[nomination.pk])

    page = client_for(teacher).post(url, {"answer": "decline"})

    assert "Decline the nomination for Teacher Leader Fellowship?" in page.text
    assert "<li>Paula Principal</li>" in page.text and "<li>Alice Admin</li>" in page.text
    assert Nomination.objects.get().status == S.SUBMITTED
    assert not Outbox.objects.filter(kind__startswith="nomination.nominee").exists()
    confirm(client_for(teacher), url, {"answer": "decline"})
    assert Nomination.objects.get().status == S.NOMINEE_DECLINED


def test_it_names_who_an_endorsement_emails(
    client_for, district_admin, principal, teacher, nominate
):
    nomination = nominate(teacher, teacher)
    url = reverse("programs:nomination_endorse", args=[nomination.pk])

    page = client_for(principal).post(url, {"answer": "endorse"})

    assert "Endorse Tom Teacher's self-nomination" in page.text.replace("&#x27;", "'")
    assert "<li>Tom Teacher</li>" in page.text and "<li>Alice Admin</li>" in page.text
    assert Nomination.objects.get().status == S.AWAITING_ENDORSEMENT


def test_it_shows_what_a_bulk_decision_does_to_each_nomination(
    client_for, district_admin, principal, other_principal, teacher, other_teacher, nominate
):
    ready = _accepted(nominate, principal, teacher)
    waiting = nominate(other_principal, other_teacher)  # not accepted yet: left as it is
    Outbox.objects.all().delete()
    url = reverse("programs:nominations_decide")
    data = {"nominations": [ready.pk, waiting.pk], "decision": "declined"}

    page = client_for(district_admin).post(url, data)

    assert "Decline: 1 nomination?" in page.text
    assert "Tom Teacher, Paula Principal" in page.text
    assert "Left as it is: This nomination is" in page.text
    assert "2 people are emailed" in page.text
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.ACCEPTED, S.SUBMITTED}
    assert not Outbox.objects.exists()

    _, done = confirm(client_for(district_admin), url, data)

    assert "1 nomination declined." in done.text
    ready.refresh_from_db()
    waiting.refresh_from_db()
    assert (ready.status, waiting.status) == (S.DECLINED, S.SUBMITTED)


def test_it_asks_again_when_a_chosen_nomination_moved_meanwhile(
    client_for, district_admin, principal, other_principal, teacher, other_teacher, nominate
):
    first = _accepted(nominate, principal, teacher)
    later = nominate(other_principal, other_teacher)
    url = reverse("programs:nominations_decide")
    data = {"nominations": [first.pk, later.pk], "decision": "waitlisted"}
    fields = form_fields(client_for(district_admin).post(url, data))
    services.nomination_respond(actor=other_teacher, nomination_id=later.pk, accept=True)
    Outbox.objects.all().delete()

    again = client_for(district_admin).post(url, {**fields, "confirmed": "yes"})

    assert "Something changed since you looked" in again.text
    assert "Olga Otherteacher, Owen Otherprincipal" in again.text
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.ACCEPTED}
    assert not Outbox.objects.exists()


def test_it_asks_nothing_when_no_chosen_nomination_can_be_decided(
    client_for, district_admin, principal, teacher, nominate
):
    waiting = nominate(principal, teacher)

    response = client_for(district_admin).post(
        reverse("programs:nominations_decide"),
        {"nominations": [waiting.pk], "decision": "approved"},
        follow=True,
    )

    assert "None of the chosen nominations can be decided this way" in response.text
    assert 'name="confirmed"' not in response.text
    assert Nomination.objects.get().status == S.SUBMITTED
