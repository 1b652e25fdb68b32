"""The nomination state machine in programs/services.py: every allowed and refused move."""

import pytest
from django.core import mail

from leadership.models import AuditEvent
from notices import tasks as sending
from notices.models import Notification, Outbox
from pipeline.models import Candidate, CandidateChange, Stage
from programs import services
from programs.models import Enrollment, NominationEvent, NominationStatus
from programs.services import TRANSITIONS, ServiceError

from .conftest import seen

S = NominationStatus
ROLE_ACTORS = {"nominee": "teacher", "principal": "principal", "district": "admin"}


def _reach(status, cast, nominate):
    """A nomination of the teacher brought to `status` by the legal path."""
    self_path = status in (S.AWAITING_ENDORSEMENT, S.ENDORSED, S.NOT_ENDORSED)
    nomination = nominate(cast["teacher"] if self_path else cast["principal"], cast["teacher"])
    path = {
        S.SUBMITTED: [],
        S.AWAITING_ENDORSEMENT: [],
        S.ENDORSED: [("endorse", True)],
        S.NOT_ENDORSED: [("endorse", False)],
        S.ACCEPTED: [("respond", True)],
        S.NOMINEE_DECLINED: [("respond", False)],
        S.APPROVED: [("respond", True), ("decide", S.APPROVED)],
        S.WAITLISTED: [("respond", True), ("decide", S.WAITLISTED)],
        S.DECLINED: [("respond", True), ("decide", S.DECLINED)],
        S.WITHDRAWN: [("withdraw", None)],
    }[status]
    for step, value in path:
        _do(step, value, nomination, cast)
    nomination.refresh_from_db()
    assert nomination.status == status
    return nomination


def _do(step, value, nomination, cast):
    if step == "respond":
        return services.nomination_respond(
            actor=cast["teacher"], nomination_id=nomination.pk, accept=value
        )
    if step == "endorse":
        return services.nomination_endorse(
            actor=cast["principal"], nomination_id=nomination.pk, endorse=value
        )
    if step == "withdraw":
        return services.nomination_withdraw(
            actor=nomination.nominated_by, nomination_id=nomination.pk
        )
    return services.nomination_decide(
        actor=cast["admin"], nomination_id=nomination.pk, decision=value, note="Welcome"
    )


def _step_for(to_status):
    if to_status in (S.ACCEPTED, S.NOMINEE_DECLINED):
        return "respond", to_status == S.ACCEPTED
    if to_status in (S.ENDORSED, S.NOT_ENDORSED):
        return "endorse", to_status == S.ENDORSED
    if to_status == S.WITHDRAWN:
        return "withdraw", None
    return "decide", to_status


MOVES = [S.ACCEPTED, S.NOMINEE_DECLINED, S.ENDORSED, S.NOT_ENDORSED] + [
    S.APPROVED,
    S.WAITLISTED,
    S.DECLINED,
    S.WITHDRAWN,
]


@pytest.mark.parametrize("start", list(S))
@pytest.mark.parametrize("to", MOVES)
def test_it_allows_exactly_the_moves_in_the_table(start, to, cast, nominate):
    nomination = _reach(start, cast, nominate)
    events = NominationEvent.objects.count()
    step, value = _step_for(to)
    if (start, to) in TRANSITIONS:
        _do(step, value, nomination, cast)
        nomination.refresh_from_db()
        assert nomination.status == to
        event = nomination.events.last()
        assert (event.from_status, event.to_status) == (start, to)
        assert event.actor is not None
    else:
        with pytest.raises(ServiceError) as refused:
            _do(step, value, nomination, cast)
        assert "Nothing was changed" in refused.value.message
        nomination.refresh_from_db()
        assert nomination.status == start
        assert NominationEvent.objects.count() == events


def test_it_stores_every_move_with_who_and_the_note(cast, nominate):
    nomination = nominate(cast["principal"], cast["teacher"])
    services.nomination_respond(
        actor=cast["teacher"], nomination_id=nomination.pk, accept=True, note="Glad to."
    )
    moves = list(nomination.events.values_list("to_status", "actor__email", "note"))
    assert moves == [
        ("submitted", "principal@maple.test", ""),
        ("accepted", "teacher@maple.test", "Glad to."),
    ]


def test_it_refuses_a_second_open_nomination_with_a_link_to_the_first(cast, nominate):
    first = nominate(cast["principal"], cast["teacher"])
    with pytest.raises(ServiceError) as refused:
        nominate(cast["principal"], cast["teacher"])
    assert "already has an open nomination" in refused.value.message
    assert refused.value.link == f"/nominations/{first.pk}/"


def test_it_allows_a_new_nomination_once_the_first_is_closed(cast, nominate):
    first = nominate(cast["principal"], cast["teacher"])
    services.nomination_respond(actor=cast["teacher"], nomination_id=first.pk, accept=False)
    assert nominate(cast["principal"], cast["teacher"]).pk != first.pk


def test_it_refuses_a_closed_window(cast, nominate, window):
    window.closes_on = window.opens_on
    window.save()
    with pytest.raises(ServiceError, match="closed"):
        nominate(cast["principal"], cast["teacher"])


def test_it_refuses_evidence_too_short_to_say_what_was_seen(cast, nominate, attributes):
    with pytest.raises(ServiceError, match="Communicator: please say a little more"):
        nominate(cast["principal"], cast["teacher"], evidence=seen(attributes[:1], "Great."))


def test_it_enrolls_and_moves_the_candidate_on_approval(cast, nominate, cohort):
    nomination = _reach(S.APPROVED, cast, nominate)
    assert nomination.cohort == cohort
    enrollment = Enrollment.objects.get(person=cast["teacher"])
    assert enrollment.cohort == cohort and enrollment.nomination == nomination
    candidate = Candidate.objects.get(user=cast["teacher"])
    assert candidate.stage == Stage.IN_DEVELOPMENT
    change = CandidateChange.objects.get(candidate=candidate)
    assert change.new_value == Stage.IN_DEVELOPMENT and "Welcome" in change.note
    assert AuditEvent.objects.filter(action="candidate.stage").exists()
    assert AuditEvent.objects.filter(action="nomination.approved").exists()


def test_it_moves_an_existing_candidate_to_in_development(cast, nominate, district):
    Candidate.objects.create(district=district, user=cast["teacher"], stage=Stage.IDENTIFIED)
    _reach(S.APPROVED, cast, nominate)
    change = CandidateChange.objects.get()
    assert (change.old_value, change.new_value) == (Stage.IDENTIFIED, Stage.IN_DEVELOPMENT)


def test_it_refuses_approval_into_a_full_cohort(cast, nominate, cohort, other_teacher, coach):
    cohort.capacity = 1
    cohort.save()
    Enrollment.objects.create(cohort=cohort, person=coach)
    nomination = _reach(S.ACCEPTED, cast, nominate)
    with pytest.raises(ServiceError, match="is full"):
        services.nomination_decide(
            actor=cast["admin"], nomination_id=nomination.pk, decision=S.APPROVED
        )
    nomination.refresh_from_db()
    assert nomination.status == S.ACCEPTED
    assert not Enrollment.objects.filter(person=cast["teacher"]).exists()
    assert not Candidate.objects.exists()


def test_it_approves_from_the_waitlist(cast, nominate):
    nomination = _reach(S.WAITLISTED, cast, nominate)
    services.nomination_decide(
        actor=cast["admin"], nomination_id=nomination.pk, decision="approved"
    )
    nomination.refresh_from_db()
    assert nomination.status == S.APPROVED


def test_it_tells_the_second_admin_what_happened(cast, nominate):
    nomination = _reach(S.ACCEPTED, cast, nominate)
    services.nomination_decide(
        actor=cast["admin"], nomination_id=nomination.pk, decision="declined"
    )
    with pytest.raises(ServiceError) as refused:
        services.nomination_decide(
            actor=cast["admin"], nomination_id=nomination.pk, decision="approved"
        )
    assert "Declined by the district" in refused.value.message
    assert "Alice Admin" in refused.value.message


def test_it_decides_many_at_once_and_reports_the_refused(cast, nominate, other_teacher):
    first = _reach(S.ACCEPTED, cast, nominate)
    second = nominate(cast["other_principal"], other_teacher)  # not accepted yet
    done, refused = services.nomination_decide_many(
        actor=cast["admin"],
        nomination_ids=[first.pk, second.pk],
        decision="waitlisted",
        note="Next round",
    )
    assert [n.pk for n in done] == [first.pk]
    assert refused[0][0] == second.pk


def test_it_notifies_the_people_each_event_concerns(cast, nominate):
    nomination = nominate(cast["principal"], cast["teacher"])
    assert list(Outbox.objects.values_list("to_email", flat=True)) == ["teacher@maple.test"]
    services.nomination_respond(actor=cast["teacher"], nomination_id=nomination.pk, accept=True)
    accepted = set(
        Outbox.objects.filter(kind="nomination.accepted").values_list("to_email", flat=True)
    )
    assert accepted == {"principal@maple.test", "admin@maple.test"}
    services.nomination_decide(
        actor=cast["admin"], nomination_id=nomination.pk, decision="approved"
    )
    decided = set(
        Outbox.objects.filter(kind="nomination.approved").values_list("to_email", flat=True)
    )
    assert decided == {"teacher@maple.test", "principal@maple.test"}
    assert Notification.objects.filter(recipient=cast["teacher"]).count() >= 2


def test_it_asks_the_principal_to_endorse_a_self_nomination(cast, nominate):
    nominate(cast["teacher"], cast["teacher"])
    row = Outbox.objects.get(kind="nomination.endorse_requested")
    assert row.to_email == "principal@maple.test"
    assert row.subject == "Tom Teacher asks for your endorsement for Teacher Leader Fellowship"


def test_it_sends_each_workflow_email_exactly_once(cast, nominate):
    _reach(S.APPROVED, cast, nominate)
    queued = Outbox.objects.count()
    sending.send_due_outbox()
    sending.send_due_outbox()
    assert len(mail.outbox) == queued
    welcome = [m for m in mail.outbox if m.subject.startswith("Welcome to")]
    assert len(welcome) == 1
