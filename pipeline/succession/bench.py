"""The bench against the openings: who is on the open slates, each person counted once.

A person named on several slates is counted once, in the kind and level of their best entry
(readiest first, then best rank, then the oldest slate), so ready people per opening can
never count the same person twice; the people named on more than one slate are listed.
People placed or off the line are left out (their entries stay on the slates, for history).

`people_on_slates` reads every entry with its labels, one query; the succession page counts
with `tally`, which reads the entries as a few plain values and labels only the people it
lists.
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


def _grouped(entries):
    """The entries with the kind and level each counts in: its position's, or its slate's."""
    return entries.annotate(
        group_kind=Coalesce(F("slate__position__kind_id"), F("slate__kind_id")),
        group_level=Coalesce(F("slate__position__level"), F("slate__level")),
    )


def _label(position_id, title, kind_name, school_name, slate_kind):
    """How a slate is named in the lists: its position, or the kind it is for."""
    if position_id:
        return title or f"{kind_name}, {school_name or 'District office'}"
    return f"{slate_kind} (expected openings)"


def people_on_slates(district, school_ids=None):
    """{(kind id, level): {readiness: [Person]}} by each person's best entry, and the list
    of every Person (with all their entries), by name."""
    rows = (
        _grouped(open_entries(district, school_ids))
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
        label = _label(position_id, title, kind_name, school_name, slate_kind)
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


@dataclass
class Tally:
    """The bench in numbers, as people_on_slates() and on_several() would count it."""

    by_group: dict  # {(kind id, level): {readiness: people}}, by each person's best entry
    people: int
    named: int  # entries: each person as often as they are named
    several: list  # [Person] on more than one slate, most slates first; cut to `shown`
    several_count: int
    ready: dict  # {position id: (kind id, level)} with somebody ready now on its open slate


def tally(district, school_ids=None, *, shown=None):
    """The bench for the succession page: every entry read as a few plain values (no names,
    no labels, no objects); names and labels read only for the first `shown` people on
    several slates (None: all of them). Three queries."""
    rows = (
        _grouped(open_entries(district, school_ids))
        .order_by()
        .values_list(
            "candidate_id",
            "pk",
            "slate_id",
            "slate__position_id",
            "rank",
            "readiness",
            "group_kind",
            "group_level",
        )
    )
    entries_of, ready = defaultdict(list), {}
    for candidate_id, entry_id, slate_id, position_id, rank, readiness, *group in rows:
        # Ordered as Person.best picks: readiest, best rank, oldest slate.
        entries_of[candidate_id].append(
            (
                READINESS_ORDER[readiness],
                rank,
                slate_id,
                readiness,
                tuple(group),
                entry_id,
                position_id,
            )
        )
        if position_id and readiness == SlateReadiness.READY_NOW:
            ready[position_id] = tuple(group)
    by_group = defaultdict(lambda: defaultdict(int))
    several = []
    for candidate_id, entries in entries_of.items():
        _, _, _, readiness, group, *_ = min(entries)
        by_group[group][readiness] += 1
        if len(entries) > 1:
            firsts = [entry[1] for entry in entries].count(1)
            several.append((-firsts, -len(entries), candidate_id))
    several.sort()
    return Tally(
        by_group=by_group,
        people=len(entries_of),
        named=sum(len(entries) for entries in entries_of.values()),
        several=_listed(several, entries_of, shown),
        several_count=len(several),
        ready=ready,
    )


def _listed(several, entries_of, shown):
    """The first `shown` of `several` ((-firsts, -slates, candidate id), sorted) as Persons
    in on_several()'s order, which sorts each (firsts, slates) by name: names and labels are
    read (one query) only as far as the block that holds the last one shown."""
    if shown is not None and len(several) > shown:
        last = several[shown - 1][:2]
        several = [person for person in several if person[:2] <= last]
    rows = (
        SlateEntry.objects.filter(pk__in=[entry[5] for *_, c in several for entry in entries_of[c]])
        .order_by()
        .values_list(
            "candidate_id",
            "candidate__user__full_name",
            "candidate__user_id",
            "slate_id",
            "slate__position_id",
            "slate__position__title",
            "slate__position__kind__name",
            "slate__position__school__name",
            "slate__kind__name",
        )
    )
    who, labels = {}, {}
    for candidate_id, name, user_id, slate_id, *label in rows:
        who[candidate_id] = (name, user_id)
        labels[slate_id] = _label(*label)
    # people_on_slates() reads people by name, then id: the same among equal names.
    several = sorted(several, key=lambda p: (p[0], p[1], who[p[2]][0], p[2]))[:shown]
    return [_person(c, *who[c], entries_of[c], labels) for *_, c in several]


def _person(candidate_id, name, user_id, entries, labels):
    """A Person from tally()'s entries, in people_on_slates()'s order (rank, then slate)."""
    person = Person(candidate_id=candidate_id, name=name, user_id=user_id)
    for _, rank, slate_id, readiness, _, entry_id, position_id in sorted(
        entries, key=lambda entry: (entry[1], entry[2])
    ):
        person.entries.append(
            Named(entry_id, slate_id, position_id, labels[slate_id], rank, readiness)
        )
    return person


def on_several(people):
    """The people on more than one open slate, most slates first."""
    return sorted((p for p in people if p.slates > 1), key=lambda p: (-p.firsts, -p.slates, p.name))
