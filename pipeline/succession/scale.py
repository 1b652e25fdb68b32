"""Succession in the large benchmark district (called from pipeline/scale.py): about 6,000
positions across 1,800 schools and the district office, five years of role history, known
openings, and slates on which some people are named several times.

Per school: a principal and an assistant principal; an instructional coach at two schools in
three, a dean at the third; a department chair at one school in four. At the district office
one director per 15 schools and one cabinet member per 60. Built with bulk_create from the
seed's own generator, so it is as deterministic as the rest.
"""

import datetime

from pipeline.succession.models import (
    DEFAULT_KINDS,
    Position,
    PositionKind,
    RoleTerm,
    Slate,
    SlateEntry,
    SlateReadiness,
)

YEAR = 365
# Share of each kind's holders who leave in a year (the turnover the history is drawn from).
EXIT_RATE = {
    "principal": 0.15,
    "assistant_principal": 0.2,
    "dean": 0.18,
    "instructional_coach": 0.22,
    "chair": 0.25,
    "district_director": 0.12,
    "cabinet": 0.1,
}
SLATED = ("principal", "assistant_principal", "district_director")


def _plan(school_ids):
    """(kind key, school id or None) for every position."""
    plan = []
    for i, school_id in enumerate(school_ids):
        plan += [("principal", school_id), ("assistant_principal", school_id)]
        plan.append(("dean" if i % 3 == 0 else "instructional_coach", school_id))
        if i % 4 == 0:
            plan.append(("chair", school_id))
    plan += [("district_director", None)] * max(1, len(school_ids) // 15)
    plan += [("cabinet", None)] * max(1, len(school_ids) // 60)
    return plan


def _history(rng, today, rate):
    """[(started_on, ended_on)] of one position over the last five years and a bit, oldest
    first; the last is current (None) unless the position is vacant."""
    terms = []
    start = today - datetime.timedelta(days=rng.randint(0, 9 * YEAR))
    end = None
    while True:
        terms.append((start, end))
        if start < today - datetime.timedelta(days=5 * YEAR):
            break
        end = start
        start = end - datetime.timedelta(days=int(rng.expovariate(rate) * YEAR) + 60)
    terms.reverse()
    return terms


def seed(seed, batched):
    """Positions, role history and slates for `seed` (pipeline.scale._Seed), inserted with
    `batched(model, objects)`."""
    rng, today, district = seed.rng, seed.today, seed.district
    kinds = {
        key: kind.pk
        for key, kind in zip(
            [k[0] for k in DEFAULT_KINDS],
            PositionKind.objects.bulk_create(
                PositionKind(district=district, key=key, name=name, level=level, aims=aims, order=i)
                for i, (key, name, level, aims) in enumerate(DEFAULT_KINDS)
            ),
            strict=True,
        )
    }
    levels = {key: level for key, _, level, _ in DEFAULT_KINDS}
    plan = _plan(seed.school_ids)
    position_ids = batched(
        Position,
        (
            Position(
                district=district,
                kind_id=kinds[key],
                school_id=school_id,
                level=levels[key],
                sourced_id=f"pos-{i:05d}",
            )
            for i, (key, school_id) in enumerate(plan)
        ),
    )
    staff = {}
    for user_id, school_id in seed.teachers:
        staff.setdefault(school_id, []).append(user_id)
    office = seed.admin_ids + seed.coach_ids
    terms = []
    for position_id, (key, school_id) in zip(position_ids, plan, strict=True):
        history = _history(rng, today, EXIT_RATE[key])
        vacant = rng.random() < 0.01
        for n, (started, ended) in enumerate(history):
            last = n == len(history) - 1
            if key == "principal" and last:
                person = seed.principal_of[school_id]
            else:
                person = rng.choice(staff[school_id] if school_id else office)
            if last and vacant:  # the holder left lately; never before they began
                ended = max(started, today - datetime.timedelta(days=rng.randint(1, 60)))
            known = {}
            if last and not vacant:
                roll = rng.random()
                if roll < 0.04:
                    known["departure_on"] = today + datetime.timedelta(days=rng.randint(30, 330))
                elif roll < 0.12:
                    days = rng.randint(-200, 3 * YEAR)
                    known["retirement_eligible_on"] = today + datetime.timedelta(days=days)
                elif roll < 0.14:
                    known["is_interim"] = True
                    known["term_ends_on"] = today + datetime.timedelta(days=rng.randint(30, 300))
            terms.append(
                RoleTerm(
                    district=district,
                    position_id=position_id,
                    person_id=person,
                    started_on=started,
                    ended_on=ended,
                    end_reason=RoleTerm.EndReason.LEFT if ended else "",
                    source=RoleTerm.Source.ROSTER,
                    **known,
                )
            )
    batched(RoleTerm, terms)
    slates = _slates(seed, batched, rng, position_ids, plan)
    return f"{len(position_ids)} positions, {len(terms)} role terms, {slates} slates"


def _slates(seed, batched, rng, position_ids, plan):
    """A slate for two positions in five of the kinds that have one; ready people are drawn
    from a small pool, so that many are named on several slates."""
    candidates = seed.candidate_ids
    pool = candidates[: max(10, len(candidates) // 20)]
    chosen = [
        position_id
        for position_id, (key, _) in zip(position_ids, plan, strict=True)
        if key in SLATED and rng.random() < 0.4
    ]
    slate_ids = batched(
        Slate,
        (
            Slate(district=seed.district, position_id=position_id, created_by_id=seed.admin_ids[0])
            for position_id in chosen
        ),
    )
    readiness = [SlateReadiness.READY_NOW, SlateReadiness.READY_LATER, SlateReadiness.EMERGENCY]
    entries = []
    for slate_id in slate_ids:
        people = rng.sample(pool, rng.randint(1, 3))
        for rank, candidate_id in enumerate(people, start=1):
            entries.append(
                SlateEntry(
                    slate_id=slate_id,
                    candidate_id=candidate_id,
                    rank=rank,
                    readiness=rng.choice(readiness),
                    reasons="Led the school improvement team; strong feedback from staff.",
                    added_by_id=seed.admin_ids[0],
                )
            )
    batched(SlateEntry, entries)
    return len(slate_ids)
