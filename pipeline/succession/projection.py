"""The openings ahead, per kind of position and level, for the next three years.

Known openings come from what the district has recorded about each position's current
holder: an announced departure, a fixed or interim term's end, the date they become eligible
to retire; an interim holder with no end date, and a vacant position, count as open now.
A position counts once, at its earliest known date.

Expected openings come from the district's own turnover in that kind of position over the
last five years (interim terms left out):

    annual exit rate = terms that ended in those five years / person-years held in them
    expected in a year = rate x the holders whose position has no known opening that year

Every number is shown with this arithmetic in words (`Group.explain`). The rate is always
the whole district's, also for a principal supervisor who sees only their own schools.

A fixed number of queries whatever the number of positions: the groups' counts with their
holders, the known openings, the vacant positions (on the succession page only when one could
be listed) and the turnover, each one statement.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils import timezone

from leadership.models import Level
from pipeline.models import Stage
from pipeline.succession.models import (
    OFFICE,
    Position,
    PositionKind,
    RoleTerm,
    SlateEntry,
    SlateReadiness,
    known_end,
    position_label,
)

YEARS = 3
HISTORY_YEARS = 5
YEAR_DAYS = 365
# People placed or off the line stay on old slates for history, but are nobody's successor.
GONE = (Stage.PLACED, Stage.EXITED)
YEAR_LABELS = ["the next 12 months", "12 to 24 months from now", "24 to 36 months from now"]


def year_of(day, today):
    """1, 2 or 3 for a date in the next three years (a date already past is year 1); None
    beyond."""
    if day is None:
        return None
    year = max(0, (day - today).days) // YEAR_DAYS + 1
    return year if year <= YEARS else None


def current_terms(today, via=""):
    """Terms held on `today` (their last day included); `via`: the path to the term from the
    model filtered."""
    return Q(**{f"{via}started_on__lte": today}) & (
        Q(**{f"{via}ended_on__isnull": True}) | Q(**{f"{via}ended_on__gte": today})
    )


def ready_successors(position_ref="pk"):
    """Subquery: ready-now people on the open slate of the position `position_ref` names."""
    return SlateEntry.objects.filter(
        slate__position=OuterRef(position_ref),
        slate__filled_at__isnull=True,
        readiness=SlateReadiness.READY_NOW,
    ).exclude(candidate__stage__in=GONE)


def in_scope(district, school_ids=None, via=""):
    """Q: the district's active positions, only those at `school_ids` when given; `via` is
    the path to the position from the model filtered ("position__" from a RoleTerm)."""
    found = Q(**{f"{via}district": district, f"{via}is_active": True})
    if school_ids is not None:
        found &= Q(**{f"{via}school_id__in": school_ids})
    return found


def positions_in(district, school_ids=None):
    """The district's active positions; only those at `school_ids` when given."""
    return Position.objects.filter(in_scope(district, school_ids))


@dataclass
class Turnover:
    exits: int = 0
    person_years: float = 0.0

    @property
    def rate(self):
        """Exits per person-year held, or None with no history at all."""
        return self.exits / self.person_years if self.person_years else None


@dataclass
class Opening:
    """A known opening: a position, its date, why, and whether anybody is ready now."""

    position_id: int
    label: str
    kind_id: int
    level: str
    school_id: int | None
    school: str
    holder: str
    day: datetime.date
    reason: str
    year: int
    ready: bool
    permanent: bool  # the holder is not an interim (and the position is not vacant)
    # A vacancy only: the day it opened (its last holder's last day, or the day the position
    # was added), and the day a holder already named starts, if one is.
    opened_on: datetime.date | None = None
    next_start: datetime.date | None = None


@dataclass
class Group:
    kind: PositionKind
    level: str
    positions: int = 0
    held: int = 0
    vacant: int = 0
    interim: int = 0
    no_ready: int = 0
    known: list = field(default_factory=lambda: [0] * YEARS)
    known_held: list = field(default_factory=lambda: [0] * YEARS)
    turnover: Turnover = field(default_factory=Turnover)

    @property
    def level_label(self):
        return Level(self.level).label

    @property
    def base(self):
        """Per year: holders whose position has no known opening that year."""
        return [max(0, self.held - known) for known in self.known_held]

    @property
    def expected(self):
        rate = self.turnover.rate
        return [round(rate * base, 1) if rate is not None else 0.0 for base in self.base]

    @property
    def openings(self):
        """Known plus expected, per year."""
        return [round(k + e, 1) for k, e in zip(self.known, self.expected, strict=True)]

    def explain(self):
        """The expected openings' arithmetic in words, one sentence per step."""
        name = self.kind.name.lower()
        years = self.turnover.person_years
        if not years:
            return [
                f"No {name} role history at this level in the last {HISTORY_YEARS} years, so "
                "no openings are expected beyond the known ones. Record past holders (or import "
                "them from the roster) to project turnover."
            ]
        rate = self.turnover.rate
        lines = [
            f"In the last {HISTORY_YEARS} years {self.turnover.exits} {name} term"
            f"{'' if self.turnover.exits == 1 else 's'} ended, out of {years:.1f} person-years "
            f"held: {self.turnover.exits} ÷ {years:.1f} = {rate:.1%} leave a year."
        ]
        for label, base, expected in zip(YEAR_LABELS, self.base, self.expected, strict=True):
            lines.append(
                f"In {label}: {base} holder{'' if base == 1 else 's'} with no known opening × "
                f"{rate:.1%} = {expected:.1f} expected."
            )
        return lines


def _groups(district, school_ids, today):
    """{(kind id, level): Group} of the positions in scope, counted with their holders in
    one statement (each position joined to its current terms, counted once)."""
    kinds = {kind.pk: kind for kind in PositionKind.objects.filter(district=district)}
    totals = (
        positions_in(district, school_ids)
        .annotate(current=FilteredRelation("terms", condition=current_terms(today, "terms__")))
        .order_by()
        .values_list("kind_id", "level")
        .annotate(
            n=Count("id", distinct=True),
            anybody=Count("id", distinct=True, filter=Q(current__isnull=False)),
            permanent=Count("id", distinct=True, filter=Q(current__is_interim=False)),
        )
    )
    groups = {}
    for kind_id, level, n, anybody, held in totals:
        groups[(kind_id, level)] = Group(
            kind=kinds[kind_id],
            level=level,
            positions=n,
            held=held,
            vacant=n - anybody,
            interim=anybody - held,
        )
    return groups


def _with_turnover(groups, district, today):
    """The groups, ordered, each with the district's turnover in its kind and level."""
    for (kind_id, level), turnover in turnover_by_group(district, today).items():
        if (kind_id, level) in groups:
            groups[(kind_id, level)].turnover = turnover
    return sorted(groups.values(), key=lambda g: (g.kind.order, g.kind.name, g.level))


def outlook(district, *, school_ids=None, today=None, ready=None):
    """{"groups": [Group], "known": [Opening] by date, "today", "years"} for the district,
    or only the schools in `school_ids` (turnover stays the district's). `ready`:
    ready_positions() of those positions, when the caller has it (bench.tally())."""
    today = today or timezone.localdate()
    positions = positions_in(district, school_ids)
    groups = _groups(district, school_ids, today)
    ready = ready_positions(positions) if ready is None else ready
    covered = Counter(ready.values())
    for key, group in groups.items():
        group.no_ready = group.positions - covered[key]

    known = known_openings(positions, today, ready, in_scope(district, school_ids, "position__"))
    for opening in known:
        group = groups[(opening.kind_id, opening.level)]
        group.known[opening.year - 1] += 1
        if opening.permanent:
            group.known_held[opening.year - 1] += 1
    return {
        "groups": _with_turnover(groups, district, today),
        "known": known,
        "today": today,
        "years": YEAR_LABELS,
    }


def outlook_listed(district, *, school_ids=None, today=None, ready, shown):
    """outlook() for the succession page, which lists only the first `shown` known openings
    of the next 12 months, and of those the first `shown` at a school whose holder may leave
    with nobody ready: the same groups, and the two lists (as outlook()'s "known" orders
    them) with their full counts. Only the listed openings are made; the others are counted
    from plain values, and the vacant positions are read only when one could be listed (a
    vacancy's date is today, so `shown` openings already past come before all of them).
    `ready`: ready_positions() of the positions, from bench.tally()."""
    today = today or timezone.localdate()
    groups = _groups(district, school_ids, today)
    covered = Counter(ready.values())
    soon, leaving = [], []
    for position, holder, day, reason, year, interim in _earliest(
        _known_terms(in_scope(district, school_ids, "position__"), today), today
    ):
        group = groups[(position[3], position[4])]
        group.known[year - 1] += 1
        if not interim:
            group.known_held[year - 1] += 1
        if year != 1:
            continue
        position_id, title, kind_name, _, _, school_id, school = position
        ready_now = position_id in ready
        found = (
            (day, school or OFFICE, position_label(title, kind_name, school)),
            (position, holder, day, reason, year, ready_now, not interim),
        )
        soon.append(found)
        if school_id and holder and not ready_now:
            leaving.append(found)
    vacant = 0
    for key, group in groups.items():
        group.no_ready = group.positions - covered[key]
        group.known[0] += group.vacant
        vacant += group.vacant
    count = len(soon)
    soon.sort(key=lambda found: found[0])
    if vacant and (len(soon) < shown or soon[shown - 1][0][0] >= today):
        positions = positions_in(district, school_ids)
        soon.extend(((o.day, o.school, o.label), o) for o in vacancies(positions, today, ready))
        soon.sort(key=lambda found: found[0])
    leaving.sort(key=lambda found: found[0])
    return {
        "groups": _with_turnover(groups, district, today),
        "today": today,
        "years": YEAR_LABELS,
        "known_soon": [_made(found) for _, found in soon[:shown]],
        "known_soon_count": count + vacant,
        "leaving": [_made(found) for _, found in leaving[:shown]],
        "leaving_count": len(leaving),
        "leaving_schools": len({found[0][5] for _, found in leaving}),
    }


POSITION_COLUMNS = [
    "position_id",
    "position__title",
    "position__kind__name",
    "position__kind_id",
    "position__level",
    "position__school_id",
    "position__school__name",
]


def _opening(row, holder, day, reason, year, ready, permanent):
    position_id, title, kind_name, kind_id, level, school_id, school = row
    return Opening(
        position_id=position_id,
        label=position_label(title, kind_name, school),
        kind_id=kind_id,
        level=level,
        school_id=school_id,
        school=school or OFFICE,
        holder=holder,
        day=day,
        reason=reason,
        year=year,
        ready=ready,
        permanent=permanent,
    )


def ready_positions(positions):
    """{position id: (kind id, level)} of `positions` with somebody ready now on their open
    slate (one query)."""
    return dict(
        (position_id, (kind_id, level))
        for position_id, kind_id, level in SlateEntry.objects.filter(
            slate__position__in=positions,
            slate__filled_at__isnull=True,
            readiness=SlateReadiness.READY_NOW,
        )
        .exclude(candidate__stage__in=GONE)
        .order_by()  # distinct positions, not distinct (position, rank, id) of the entries
        .values_list("slate__position_id", "slate__position__kind_id", "slate__position__level")
        .distinct()
    )


def _made(found):
    """The Opening of one of outlook_listed()'s openings: made already (a vacancy) or its
    _opening() arguments."""
    return found if isinstance(found, Opening) else _opening(*found)


def _known_terms(held_in, today):
    """The current terms of the positions `held_in` names (a Q on a term's position) with a
    known end within three years, or interim, as plain values: the position's columns, the
    holder's name, the three dates and whether interim. Newest term first, which decides
    between two ends on the same day of one position."""
    horizon = today + datetime.timedelta(days=YEAR_DAYS * YEARS)
    return (
        RoleTerm.objects.filter(current_terms(today), held_in)
        .filter(
            Q(is_interim=True)
            | Q(departure_on__lt=horizon)
            | Q(term_ends_on__lt=horizon)
            | Q(retirement_eligible_on__lt=horizon)
        )
        .values_list(
            *POSITION_COLUMNS,
            "person__full_name",
            "departure_on",
            "term_ends_on",
            "retirement_eligible_on",
            "is_interim",
        )
    )


def _earliest(rows, today):
    """(position, holder, day, reason, year, interim) of each position's earliest known
    opening within three years, from _known_terms() rows, in the order the rows first name
    the positions."""
    earliest = {}
    for *position, holder, departure, term_ends, retirement, interim in rows:
        day, reason = known_end(departure, term_ends, retirement, interim, today)
        year = year_of(day, today)
        found = earliest.get(position[0])
        if year is not None and (found is None or day < found[2]):
            earliest[position[0]] = (position, holder, day, reason, year, interim)
    return earliest.values()


def vacancies(positions, today, ready):
    """The vacant ones of `positions` as openings (one query): open today, since their last
    holder's last day (or the day the position was added)."""
    terms = RoleTerm.objects.filter(position=OuterRef("pk")).order_by()
    vacant = (
        positions.filter(~Exists(terms.filter(current_terms(today))))
        .annotate(
            position_id=F("pk"),
            last_day=Subquery(
                terms.filter(ended_on__lt=today).order_by("-ended_on").values("ended_on")[:1]
            ),
            next_start=Subquery(
                terms.filter(started_on__gt=today).order_by("started_on").values("started_on")[:1]
            ),
        )
        .values_list(
            *[c.removeprefix("position__") for c in POSITION_COLUMNS],
            "last_day",
            "created_at",
            "next_start",
        )
    )
    found = []
    for *position, last_day, created_at, next_start in vacant:
        opening = _opening(position, "", today, "vacant", 1, position[0] in ready, False)
        opening.opened_on = last_day or timezone.localdate(created_at)
        opening.next_start = next_start
        found.append(opening)
    return found


def known_openings(positions, today, ready=None, held_in=None):
    """Known openings within three years, one per position at its earliest date, read as
    plain values. `ready`: ready_positions(), when the caller has it; `held_in`: the same
    positions as a Q on a term's position (in_scope(..., "position__")), when the caller has
    it, which reads them once instead of twice."""
    held_in = Q(position__in=positions) if held_in is None else held_in
    ready = ready_positions(positions) if ready is None else ready
    earliest = {
        position[0]: _opening(
            position, holder, day, reason, year, position[0] in ready, not interim
        )
        for position, holder, day, reason, year, interim in _earliest(
            _known_terms(held_in, today), today
        )
    }
    for opening in vacancies(positions, today, ready):
        earliest[opening.position_id] = opening
    return sorted(earliest.values(), key=lambda o: (o.day, o.school, o.label))


class DaysBetween(Func):
    """The whole days from one date to a later one, as an integer: plain date arithmetic in
    PostgreSQL (an interval made and summed per term made the turnover's read of 10,000
    terms about a third slower), julianday() in SQLite."""

    arity = 2
    output_field = IntegerField()
    template = "CAST(julianday(%(expressions)s) AS INTEGER)"
    arg_joiner = ") - julianday("

    def __init__(self, start, end):
        super().__init__(end, start)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template="(%(expressions)s)", arg_joiner=" - ", **extra_context
        )


def turnover_by_group(district, today):
    """{(kind id, level): Turnover} from the district's non-interim terms of the last five
    years: the terms that ended in them, and the person-years held in them (one query)."""
    start = today - datetime.timedelta(days=round(365.25 * HISTORY_YEARS))
    end = Least(Coalesce(F("ended_on"), Value(today)), Value(today, output_field=DateField()))
    held = DaysBetween(Greatest(F("started_on"), Value(start, output_field=DateField())), end)
    rows = (
        RoleTerm.objects.filter(district=district, is_interim=False, started_on__lt=today)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=start))
        .order_by()
        .values("position__kind_id", "position__level")
        .annotate(
            exits=Count("id", filter=Q(ended_on__isnull=False, ended_on__lt=today)),
            held=Sum(held),
        )
    )
    found = {}
    for row in rows:
        found[(row["position__kind_id"], row["position__level"])] = Turnover(
            exits=row["exits"], person_years=round((row["held"] or 0) / 365.25, 2)
        )
    return found
