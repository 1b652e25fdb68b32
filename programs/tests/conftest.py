"""Fixtures for the programs tests: a framework, a program with a cohort and an open window."""

from datetime import timedelta

import pytest
from django.utils import timezone

from notices import notify as notify_module
from portrait.models import Attribute, Framework, ReflectionPrompt
from programs import services
from programs.models import Cohort, Enrollment, NominationWindow, Program

RATIONALE = (
    "Tom runs our grade-level team meetings with care: everyone speaks, decisions get made, "
    "and the follow-up happens."
)


@pytest.fixture(autouse=True)
def _no_broker(monkeypatch):
    """Tests never talk to a broker: enqueueing the send task is recorded instead."""
    calls = []
    monkeypatch.setattr(notify_module, "_enqueue_send", lambda: calls.append(1))
    return calls


@pytest.fixture
def attributes(district):
    framework = Framework.objects.create(district=district)
    names = ["Communicator", "Collaborator", "Learner", "Advocate", "Visionary"]
    return [
        Attribute.objects.create(
            framework=framework, name=n, slug=n.lower(), summary=f"{n}.", order=i
        )
        for i, n in enumerate(names)
    ]


@pytest.fixture
def prompt(attributes):
    return ReflectionPrompt.objects.create(
        attribute=attributes[0], text="When did you help a colleague say something hard?"
    )


@pytest.fixture
def program(district, attributes):
    program = Program.objects.create(
        district=district, name="Teacher Leader Fellowship", target_level="school"
    )
    program.focus_attributes.set(attributes[:2])
    return program


@pytest.fixture
def cohort(program, coach):
    today = timezone.localdate()
    return Cohort.objects.create(
        program=program,
        name="Fall cohort",
        starts_on=today,
        ends_on=today + timedelta(days=120),
        capacity=2,
        facilitator=coach,
    )


@pytest.fixture
def window(program):
    today = timezone.localdate()
    return NominationWindow.objects.create(
        program=program, opens_on=today - timedelta(days=5), closes_on=today + timedelta(days=10)
    )


def seen(attributes, text=RATIONALE):
    """The same words as what was seen of each of `attributes`."""
    return [services.Seen(attribute, text) for attribute in attributes]


@pytest.fixture
def nominate(program, window, attributes, cohort):
    def make(actor, nominee, **extra):
        return services.nomination_create(
            actor=actor,
            program=extra.pop("program", program),
            nominee=nominee,
            evidence=extra.pop("evidence", None) or seen(attributes[:2]),
            **extra,
        )

    return make


@pytest.fixture
def session(cohort, teacher, district_admin):
    """A session a week from now, with the teacher enrolled in its cohort (invited)."""
    Enrollment.objects.create(cohort=cohort, person=teacher)
    start = timezone.localtime() + timedelta(days=7)
    return services.session_create(
        actor=district_admin,
        cohort=cohort,
        title="Kick-off",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        location="Library",
    )


def many_cohorts(program, count, prefix="Spring"):
    """`count` running cohorts of `program`: more than a select shows (leadership/picker.py)."""
    today = timezone.localdate()
    Cohort.objects.bulk_create(
        Cohort(
            program=program,
            name=f"{prefix} {i:03d}",
            starts_on=today,
            ends_on=today + timedelta(days=30),
        )
        for i in range(count)
    )
