"""The bench against the openings: who is on the open slates, each person counted once.

A person named on several slates is counted once, in the kind and level of their best entry
(readiest first, then best rank, then the oldest slate), so ready people per opening can
never count the same person twice; the people named on more than one slate are listed.
People placed or off the line are left out (their entries stay on the slates, for history).

One query, whatever the number of slates.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.db.models.functions import Coalesce

from leadership.models import User
from pipeline.succession.models import SlateEntry, SlateReadiness
from pipeline.succession.projection import GONE

READINESS_ORDER = {
    SlateReadiness.READY_NOW: 0,
    SlateReadiness.READY_LATER: 1,
    SlateReadiness.EMERGENCY: 2,
}


@dataclass
class Named:
    """One entry on an open slate."""

    entry_id: int
    slate_id: int
    position_id: int | None
    slate: str
    rank: int
    readiness: str

    @property
    def readiness_label(self):
        return SlateReadiness(self.readiness).label


@dataclass
class Person:
    candidate_id: int
    name: str
    entries: list = field(default_factory=list)
    user_id: int | None = None

    @property
    def user(self):
        """The person as a User with only an id and a name: enough to link their profile."""
        return User(pk=self.user_id, full_name=self.name)

    @property
    def best(self):
        return min(self.entries, key=lambda e: (READINESS_ORDER[e.readiness], e.rank, e.slate_id))

    @property
    def firsts(self):
        return sum(1 for entry in self.entries if entry.rank == 1)

    @property
    def slates(self):
        return len(self.entries)


def open_entries(district, school_ids=None):
    """Entries on the district's open slates of active positions (and of kinds), of people
    still in the pipeline; only slates of positions at `school_ids` when given."""
    entries = (
        SlateEntry.objects.filter(slate__district=district, slate__filled_at__isnull=True)
        .filter(Q(slate__position__isnull=True) | Q(slate__position__is_active=True))
        .exclude(candidate__stage__in=GONE)
    )
    if school_ids is not None:
        entries = entries.filter(slate__position__school_id__in=school_ids)
    return entries


def people_on_slates(district, school_ids=None):
    """{(kind id, level): {readiness: [Person]}} by each person's best entry, and the list
    of every Person (with all their entries), by name."""
    rows = (
        open_entries(district, school_ids)
        .annotate(
            group_kind=Coalesce(F("slate__position__kind_id"), F("slate__kind_id")),
            group_level=Coalesce(F("slate__position__level"), F("slate__level")),
        )
        .values_list(
            "pk",
            "slate_id",
            "slate__position_id",
            "rank",
            "readiness",
            "candidate_id",
            "candidate__user__full_name",
            "candidate__user_id",
            "group_kind",
            "group_level",
            "slate__position__title",
            "slate__position__kind__name",
            "slate__position__school__name",
            "slate__kind__name",
        )
        .order_by("candidate__user__full_name", "candidate_id", "rank", "slate_id")
    )
    people, groups_of = {}, {}
    for (
        entry_id,
        slate_id,
        position_id,
        rank,
        readiness,
        candidate_id,
        name,
        user_id,
        kind_id,
        level,
        title,
        kind_name,
        school_name,
        slate_kind,
    ) in rows:
        if position_id:
            label = title or f"{kind_name}, {school_name or 'District office'}"
        else:
            label = f"{slate_kind} (expected openings)"
        person = people.setdefault(
            candidate_id, Person(candidate_id=candidate_id, name=name, user_id=user_id)
        )
        person.entries.append(Named(entry_id, slate_id, position_id, label, rank, readiness))
        groups_of[entry_id] = (kind_id, level)
    by_group = defaultdict(lambda: defaultdict(list))
    for person in people.values():
        best = person.best
        by_group[groups_of[best.entry_id]][best.readiness].append(person)
    return by_group, list(people.values())


def on_several(people):
    """The people on more than one open slate, most slates first."""
    return sorted((p for p in people if p.slates > 1), key=lambda p: (-p.firsts, -p.slates, p.name))
