"""Mentor suggestions with their reasons, for one person or a whole cohort.

Who may mentor: a person of the district who offered (MentorOffer), is active, is not the
candidate, not the candidate's supervisor (the principal of a school where they work, or
the school's principal supervisor), has room (current pairs below their capacity) and, when
the admin asks, works at the candidate's school or at another one.

How they are ranked, each point with a reason shown: ratings of 3 or 4 on an attribute the
candidate's goals for this school year are tied to (the latest coach rating, else the latest
self-rating, of reflections the viewer may read: portrait/access.py); holding, or having
held, a position of the kind the candidate aims at; leading at the level the candidate aims
at, or above; lines on their leadership record.

A whole cohort is matched greedily, the people with the fewest possible mentors first, each
taking their best-ranked mentor who still has room; each mentor takes at most their
capacity. Who cannot be matched is said, with why. Everything is read in a fixed number of
queries, whatever the number of people or mentors.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from leadership import school_year
from leadership.models import Level, Membership, Mentorship, Role
from opportunities import record
from pipeline.mentoring.models import MentorOffer
from pipeline.models import Candidate
from pipeline.plans.models import Goal
from pipeline.succession.models import RoleTerm, SchoolSupervisor
from portrait.access import filter_readable_reflections
from portrait.models import GrowthStep, Reflection
from portrait.ratings import latest, rating_points

SAME, OTHER, ANY = "same", "other", "any"
SCHOOL_RULES = [
    (ANY, "Any school"),
    (SAME, "Their own school"),
    (OTHER, "Another school"),
]
LEVELS = [Level.CLASSROOM, Level.SCHOOL, Level.DISTRICT]
STRONG = GrowthStep.PRACTICING


@dataclass
class Mentor:
    person: object
    capacity: int
    load: int
    schools: set
    level: str
    kinds: set  # ids of the position kinds they hold or held
    strengths: dict  # attribute id -> (rating, its words)
    record_lines: int
    note: str = ""

    @property
    def room(self):
        return self.capacity - self.load


@dataclass
class Need:
    """What is known of the candidate: their schools, supervisors, goals and aim."""

    person: object
    schools: set
    supervisors: set
    attributes: list  # (attribute id, name) of this year's goals
    level: str
    kind: object  # PositionKind or None
    mentors: set  # ids of their current mentors


@dataclass
class Suggestion:
    mentor: Mentor
    score: int
    reasons: list = field(default_factory=list)


def _level_rank(level):
    return LEVELS.index(level) if level in LEVELS else 0


def mentors(district, viewer):
    """{person id: Mentor} for everybody who offered to mentor in `district`."""
    offers = list(
        MentorOffer.objects.filter(district=district, person__is_active=True).select_related(
            "person"
        )
    )
    ids = [o.person_id for o in offers]
    loads = dict(
        Mentorship.objects.current()
        .filter(district=district, mentor_id__in=ids)
        .order_by()
        .values_list("mentor_id")
        .annotate(n=Count("id"))
    )
    schools, levels = defaultdict(set), defaultdict(list)
    for m in Membership.objects.filter(district=district, user_id__in=ids, is_active=True):
        levels[m.user_id].append(m.level)
        if m.school_id:
            schools[m.user_id].add(m.school_id)
    kinds = defaultdict(set)
    for person_id, kind_id in RoleTerm.objects.filter(
        district=district, person_id__in=ids
    ).values_list("person_id", "position__kind_id"):
        kinds[person_id].add(kind_id)
    reflections = Reflection.objects.submitted().filter(district=district, author_id__in=ids)
    points = rating_points(filter_readable_reflections(reflections, viewer))
    strengths = defaultdict(dict)
    for (person_id, attribute_id), timeline in points.items():
        rating = latest(timeline, "coach") or latest(timeline, "self")
        if rating and rating >= STRONG:
            strengths[person_id][attribute_id] = rating
    lines = record.lines_for([district.pk], ids) if ids else {}
    return {
        o.person_id: Mentor(
            person=o.person,
            capacity=o.capacity,
            load=loads.get(o.person_id, 0),
            schools=schools[o.person_id],
            level=max(levels[o.person_id] or [Level.CLASSROOM], key=_level_rank),
            kinds=kinds[o.person_id],
            strengths=strengths[o.person_id],
            record_lines=len(lines.get((district.pk, o.person_id), [])),
            note=o.note,
        )
        for o in offers
    }


def needs(district, people):
    """{person id: Need} for `people` (users) in `district`."""
    ids = [p.pk for p in people]
    schools = defaultdict(set)
    for m in Membership.objects.filter(district=district, user_id__in=ids, is_active=True):
        if m.school_id:
            schools[m.user_id].add(m.school_id)
    all_schools = set().union(*schools.values()) if schools else set()
    heads = defaultdict(set)
    for school_id, user_id in Membership.objects.filter(
        district=district, role=Role.PRINCIPAL, is_active=True, school_id__in=all_schools
    ).values_list("school_id", "user_id"):
        heads[school_id].add(user_id)
    for school_id, user_id in SchoolSupervisor.objects.filter(
        district=district, school_id__in=all_schools
    ).values_list("school_id", "supervisor_id"):
        heads[school_id].add(user_id)
    goals = defaultdict(list)
    plans = {}
    for goal in (
        Goal.objects.filter(
            plan__district=district, plan__author_id__in=ids, plan__year=school_year.current_year()
        )
        .select_related("attribute", "plan__target_kind")
        .order_by("order", "id")
    ):
        goals[goal.plan.author_id].append((goal.attribute_id, goal.attribute.name))
        plans[goal.plan.author_id] = goal.plan
    candidates = dict(
        Candidate.objects.filter(district=district, user_id__in=ids).values_list(
            "user_id", "target_level"
        )
    )
    current = defaultdict(set)
    for person_id, mentor_id in (
        Mentorship.objects.current()
        .filter(district=district, person_id__in=ids)
        .values_list("person_id", "mentor_id")
    ):
        current[person_id].add(mentor_id)
    found = {}
    for person in people:
        plan = plans.get(person.pk)
        kind = plan.target_kind if plan else None
        level = (plan.target_level if plan else "") or (kind.level if kind else "")
        found[person.pk] = Need(
            person=person,
            schools=schools[person.pk],
            supervisors={u for s in schools[person.pk] for u in heads[s]},
            attributes=list(dict.fromkeys(goals[person.pk])),
            level=level or candidates.get(person.pk, ""),
            kind=kind,
            mentors=current[person.pk],
        )
    return found


def why_not(mentor, need, rule):
    """Why `mentor` cannot mentor the person, in words, or "" when they can."""
    if mentor.person.pk == need.person.pk:
        return "is the person themself"
    if mentor.person.pk in need.mentors:
        return "already mentors them"
    if mentor.person.pk in need.supervisors:
        return "is their supervisor"
    if rule == SAME and not mentor.schools & need.schools:
        return "works at another school"
    if rule == OTHER and mentor.schools & need.schools:
        return "works at their school"
    if mentor.room <= 0:
        return f"already mentors {mentor.load}, their capacity"
    return ""


def rank(mentor, need):
    """(score, reasons) of `mentor` for the person."""
    score, reasons = 0, []
    for attribute_id, name in need.attributes:
        rating = mentor.strengths.get(attribute_id)
        if rating:
            score += 2 * rating
            reasons.append(f"rated {GrowthStep(rating).label} on {name}, a goal of theirs")
    if need.kind is not None and need.kind.pk in mentor.kinds:
        score += 4
        reasons.append(f"has been a {need.kind.name}, the position they aim at")
    if need.level and _level_rank(mentor.level) >= _level_rank(need.level):
        score += 3
        reasons.append(
            f"leads at the {Level(mentor.level).label.lower()} level "
            f"(they aim at the {Level(need.level).label.lower()} level)"
        )
    if mentor.record_lines:
        score += min(mentor.record_lines, 3)
        reasons.append(
            f"{mentor.record_lines} line{'s' if mentor.record_lines != 1 else ''} on their "
            "leadership record"
        )
    if not reasons:
        reasons.append("willing to mentor, with room")
    return score, reasons


def suggest(pool, need, rule):
    """(suggestions, best first; [(mentor, why not)] for the others)."""
    found, excluded = [], []
    for mentor in pool.values():
        reason = why_not(mentor, need, rule)
        if reason:
            if mentor.person.pk != need.person.pk:
                excluded.append((mentor, reason))
            continue
        score, reasons = rank(mentor, need)
        found.append(Suggestion(mentor, score, reasons))
    found.sort(key=lambda s: (-s.score, s.mentor.load, s.mentor.person.full_name))
    return found, excluded


@dataclass
class Match:
    need: Need
    suggestion: Suggestion | None = None
    why: str = ""


SHOWN_REASONS = 4


def _unmatched_reason(excluded, had_options):
    """Why nobody was matched to a person, naming the mentors who could not take them."""
    if had_options:
        return "every mentor who fits them was taken by others in the cohort first"
    if not excluded:
        return "nobody in the district has offered to mentor"
    named = [f"{mentor.person} {reason}" for mentor, reason in excluded[:SHOWN_REASONS]]
    more = len(excluded) - SHOWN_REASONS
    if more > 0:
        named.append(f"{more} more cannot either")
    return "no willing mentor fits: " + "; ".join(named)


def match_cohort(pool, people_needs, rule):
    """A Match per person: the people with the fewest options first, each their best mentor
    with room left. People who already have a mentor are left as they are."""
    options = {}
    for pk, need in people_needs.items():
        options[pk] = suggest(pool, need, rule)
    order = sorted(
        people_needs, key=lambda pk: (len(options[pk][0]), people_needs[pk].person.full_name)
    )
    taken = Counter()
    matches = {}
    for pk in order:
        need = people_needs[pk]
        if need.mentors:
            matches[pk] = Match(need, why="already has a mentor")
            continue
        found, excluded = options[pk]
        chosen = next((s for s in found if s.mentor.room - taken[s.mentor.person.pk] > 0), None)
        if chosen is None:
            matches[pk] = Match(need, why=_unmatched_reason(excluded, bool(found)))
            continue
        taken[chosen.mentor.person.pk] += 1
        matches[pk] = Match(need, chosen)
    return [matches[pk] for pk in sorted(matches, key=lambda pk: people_needs[pk].person.full_name)]
