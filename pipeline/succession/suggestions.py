"""Suggestions for a slate, from the pipeline: candidates whose aims match the kind and level.

A candidate matches when they aim at the position's level and their target role is one of
the kind's aims (its name, or the aims the district listed for it), or they named no target
role. People placed or off the line, the people already on the slate and the position's
holders are left out. Ordered by readiness (the district's judgement), then attribute growth
(the change from first to latest self-rating, summed over attributes), then experience led
(the lines of their leadership record); the reasons are shown with each.

Growth and experience are counted for the POOL readiest matches only (most recently judged
first), so the page costs the same in a district of any size; the page says so.
"""

from collections import defaultdict

from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.functions import Lower, Trim
from django.utils import timezone
from django.utils.formats import date_format

from leadership.models import Level
from opportunities import record
from pipeline.models import Candidate, Readiness
from pipeline.succession.projection import GONE
from portrait.models import Reflection

POOL = 60
SHOWN = 8
READINESS_ORDER = [
    Readiness.READY_NOW,
    Readiness.READY_LATER,
    Readiness.NOT_YET,
    Readiness.NOT_ASSESSED,
]


def growth_of(district_id, user_ids):
    """{user id: (steps, attributes)}: per attribute rated at least twice, latest minus first
    self-rating from submitted reflections, summed."""
    rated = (
        Reflection.objects.submitted()
        .filter(district_id=district_id, author_id__in=user_ids, self_rating__isnull=False)
        .order_by("author_id", "attribute_id", "submitted_at", "id")
        .values_list("author_id", "attribute_id", "self_rating")
    )
    ratings = defaultdict(list)
    for author_id, attribute_id, rating in rated:
        ratings[(author_id, attribute_id)].append(rating)
    found = defaultdict(lambda: (0, 0))
    for (author_id, _), values in ratings.items():
        if len(values) > 1:
            steps, attributes = found[author_id]
            found[author_id] = (steps + values[-1] - values[0], attributes + 1)
    return found


def suggest(*, district, kind, level, exclude_candidates=(), exclude_users=(), shown=SHOWN):
    """[{candidate, growth, attributes, experience, reasons}] best first, and how many
    candidates matched in all."""
    words = sorted(kind.aim_words())
    readiness_rank = Case(
        *[When(readiness=value, then=Value(i)) for i, value in enumerate(READINESS_ORDER)],
        default=Value(len(READINESS_ORDER)),
        output_field=IntegerField(),
    )
    matching = (
        Candidate.objects.filter(district=district, target_level=level)
        .exclude(stage__in=GONE)
        .exclude(pk__in=list(exclude_candidates))
        .exclude(user_id__in=list(exclude_users))
        .annotate(role=Lower(Trim("target_role")))
        .filter(Q(role__in=words) | Q(target_role=""))
    )
    pool = list(
        matching.annotate(readiness_rank=readiness_rank)
        .select_related("user", "school", "readiness_set_by")
        .order_by("readiness_rank", "-readiness_set_at", "pk")[:POOL]
    )
    if not pool:
        return [], 0
    user_ids = [c.user_id for c in pool]
    growth = growth_of(district.pk, user_ids)
    lines = record.lines_for([district.pk], user_ids)
    found = []
    for candidate in pool:
        steps, attributes = growth[candidate.user_id]
        experience = len(lines.get((district.pk, candidate.user_id), []))
        found.append(
            {
                "candidate": candidate,
                "growth": steps,
                "experience": experience,
                "reasons": _reasons(candidate, kind, level, steps, attributes, experience),
            }
        )
    found.sort(
        key=lambda s: (
            s["candidate"].readiness_rank,
            -s["growth"],
            -s["experience"],
            s["candidate"].user.full_name,
        )
    )
    total = len(pool) if len(pool) < POOL else matching.count()
    return found[:shown], total


def _reasons(candidate, kind, level, steps, attributes, experience):
    judged = candidate.get_readiness_display()
    if candidate.readiness_set_at:
        who = f" by {candidate.readiness_set_by}" if candidate.readiness_set_by_id else ""
        when = date_format(timezone.localtime(candidate.readiness_set_at))
        judged += f" (judged {when}{who})"
    aim = Level(level).label.lower()
    if candidate.target_role:
        aims = f"Aims to be {candidate.target_role.lower()} at {aim} level"
    else:
        aims = f"Aims to lead at {aim} level (no role named)"
    if attributes:
        grew = f"Grew {steps:+d} step{'' if abs(steps) == 1 else 's'} over {attributes} attribute"
        grew += "" if attributes == 1 else "s"
    else:
        grew = "No growth measured yet (rated fewer than twice)"
    led = f"{experience} line{'' if experience == 1 else 's'} on their leadership record"
    return [judged, aims, grew, led]
