"""The numbers behind /pipeline/: each figure with the candidate-list filter that explains it.

Every function makes a fixed number of queries, however many candidates the district has.
"""

import heapq
from collections import defaultdict, namedtuple
from urllib.parse import urlencode

from django.db import connection
from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils import timezone

from leadership import access, links
from leadership.models import Level, Membership, School
from leadership.school_year import school_year_start
from leadership.sql import fetch_rows, nested_sql
from opportunities import kept_reach
from opportunities.reach import staff_led_share
from pipeline import kept_bench, kept_candidates, kept_nominations
from pipeline.models import Demographics, RatingSpan, Readiness, Stage
from pipeline.suppression import suppress
from portrait.models import Attribute
from programs.models import Assignment, Cohort, Enrollment, Nomination, NominationWindow

NOT_SHARED = "not_shared"


def list_url(**filters):
    """The candidate list narrowed to `filters` (the figure's own people)."""
    query = urlencode({k: v for k, v in filters.items() if v not in (None, "")})
    return links.fixed_link("pipeline:candidate_list") + (f"?{query}" if query else "")


def candidates_by_stage(candidates):
    """[(level, stage, gender, race, n)]: how many of `candidates` lead at each level now, in
    each stage, by the gender and race they chose to share (None: nothing). What the funnel
    and representation count, in one query.

    A district admin's are read from what the database keeps (pipeline/kept_candidates.py);
    anyone else's (a principal's schools) are counted from the rows. Joined on the person's
    id directly: through the ORM the join would pass through every user row (a third of the
    query's time at the large size)."""
    kept = _kept_scope(candidates)
    if kept is not None and kept[1] is None:
        return kept_candidates.candidates_by_stage(kept[0])
    inner = nested_sql(candidates.order_by().values("current_level", "stage", "user_id"))
    if not inner:
        return []
    return fetch_rows(
        f"""
        SELECT c.current_level, c.stage, d.gender, d.race_ethnicity, COUNT(*)
        FROM ({inner[0]}) c LEFT JOIN {Demographics._meta.db_table} d ON d.user_id = c.user_id
        GROUP BY c.current_level, c.stage, d.gender, d.race_ethnicity
        """,
        inner[1],
    )


def funnel(by_stage):
    """Per stage (rows) and level people lead at now (columns): how many people.
    `by_stage`: `candidates_by_stage()`."""
    counts = defaultdict(int)
    for level, stage, _, _, n in by_stage:
        counts[(level, stage)] += n
    return {
        "levels": [label for _, label in Level.choices],
        "rows": [
            {
                "label": stage_label,
                "cells": [
                    {
                        "level": level_label,
                        "count": counts[(level, stage)],
                        "url": list_url(current_level=level, stage=stage),
                    }
                    for level, level_label in Level.choices
                ],
            }
            for stage, stage_label in Stage.choices
        ],
    }


SCHOOLS_SHOWN = 25
COHORTS_SHOWN = 25


def neediest(rows, need, limit=SCHOOLS_SHOWN):
    """Every row when they all fit; otherwise the `limit` rows that need attention most
    (lowest `need(row)` first, then by school name), listed by school name."""
    if len(rows) <= limit:
        return rows
    # nsmallest gives what sorted(...)[:limit] gives, without sorting all 1,800 schools
    chosen = heapq.nsmallest(limit, rows, key=lambda row: (need(row), row["school"].name))
    return sorted(chosen, key=lambda row: row["school"].name)


def neediest_in_sql(schools, numbers, limit=SCHOOLS_SHOWN):
    """`neediest` chosen by the database: (shown, schools, with none).

    `numbers` is (sql, params) of rows (school_id, a, b), at most one a school; a school
    without a row has 0 and 0. Of the active `schools`, the `limit` with the lowest (a, b),
    then by name, come back as [(SchoolRef, a, b)], listed by name; every one of them, in the
    order `active_schools` gives, when they all fit. Also how many active schools there are
    and how many of them have a = 0. One query, however many schools: only the shown rows
    come back.

    Names compare as Python compares them (code points: the "C" collation on PostgreSQL,
    SQLite's own), so the choice is `neediest`'s."""
    active = nested_sql(schools.filter(is_active=True).order_by().values("pk"))
    if active is None:
        return [], 0, 0
    by_code = ' COLLATE "C"' if connection.vendor == "postgresql" else ""
    rows = fetch_rows(
        f"""
        SELECT s.id, s.name, COALESCE(x.a, 0), COALESCE(x.b, 0), COUNT(*) OVER (),
            SUM(CASE WHEN COALESCE(x.a, 0) = 0 THEN 1 ELSE 0 END) OVER (),
            ROW_NUMBER() OVER (ORDER BY s.name)
        FROM {School._meta.db_table} s LEFT JOIN ({numbers[0]}) x ON x.school_id = s.id
        WHERE s.id IN ({active[0]})
        ORDER BY 3, 4, s.name{by_code}, 7 LIMIT %s
        """,
        [*numbers[1], *active[1], limit],
    )
    if not rows:
        return [], 0, 0
    total, none = int(rows[0][4]), int(rows[0][5])
    if total <= limit:
        rows = sorted(rows, key=lambda row: row[6])
    else:
        rows = sorted(rows, key=lambda row: row[1])
    return [(SchoolRef(pk, name), int(a), int(b)) for pk, name, a, b, *_ in rows], total, none


def numbers_by_school(schools, *numbers):
    """[(SchoolRef, a, b, a, b, ...)]: every active school of `schools`, by name (as
    `active_schools` lists them), with the numbers of each of `numbers` ((sql, params) of rows
    (school_id, a, b), at most one a school; 0 where a school has none). One query."""
    active = nested_sql(schools.filter(is_active=True).order_by().values("pk"))
    if active is None:
        return []
    columns, joins, params = [], [], []
    for i, (sql, more) in enumerate(numbers):
        columns += [f"COALESCE(x{i}.a, 0)", f"COALESCE(x{i}.b, 0)"]
        joins.append(f"LEFT JOIN ({sql}) x{i} ON x{i}.school_id = s.id")
        params += more
    rows = fetch_rows(
        f"SELECT s.id, s.name, {', '.join(columns)} FROM {School._meta.db_table} s"
        f" {' '.join(joins)} WHERE s.id IN ({active[0]}) ORDER BY s.name",
        [*params, *active[1]],
    )
    return [(SchoolRef(pk, name), *map(int, found)) for pk, name, *found in rows]


# What a row keeps of its school: light to make, keep in the cache and read back (1,800 of
# them at the large size, where making a School of each was a tenth of a fresh count).
SchoolRef = namedtuple("SchoolRef", ["pk", "name"])


def active_schools(schools):
    """The active schools among `schools`, by name, as SchoolRefs."""
    return [
        SchoolRef(*row)
        for row in schools.filter(is_active=True).order_by("name").values_list("pk", "name")
    ]


def bench_counts(candidates, schools):
    """{school_id: (ready now, ready later)} for people aiming to lead a school.

    Counted from the rows: a viewer's own are read from what the database keeps, through
    `kept_numbers` and `neediest_in_sql`."""
    counts = defaultdict(lambda: [0, 0])
    rows = (
        candidates.filter(
            target_level=Level.SCHOOL,
            school__in=schools,
            readiness__in=[Readiness.READY_NOW, Readiness.READY_LATER],
        )
        .exclude(stage__in=[Stage.PLACED, Stage.EXITED])
        .order_by()
        .values_list("school", "readiness")
        .annotate(n=Count("id"))
    )
    for school_id, readiness, n in rows:
        counts[school_id][0 if readiness == Readiness.READY_NOW else 1] = n
    return counts


def _kept_scope(candidates):
    """(district id, school ids or None) of a viewer's own candidates, whose counts the
    database keeps; None for any other queryset, or inside `kept_reach.afresh()`."""
    if kept_reach.counting_afresh():
        return None
    return getattr(candidates, "kept_scope", None)


def bench(candidates, schools, active=None):
    """Per school: people ready now and ready later to lead a school; nobody ready is marked.

    A district with more than SCHOOLS_SHOWN schools lists the ones with the thinnest bench;
    every school is on the schools page. From the kept counts the database chooses them."""
    kept = _kept_scope(candidates)
    if kept is not None:
        shown, total, nobody = neediest_in_sql(schools, kept_bench.ready_by_school(*kept))
        shown = [
            {"school": school, "ready_now": now, "ready_later": later, "nobody_ready": now == 0}
            for school, now, later in shown
        ]
    else:
        active = active_schools(schools) if active is None else active
        counts = bench_counts(candidates, schools)
        rows = [
            {
                "school": school,
                "ready_now": counts[school.pk][0],
                "ready_later": counts[school.pk][1],
                "nobody_ready": counts[school.pk][0] == 0,
            }
            for school in active
        ]
        shown = neediest(rows, lambda row: (row["ready_now"], row["ready_later"]))
        total, nobody = len(rows), sum(row["nobody_ready"] for row in rows)
    for row in shown:
        base = {"school": row["school"].pk, "target_level": Level.SCHOOL, "active": "yes"}
        row["now_url"] = list_url(**base, readiness=Readiness.READY_NOW)
        row["later_url"] = list_url(**base, readiness=Readiness.READY_LATER)
    return {
        "rows": shown,
        "schools": total,
        "nobody_ready": nobody,
        "partial": len(shown) < total,
    }


def open_windows(district):
    today = timezone.localdate()
    return NominationWindow.objects.filter(
        program__district=district, opens_on__lte=today, closes_on__gte=today
    )


def nomination_counts(user, district, schools, candidates, windows=None):
    """({school_id: nominations in the windows open today}, {school_id: of them candidates}).

    `windows`, the windows open today when the caller has listed them already, are given to
    the database as ids; otherwise the nominations are joined to their windows. Never a
    subquery of windows beside the subquery of schools: PostgreSQL then pairs every open
    window with every school (36,000 rows at the large size) before it reads a nomination.

    `candidates` are the user's (`scoped_candidates`). Counted from the rows: what the
    database keeps (pipeline/kept_nominations.py) is read through `kept_numbers` and
    `neediest_in_sql`."""
    nominated = Nomination.objects.visible_to(user).filter(school__in=schools)
    if windows is None:
        today = timezone.localdate()
        nominated = nominated.filter(
            window__program__district=district,
            window__opens_on__lte=today,
            window__closes_on__gte=today,
        )
    else:
        nominated = nominated.filter(window__in=[window.pk for window in windows])
    counts = dict(nominated.order_by().values_list("school").annotate(n=Count("id")))
    in_pipeline = dict(
        candidates.filter(user__in=nominated.values("nominee"))
        .order_by()
        .values_list("school")
        .annotate(n=Count("id"))
    )
    return counts, in_pipeline


def _kept_nominations_of(user, district):
    """Whose candidates' nominations the database keeps for the viewer: None for a district
    admin (every candidate of the district), a principal's school ids, or False when the
    counts must come from the rows (anybody else, or inside `kept_reach.afresh()`).

    The viewer's `schools` (pipeline_scope) are, for a district admin, every school of the
    district, with every nomination and candidate there; for a principal their schools,
    where they see every nomination, and their schools' candidates."""
    if kept_reach.counting_afresh():
        return False
    if district.pk in access.admin_district_ids(user):
        return None
    return sorted(access.principal_school_ids(user)) or False


def kept_numbers(user, district, schools, candidates):
    """(bench, nominations) as (sql, params) of rows (school_id, a, b) for
    `numbers_by_school`, when the database keeps both for the viewer; None otherwise. Bench:
    ready now, ready later; nominations: in the windows open today, nominees who are
    candidates."""
    kept = _kept_scope(candidates)
    candidate_schools = _kept_nominations_of(user, district)
    school_ids = nested_sql(schools.order_by().values("pk"))
    if kept is None or candidate_schools is False or school_ids is None:
        return None
    window_ids = list(open_windows(district).values_list("pk", flat=True))
    return (
        kept_bench.ready_by_school(*kept),
        kept_nominations.by_school(district.pk, window_ids, school_ids, candidate_schools),
    )


def nominations(user, district, schools, candidates, active=None):
    """Per school: nominations in the windows open today (schools with none are marked),
    and how many of those nominees are already candidates in the pipeline. From the kept
    counts the database chooses the schools shown."""
    windows = list(open_windows(district).select_related("program"))
    candidate_schools = _kept_nominations_of(user, district)
    school_ids = nested_sql(schools.order_by().values("pk"))
    if candidate_schools is not False and school_ids is not None:
        window_ids = [window.pk for window in windows]
        numbers = kept_nominations.by_school(district.pk, window_ids, school_ids, candidate_schools)
        shown, schools_total, without = neediest_in_sql(schools, numbers)
        shown = [
            {"school": school, "count": count, "candidates": nominees}
            for school, count, nominees in shown
        ]
        total = kept_nominations.total(district.pk, window_ids, school_ids)
    else:
        active = active_schools(schools) if active is None else active
        counts, in_pipeline = nomination_counts(user, district, schools, candidates, windows)
        rows = [
            {
                "school": school,
                "count": counts.get(school.pk, 0),
                "candidates": in_pipeline.get(school.pk, 0),
            }
            for school in active
        ]
        shown = neediest(rows, lambda row: (row["count"], row["candidates"]))
        schools_total, without = len(rows), sum(1 for row in rows if not row["count"])
        total = sum(counts.values())
    review = reverse("programs:nominations")
    for row in shown:
        row["review_url"] = f"{review}?school={row['school'].pk}&window=current"
        row["url"] = list_url(school=row["school"].pk, nominated="current")
    return {
        "windows": windows,
        "rows": shown,
        "schools": schools_total,
        "without": without,
        "partial": len(shown) < schools_total,
        "total": total,
        "total_url": f"{review}?window=current",
    }


def representation(by_stage):
    """Per stage: people by the gender and race they chose to share. Counts from 1 to 9 are
    hidden, and more where a stage's total would give one away (pipeline/suppression.py).

    `by_stage` (`candidates_by_stage()`) has every (level, stage, gender, race) combination;
    both tables add up from it."""
    fields = (
        ("gender", "Gender", Demographics.Gender.choices),
        ("race_ethnicity", "Race and ethnicity", Demographics.RaceEthnicity.choices),
    )
    counts = {field: defaultdict(int) for field, _, _ in fields}
    for _, stage, gender, race, n in by_stage:
        for field, value in (("gender", gender), ("race_ethnicity", race)):
            key = value if value and value != "prefer_not" else NOT_SHARED
            counts[field][(stage, key)] += n
    tables = []
    for field, title, choices in fields:
        groups = [(v, label) for v, label in choices if v != "prefer_not"]
        groups.append((NOT_SHARED, "Not shared or prefer not to say"))
        shown = suppress(
            [[counts[field][(stage, value)] for value, _ in groups] for stage in Stage.values]
        )
        tables.append(
            {
                "field": field,
                "title": title,
                "groups": [label for _, label in groups],
                "rows": [
                    {"label": stage_label, "url": list_url(stage=stage), "counts": row}
                    for (stage, stage_label), row in zip(Stage.choices, shown, strict=True)
                ],
            }
        )
    return tables


def reflection_completion(district, schools, is_admin):
    """Per cohort (the COHORTS_SHOWN most recent): submitted reflections on its assignments
    out of those expected. Only a reflection that counts for the assignment is counted,
    late ones included (programs' Enrollment.objects.by_assignment() says which).

    The database counts: one row per cohort comes back, however many reflections there are.
    """
    all_cohorts = Cohort.objects.filter(program__district=district)
    total = all_cohorts.count()
    cohorts = list(
        all_cohorts.select_related("program").order_by("-starts_on", "name")[:COHORTS_SHOWN]
    )
    shown = [cohort.pk for cohort in cohorts]
    enrollments = Enrollment.objects.filter(
        cohort__in=shown,
        status__in=[Enrollment.Status.ACTIVE, Enrollment.Status.COMPLETED],
    )
    if not is_admin:
        # A subquery, not a join: a person with two memberships here is still one enrollment.
        enrollments = enrollments.filter(
            person__in=Membership.objects.filter(school__in=schools, is_active=True).values("user")
        )
    people = dict(enrollments.order_by().values_list("cohort_id").annotate(n=Count("person_id")))
    prompts = dict(
        Assignment.objects.filter(cohort__in=shown)
        .order_by()
        .values_list("cohort_id")
        .annotate(n=Count("prompt_id"))
    )
    done = dict(
        enrollments.by_assignment()
        .filter(submitted_on__isnull=False)
        .order_by()
        .values_list("cohort_id")
        .annotate(n=Count("pk"))
    )
    rows = []
    for cohort in cohorts:
        expected = people.get(cohort.pk, 0) * prompts.get(cohort.pk, 0)
        submitted = done.get(cohort.pk, 0)
        rows.append(
            {
                "cohort": cohort,
                "people": people.get(cohort.pk, 0),
                "expected": expected,
                "submitted": submitted,
                "percent": round(100 * submitted / expected) if expected else None,
                "url": list_url(program=cohort.program_id),
            }
        )
    return {"rows": rows, "cohorts": total, "partial": len(rows) < total}


def growth(candidates, district, is_admin):
    """Per attribute: the average change from a person's first to latest self-rating.

    Read from each person's first and latest rating of each attribute, which the database
    keeps as reflections are written (pipeline/rating_spans.py); one row per attribute comes
    back. Only people rated at least twice have grown or not; a principal sees only ratings
    shared with them. A district admin's sums over the district's candidates are kept by
    the database too (pipeline/kept_candidates.py).
    """
    attributes = list(
        Attribute.objects.filter(framework__district=district, framework__is_current=True)
    )
    kept = _kept_scope(candidates)
    if is_admin and kept is not None and kept[1] is None:
        found = kept_candidates.growth(district.pk, shared_only=False)
    else:
        found = {
            attribute_id: (people, change)
            for attribute_id, people, change in RatingSpan.objects.filter(
                district_id=district.pk,
                shared_only=not is_admin,
                attribute_id__in=[attribute.pk for attribute in attributes],
                author_id__in=candidates.values("user"),
                times__gt=1,
            )
            .order_by()
            .values_list("attribute_id")
            .annotate(people=Count("id"), change=Sum(F("last_rating") - F("first_rating")))
        }
    rows = []
    for attribute in attributes:
        people, change = found.get(attribute.pk, (0, 0))
        rows.append(
            {
                "attribute": attribute,
                "people": people,
                "average": round(change / people, 2) if people else None,
                "url": list_url(attribute=attribute.pk),
            }
        )
    return rows


def glance(district, schools, candidates):
    """The top of the page, "how deep is our bench?": people still on the bench ready now
    and ready in 1-2 years (at any level), and the share of staff who led something this
    school year, each with the list behind it. Two queries."""
    kept = _kept_scope(candidates)
    if kept is not None:
        ready = kept_bench.ready_on_bench(*kept)
    else:
        ready = candidates.exclude(stage__in=[Stage.PLACED, Stage.EXITED]).aggregate(
            now=Count("id", filter=Q(readiness=Readiness.READY_NOW)),
            later=Count("id", filter=Q(readiness=Readiness.READY_LATER)),
        )
    led = staff_led_share(district, schools.filter(is_active=True))
    every_school = reverse("pipeline:schools")
    return {
        "ready_now": ready["now"],
        "ready_now_url": list_url(readiness=Readiness.READY_NOW, active="yes"),
        "ready_later": ready["later"],
        "ready_later_url": list_url(readiness=Readiness.READY_LATER, active="yes"),
        "nobody_ready_url": f"{every_school}?only=nobody_ready",
        "led": led,
        "led_since": school_year_start(),
        "led_url": f"{every_school}?sort=led_share",
    }


def people_figures(user, district, schools, candidates):
    """The figures that read people, candidates, nominations (not reflections)."""
    # Listed once for both when the schools shown are chosen in Python (counted from the rows).
    active = None if _kept_scope(candidates) is not None else active_schools(schools)
    by_stage = candidates_by_stage(candidates)
    return {
        "glance": glance(district, schools, candidates),
        "funnel": funnel(by_stage),
        "bench": bench(candidates, schools, active),
        "nominations": nominations(user, district, schools, candidates, active),
        "representation": representation(by_stage),
    }


def reflection_figures(district, schools, is_admin, candidates):
    """The figures that read reflections: completion by cohort and growth."""
    return {
        "completion": reflection_completion(district, schools, is_admin),
        "growth": growth(candidates, district, is_admin),
    }


def charts(numbers):
    """Chart.js data for each figure: the very numbers its table shows.

    `whole` marks a value axis that counts (people, nominations, whole percents): its ticks
    are whole numbers, never 0.5 of a person (static/js/pipeline-dashboard.js); `max`, where
    given, is the top of the axis however short the bars (100 for a share).
    """
    stages = [label for _, label in Stage.choices]
    funnel_rows = numbers["funnel"]["rows"]
    bench_rows = numbers["bench"]["rows"]
    completion_rows = numbers["completion"]["rows"]
    return {
        "funnel": {
            "whole": True,
            "labels": stages,
            "datasets": [
                {"label": level, "data": [row["cells"][i]["count"] for row in funnel_rows]}
                for i, level in enumerate(numbers["funnel"]["levels"])
            ],
        },
        "bench": {
            "whole": True,
            "labels": [row["school"].name for row in bench_rows],
            "datasets": [
                {"label": "Ready now", "data": [row["ready_now"] for row in bench_rows]},
                {"label": "Ready later", "data": [row["ready_later"] for row in bench_rows]},
            ],
        },
        "nominations": {
            "whole": True,
            "labels": [row["school"].name for row in numbers["nominations"]["rows"]],
            "datasets": [
                {
                    "label": "Nominations",
                    "data": [row["count"] for row in numbers["nominations"]["rows"]],
                }
            ],
        },
        "completion": {
            "whole": True,
            "max": 100,
            "labels": [str(row["cohort"]) for row in completion_rows],
            "datasets": [
                {
                    "label": "Reflections submitted (%)",
                    "data": [row["percent"] or 0 for row in completion_rows],
                }
            ],
        },
        "growth": {
            "labels": [row["attribute"].name for row in numbers["growth"]],
            "datasets": [
                {
                    "label": "Average growth (steps)",
                    "data": [row["average"] or 0 for row in numbers["growth"]],
                }
            ],
        },
    }
