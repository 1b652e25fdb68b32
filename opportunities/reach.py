"""Fair reach: who applies for and is given opportunities to lead, school by school.

Every function makes a fixed number of queries, whatever the number of people.
"""

import contextlib
import contextvars
import datetime

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from leadership.models import Level, Membership
from leadership.school_year import school_year_start
from leadership.sql import fetch_rows, nested_sql
from opportunities import kept_reach
from opportunities.models import Application, ExperienceEntry, Opportunity


def _share(part, whole):
    return round(100 * part / whole) if whole else 0


def _from_day(day):
    """The first moment of `day` in the current time zone. `moment >= _from_day(day)` says
    what `moment__date__gte=day` says, without turning every row's moment into a local date
    (half the time of reading this year's applications at the large size). Midnight is the
    day's first moment even when clocks skip it (then it names the moment they jump) or pass
    it twice (the first time); the two would differ only where clocks go back across
    midnight, which no time zone we know of does."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def _led_this_year(district, since, today):
    """Two subqueries of the people who held a leadership experience, or were selected for
    an opportunity, since `since`."""
    from_record = ExperienceEntry.objects.filter(district=district, started_on__lte=today).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=since)
    )
    selected = Application.objects.filter(
        opportunity__district=district,
        status=Application.Status.SELECTED,
        decided_at__gte=_from_day(since),
    )
    return from_record.values("person"), selected.values("applicant")


# Within `counted_together()`, the per-school counts and the share across the schools, of the
# same schools on the same day, come from one query; {key: (per school, across)}.
_together = contextvars.ContextVar("opportunities_reach_together", default=None)


@contextlib.contextmanager
def counted_together():
    """Count `reach_by_school` and `staff_led_share` of the same schools once between them.

    Both read every active membership of those schools (150,000 at the large size); on
    PostgreSQL one pass counts per school and across the schools (GROUPING SETS), so a page
    that shows both (the pipeline dashboard) pays for one. What is kept lives only inside
    the block."""
    token = _together.set({})
    try:
        yield
    finally:
        _together.reset(token)


def _schools_key(schools):
    if isinstance(schools, QuerySet):
        return nested_sql(schools.order_by().values("pk"))
    return tuple(school.pk for school in schools)


def _counts(district, schools, today, *, across):
    """({school_id: (staff, applied, selected, led)}, (staff, led) across the schools or
    None unless `across`). Each person is counted once per school, and once across them.

    Read from what the database keeps (opportunities/kept_reach.py) unless that counts
    another school year, or inside `afresh()`."""
    if not kept_reach.counting_afresh():
        school_ids = (
            nested_sql(schools.order_by().values("pk"))
            if isinstance(schools, QuerySet)
            else (", ".join(["%s"] * len(schools)) or "NULL", [school.pk for school in schools])
        )
        if school_ids is None:  # no schools
            return {}, ((0, 0) if across else None)
        found = kept_reach.counts(district.pk, school_ids, today, across=across)
        if found is not None:
            return found
    return _fresh_counts(district, schools, today, across=across)


# Counting from the rows themselves, not from what the database keeps (the tests that
# prove the two agree): `with reach.afresh():`.
afresh = kept_reach.afresh


def _fresh_counts(district, schools, today, *, across):
    since = school_year_start(today)
    # school__isnull=False is implied; said, it lets PostgreSQL read membership_staff_idx.
    staff = Membership.objects.filter(
        district=district, school__isnull=False, school__in=schools, is_active=True
    )
    sent = Application.objects.counted().filter(
        opportunity__district=district, submitted_at__gte=_from_day(since)
    )
    on_record, selected_this_year = _led_this_year(district, since, today)
    parts = [
        nested_sql(sent.order_by().values("applicant_id")),
        nested_sql(
            sent.filter(status=Application.Status.SELECTED).order_by().values("applicant_id")
        ),
        nested_sql(on_record.order_by()),
        nested_sql(selected_this_year.order_by()),
        nested_sql(staff.order_by().values("school_id", "user_id")),
    ]
    if parts[-1] is None:  # no schools
        return {}, ((0, 0) if across else None)
    # A part that can match nobody is a subquery that returns no row.
    (applied, p1), (selected, p2), (record, p3), (chosen, p4), (members, p5) = (
        part or ("SELECT NULL WHERE 1 = 0", ()) for part in parts
    )
    flags = f"""
        COUNT(DISTINCT m.user_id),
        COUNT(DISTINCT m.user_id) FILTER (WHERE m.user_id IN ({applied})),
        COUNT(DISTINCT m.user_id) FILTER (WHERE m.user_id IN ({selected})),
        COUNT(DISTINCT m.user_id) FILTER (WHERE m.user_id IN ({record}) OR m.user_id IN ({chosen}))
    """
    params = (*p1, *p2, *p3, *p4, *p5)
    if across and connection.vendor == "postgresql":
        rows = fetch_rows(
            f"SELECT GROUPING(m.school_id), m.school_id, {flags} FROM ({members}) m"
            " GROUP BY GROUPING SETS ((m.school_id), ())",
            params,
        )
        per_school = {row[1]: tuple(row[2:]) for row in rows if not row[0]}
        total = next((row[2], row[5]) for row in rows if row[0])
        return per_school, total
    per_school = {
        school_id: tuple(numbers)
        for school_id, *numbers in fetch_rows(
            f"SELECT m.school_id, {flags} FROM ({members}) m GROUP BY m.school_id", params
        )
    }
    total = None
    if across:
        total = fetch_rows(f"SELECT {flags} FROM ({members}) m", params)[0]
        total = (total[0], total[3])
    return per_school, total


def _counted(district, schools, today, *, across):
    kept = _together.get()
    if kept is None:
        return _counts(district, schools, today, across=across)
    key = (district.pk, today, _schools_key(schools))
    if key not in kept:
        kept[key] = _counts(district, schools, today, across=True)
    return kept[key]


def _numbers(counts, school_id):
    staff, applied, selected, led = counts.get(school_id, (0, 0, 0, 0))
    return {
        "staff": staff,
        "applied": applied,
        "selected": selected,
        "led": led,
        "led_share": _share(led, staff),
        "nobody_applied": not applied,
    }


def numbers_by_school(district, schools, *, today=None):
    """A function of a school's id that gives that school's reach: staff, how many applied
    and were selected this school year, the share of staff who led something, and whether
    nobody applied. The caller lists `schools` itself (the dashboard as light SchoolRefs).

    `schools` is a list or a queryset of schools. One query counts every school at once:
    each person at a school once, then how many of them are in each group."""
    today = today or timezone.localdate()
    counts, _ = _counted(district, schools, today, across=False)
    return lambda school_id: _numbers(counts, school_id)


def reach_by_school(district, schools, *, today=None):
    """[{"school": school, ...its numbers_by_school}] for each of `schools`."""
    numbers = numbers_by_school(district, schools, today=today)
    return [{"school": school, **numbers(school.pk)} for school in schools]


def reach_by_school_id(district, schools, *, today=None):
    """{school id: its numbers_by_school} for a queryset of schools."""
    numbers = numbers_by_school(district, schools, today=today)
    return {pk: numbers(pk) for pk in schools.values_list("pk", flat=True)}


def columns_by_school(district, schools, *, today=None):
    """{school id: {"staff", "applied", "selected", "led_share"}} for a queryset of schools:
    the schools page's columns of `numbers_by_school`, made in one pass (1,800 schools at
    the large size)."""
    today = today or timezone.localdate()
    counts, _ = _counted(district, schools, today, across=False)
    nothing = (0, 0, 0, 0)
    found = {}
    for pk in schools.values_list("pk", flat=True):
        staff, applied, selected, led = counts.get(pk, nothing)
        found[pk] = {
            "staff": staff,
            "applied": applied,
            "selected": selected,
            "led_share": _share(led, staff),
        }
    return found


def staff_led_share(district, schools, *, today=None):
    """Across `schools` (each person once, however many of them they work at): staff, how
    many led something this school year, and the share. One query (none more inside
    `counted_together()` once `reach_by_school` counted the same schools)."""
    today = today or timezone.localdate()
    _, (staff, led) = _counted(district, schools, today, across=True)
    return {"staff": staff, "led": led, "share": _share(led, staff)}


def reach_by_level(district, schools=None, *, today=None):
    """For each level an opportunity develops: opportunities posted, applications sent and
    people selected this school year. With `schools`, only those schools' staff count."""
    today = today or timezone.localdate()
    since = school_year_start(today)
    applications = Application.objects.counted().filter(
        opportunity__district=district, submitted_at__gte=_from_day(since)
    )
    opportunities = Opportunity.objects.filter(district=district, created_at__gte=_from_day(since))
    if schools is not None:
        staff = Membership.objects.filter(school__in=schools, is_active=True).values("user")
        applications = applications.filter(applicant__in=staff)
        opportunities = opportunities.filter(Q(school__isnull=True) | Q(school__in=schools))
    posted = dict(opportunities.order_by().values_list("level").annotate(n=Count("id")))
    # The whole district's are kept by the database (opportunities/kept_reach.py).
    kept = None
    if schools is None and not kept_reach.counting_afresh():
        kept = kept_reach.applications_by_level(district.pk, today)
    if kept is None:
        kept = {
            level: (sent, selected)
            for level, sent, selected in applications.order_by()
            .values_list("opportunity__level")
            .annotate(sent=Count("id"), selected=Count("id", filter=Q(status="selected")))
        }
    applied = {level: sent for level, (sent, _) in kept.items()}
    chosen = {level: selected for level, (_, selected) in kept.items()}
    return [
        {
            "level": label,
            "opportunities": posted.get(value, 0),
            "applied": applied.get(value, 0),
            "selected": chosen.get(value, 0),
        }
        for value, label in Level.choices
    ]
