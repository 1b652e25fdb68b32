"""programs.demo.seed through seed_demo: every state present, and a second run changes nothing."""

from django.core.management import call_command

from notices.models import Outbox
from programs.models import (
    Assignment,
    Enrollment,
    Nomination,
    NominationEvent,
    NominationStatus,
    Program,
    Session,
)


def _counts():
    return [
        m.objects.count()
        for m in (Program, Assignment, Enrollment, Nomination, NominationEvent, Outbox, Session)
    ]


def test_it_seeds_programs_and_nominations_in_every_state(db):
    call_command("seed_demo")
    assert set(Program.objects.values_list("name", flat=True)) == {
        "Teacher Leader Fellowship",
        "Aspiring Principals Academy",
    }
    assert set(Nomination.objects.values_list("status", flat=True)) == set(NominationStatus.values)
    assert Enrollment.objects.count() == 4
    assert Assignment.objects.count() == 4
    rosa = Nomination.objects.get(nominee__email="teacher@lakeview.test")
    assert rosa.status == NominationStatus.SUBMITTED


def test_it_changes_nothing_the_second_time(db):
    call_command("seed_demo")
    before = _counts()
    call_command("seed_demo")
    assert _counts() == before
