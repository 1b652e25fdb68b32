"""Exactly once under real concurrency, against PostgreSQL: two senders at once, two admins
deciding the same nomination at once. SQLite has no row locks, so on SQLite these are
skipped with the reason (CI runs the suite on PostgreSQL first, then `make test` on SQLite)."""

import time

import pytest
from django.core import mail

from leadership.tests.helpers import at_the_same_moment, require_postgres
from notices import tasks as sending
from notices.models import Outbox
from notices.notify import notify
from programs import services
from programs.models import Nomination, NominationEvent

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def postgres():
    require_postgres()


def test_it_sends_each_email_once_when_two_workers_run_at_once(
    district, teacher, principal, coach, other_teacher, monkeypatch
):
    people = [teacher, principal, coach, other_teacher]
    for n in range(3):
        notify(
            kind=f"test.{n}",
            obj=district,
            recipients=people,
            subject=f"Notice {n}",
            template="notice",
            context={"message": "Hello"},
        )
    original = sending.EmailMultiAlternatives.send

    def slow_send(self, fail_silently=False):
        time.sleep(0.05)  # keep each row locked long enough for the workers to overlap
        return original(self, fail_silently)

    monkeypatch.setattr(sending.EmailMultiAlternatives, "send", slow_send)
    first, second = at_the_same_moment(sending.send_due_outbox, sending.send_due_outbox)
    assert first + second == 12
    assert first > 0 and second > 0  # both really worked, side by side
    ids = [m.extra_headers["Message-ID"] for m in mail.outbox]
    assert len(ids) == len(set(ids)) == 12
    assert not Outbox.objects.filter(sent_at__isnull=True).exists()


def test_it_records_one_decision_when_two_admins_decide_at_once(cast, nominate):
    nomination = nominate(cast["principal"], cast["teacher"])
    services.nomination_respond(actor=cast["teacher"], nomination_id=nomination.pk, accept=True)

    def decide(decision):
        return lambda: services.nomination_decide(
            actor=cast["admin"], nomination_id=nomination.pk, decision=decision
        )

    results = at_the_same_moment(decide("approved"), decide("declined"))
    errors = [r for r in results if isinstance(r, services.ServiceError)]
    done = [r for r in results if isinstance(r, Nomination)]
    assert len(errors) == 1 and len(done) == 1, results
    assert "Nothing was changed" in errors[0].message
    nomination.refresh_from_db()
    assert nomination.status == done[0].status
    decisions = NominationEvent.objects.filter(
        nomination=nomination, to_status__in=["approved", "declined"]
    )
    assert decisions.count() == 1
    assert (
        Outbox.objects.filter(kind__in=["nomination.approved", "nomination.declined"]).count() == 2
    )
