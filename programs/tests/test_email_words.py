"""A nomination's emails speak to their reader: "Your nomination for … was approved", never
"The nomination of Tom Teacher …" to Tom himself."""

from datetime import timedelta

from django.utils import timezone

from notices.models import Notification, Outbox
from programs import services
from programs.models import Enrollment

PROGRAM = "Teacher Leader Fellowship"


def _said(kind, person):
    row = Outbox.objects.get(kind=kind, recipient=person)
    assert Notification.objects.get(key=row.key).text == row.subject
    return row


def test_the_nominee_reads_about_their_own_nomination(nominate, principal, teacher, district_admin):
    nomination = nominate(principal, teacher)
    services.nomination_respond(actor=teacher, nomination_id=nomination.pk, accept=True)
    services.nomination_decide(
        actor=district_admin, nomination_id=nomination.pk, decision="approved"
    )

    mine = _said("nomination.approved", teacher)
    assert mine.subject == f"Your nomination for {PROGRAM} was approved"
    assert f"Your nomination for {PROGRAM} was approved. Decided by Alice Admin." in mine.text
    assert f"Your nomination for {PROGRAM} was approved.</strong>" in mine.html
    nominator = _said("nomination.approved", principal)
    assert nominator.subject == f"Your nomination of Tom Teacher for {PROGRAM} was approved"
    accepted = _said("nomination.accepted", principal)
    assert accepted.subject == f"Tom Teacher accepted your nomination for {PROGRAM}"
    assert _said("nomination.accepted", district_admin).subject == (
        f"Tom Teacher accepted the nomination for {PROGRAM}"
    )
    for row in Outbox.objects.all():
        assert "The nomination of" not in row.text + row.html


def test_a_waitlisted_nominee_reads_that_they_wait(nominate, principal, teacher, district_admin):
    nomination = nominate(principal, teacher)
    services.nomination_respond(actor=teacher, nomination_id=nomination.pk, accept=True)
    services.nomination_decide(
        actor=district_admin, nomination_id=nomination.pk, decision="waitlisted"
    )
    assert _said("nomination.waitlisted", teacher).subject == (
        f"Your nomination for {PROGRAM} is on the waiting list"
    )


def test_a_self_nomination_speaks_to_the_principal_and_the_nominee(
    nominate, principal, teacher, district_admin
):
    nomination = nominate(teacher, teacher)
    asked = _said("nomination.endorse_requested", principal)
    assert asked.subject == f"Tom Teacher asks for your endorsement for {PROGRAM}"
    services.nomination_endorse(actor=principal, nomination_id=nomination.pk, endorse=True)
    assert _said("nomination.endorsed", teacher).subject == (
        f"Paula Principal endorsed your nomination for {PROGRAM}"
    )
    assert _said("nomination.endorsed", district_admin).subject == (
        f"Paula Principal endorsed Tom Teacher's nomination for {PROGRAM}"
    )


def test_the_nominee_reads_who_withdrew_their_nomination(nominate, principal, teacher):
    nomination = nominate(principal, teacher)
    services.nomination_withdraw(actor=principal, nomination_id=nomination.pk)
    row = _said("nomination.withdrawn", teacher)
    assert row.subject == f"Paula Principal withdrew your nomination for {PROGRAM}"
    assert f"Paula Principal withdrew your nomination for {PROGRAM}." in row.text


def test_a_new_assignment_speaks_to_its_reader(cohort, prompt, teacher, district_admin):
    Enrollment.objects.create(cohort=cohort, person=teacher)
    services.assignment_create(
        actor=district_admin,
        cohort=cohort,
        prompt=prompt,
        due_on=timezone.localdate() + timedelta(days=7),
    )
    row = _said("assignment.new", teacher)
    assert row.subject.startswith(f"You have a new assignment for {PROGRAM}, due ")
    assert "You have a new assignment in" in row.text
