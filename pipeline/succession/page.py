"""What the succession page (and its export) shows: the openings ahead against the ready
bench, per kind and level, and the thin spots behind those numbers."""

from dataclasses import dataclass

from pipeline.succession import bench, projection
from pipeline.succession.models import Placement, PositionKind

SHOWN = 25  # rows of each list on the page; each list links to all of them
# Part of the key the page's figures are kept under: raise it when what overview() returns
# changes shape.
FORMAT = 2


@dataclass
class Row:
    group: projection.Group
    ready_now: int
    ready_later: int
    emergency: int
    summed: list | None = None  # the totals row's expected openings, summed over the rows

    @property
    def expected(self):
        return self.summed if self.summed is not None else self.group.expected

    @property
    def openings(self):
        """Known plus expected, per year."""
        return [round(k + e, 1) for k, e in zip(self.group.known, self.expected, strict=True)]

    @property
    def years(self):
        """Per year: (label, known, expected, openings), for the templates."""
        return list(
            zip(projection.YEAR_LABELS, self.group.known, self.expected, self.openings, strict=True)
        )

    @property
    def coverage(self):
        """Ready-now people per opening in the next 12 months (None: no opening)."""
        openings = self.openings[0]
        return round(self.ready_now / openings, 2) if openings else None

    @property
    def later_coverage(self):
        """People ready in 1-2 years per opening 12 to 36 months from now."""
        openings = self.openings[1] + self.openings[2]
        return round(self.ready_later / openings, 2) if openings else None


def _totals(rows):
    group = projection.Group(kind=PositionKind(name="All kinds"), level="")
    for row in rows:
        g = row.group
        group.positions += g.positions
        group.held += g.held
        group.vacant += g.vacant
        group.no_ready += g.no_ready
        for year in range(projection.YEARS):
            group.known[year] += g.known[year]
    return Row(
        group=group,
        ready_now=sum(r.ready_now for r in rows),
        ready_later=sum(r.ready_later for r in rows),
        emergency=sum(r.emergency for r in rows),
        summed=[round(sum(r.expected[year] for r in rows), 1) for year in range(projection.YEARS)],
    )


LISTS = ["known_soon", "known_soon_count", "leaving", "leaving_count", "leaving_schools"]


def _listed(found):
    """outlook() with the lists outlook_listed() gives, whole: the known openings of the next
    12 months, and those at a school whose holder may leave with nobody ready."""
    soon = [o for o in found["known"] if o.year == 1]
    leaving = [o for o in soon if o.school_id and o.holder and not o.ready]
    return {
        **found,
        "known_soon": soon,
        "known_soon_count": len(soon),
        "leaving": leaving,
        "leaving_count": len(leaving),
        "leaving_schools": len({o.school_id for o in leaving}),
    }


def overview(district, school_ids=None, today=None, *, full=False):
    """The page's figures; its lists cut to the SHOWN rows the page lists (with their full
    counts), or whole with `full` (the export)."""
    counted = bench.tally(district, school_ids, shown=None if full else SHOWN)
    if full:
        found = _listed(
            projection.outlook(district, school_ids=school_ids, today=today, ready=counted.ready)
        )
    else:
        found = projection.outlook_listed(
            district, school_ids=school_ids, today=today, ready=counted.ready, shown=SHOWN
        )
    by_group = counted.by_group
    groups = {(g.kind.pk, g.level): g for g in found["groups"]}
    missing = [key for key in by_group if key not in groups]
    if missing:  # people on the slate of a kind's expected openings where no position is
        kinds = PositionKind.objects.in_bulk([kind_id for kind_id, _ in missing])
        for kind_id, level in missing:
            groups[(kind_id, level)] = projection.Group(kind=kinds[kind_id], level=level)
    rows = []
    for key, group in sorted(
        groups.items(), key=lambda item: (item[1].kind.order, item[1].kind.name, item[0][1])
    ):
        ready = by_group.get(key, {})
        rows.append(
            Row(
                group=group,
                ready_now=ready.get("ready_now", 0),
                ready_later=ready.get("ready_later", 0),
                emergency=ready.get("emergency", 0),
            )
        )
    placements = Placement.objects.filter(district=district).select_related(
        "position__kind", "position__school", "person", "candidate", "placed_by"
    )
    if school_ids is not None:
        placements = placements.filter(position__school_id__in=school_ids)
    return {
        "rows": rows,
        "totals": _totals(rows),
        "today": found["today"],
        "years": found["years"],
        **{key: found[key] for key in LISTS},
        "several": counted.several,
        "several_count": counted.several_count,
        "people": counted.people,
        "named": counted.named,
        "placements": list(placements[:10]),
        "shown": SHOWN,
    }
