"""Builders for the succession tests: kinds, positions, holders and slates in the cast's
district (conftest.py)."""

import datetime

from django.utils import timezone

from conftest import make_person
from leadership.models import Level, Role, User
from pipeline.models import Readiness, Stage
from pipeline.succession.kinds import kinds_ensure_defaults
from pipeline.succession.models import (
    Position,
    PositionKind,
    RoleTerm,
    Slate,
    SlateEntry,
    SlateReadiness,
)
from pipeline.tests.pipeline_data import candidate

TODAY = timezone.localdate


def days(n):
    return TODAY() + datetime.timedelta(days=n)


def kind(district, key="principal"):
    kinds_ensure_defaults(district=district)
    return PositionKind.objects.get(district=district, key=key)


def position(district, school=None, key="principal", **fields):
    found = kind(district, key)
    return Position.objects.create(
        district=district,
        kind=found,
        school=school,
        level=fields.pop("level", found.level),
        **fields,
    )


def holder(position, name, started_days_ago=1000, **fields):
    """A current (or, with `ended_on`, past) holder, made a member of the district."""
    email = name.lower().replace(" ", ".") + "@holders.test"
    person = User.objects.filter(email=email).first() or make_person(
        email, name, position.district, Role.TEACHER, position.school, Level.SCHOOL
    )
    return RoleTerm.objects.create(
        district=position.district,
        position=position,
        person=person,
        started_on=days(-started_days_ago),
        **fields,
    )


def ready_candidate(district, school, name, readiness=Readiness.READY_NOW, **fields):
    fields.setdefault("target_level", Level.SCHOOL)
    fields.setdefault("target_role", "Principal")
    stage = {
        Readiness.READY_NOW: Stage.READY_NOW,
        Readiness.READY_LATER: Stage.READY_LATER,
    }.get(readiness, Stage.IN_DEVELOPMENT)
    return candidate(district, school, name, stage, readiness=readiness, **fields)


def slate(position, *entries):
    """The position's open slate with `entries`: (candidate, readiness) pairs, in rank order."""
    found = Slate.objects.filter(position=position, filled_at__isnull=True).first()
    found = found or Slate.objects.create(district=position.district, position=position)
    start = found.entries.count()
    for rank, (person, readiness) in enumerate(entries, start=start + 1):
        SlateEntry.objects.create(slate=found, candidate=person, rank=rank, readiness=readiness)
    return found


READY_NOW = SlateReadiness.READY_NOW
READY_LATER = SlateReadiness.READY_LATER
EMERGENCY = SlateReadiness.EMERGENCY
