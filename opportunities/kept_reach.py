"""Fair reach per school, kept by the database itself as people, applications and
experience change.

Counted from the rows, fair reach reads every active membership of the district (150,000 at
the large size) with a distinct count per school and three subqueries: about 60 ms, which a
first visitor of the dashboard or the schools page waits for after every change. Kept, it is
a sum over one row per school (and per day a person starts leading, within the school year).

Two tables, each right after every change because triggers keep them in the change's own
transaction (saves, `update()`, bulk inserts and cascades alike, on PostgreSQL and SQLite):

- `ReachMark`: one row per person and school they work at (active memberships only), with
  what the person did in the school year `ReachYear` names: applied (a sent application
  since the year began), selected (a selected one among those) and from which day they count
  as having led (the year's first day if they were selected for an opportunity this year or
  held a leadership role that reaches into it; the day a role starts if it starts later;
  `NEVER` otherwise). Any change to a person's memberships, applications or experience
  counts that person's rows again, in that district.
- `ReachCount`: per school and `led_from` day, how many staff, how many applied, how many
  were selected. Triggers on `ReachMark` add and take away its rows.

A person who works at several schools is counted once at each, and once across them: the
few rows of people at several schools (`schools` > 1) correct the sum across schools.

The school year moves once a year: the rows are counted for the year in `ReachYear`, and
reading them for another year (after 1 August, before `keep_year()` ran, or a count for
another day in a test) counts afresh from the rows instead (opportunities/reach.py).

Bulk writers (the large seed, a roster import) pause the triggers in their transaction and
count the district again at the end (`pipeline.kept.counted_at_the_end`): one set-based
count instead of one per row. SQLite drops a table's triggers when a migration rebuilds it,
so after every `migrate` missing triggers are made again and every row counted again.

An opportunity moved to another district (only the Django admin can move one) has its
applicants counted again in both districts.
"""

import contextvars
import datetime
from contextlib import contextmanager

from django.db import connections, models, transaction
from django.utils import timezone

from leadership.school_year import school_year_start
from leadership.sql import fetch_rows
from opportunities.kept_triggers import KeptTriggers

NEVER = datetime.date(9999, 12, 31)  # led_from of someone who did not lead this year
SENT = "('submitted', 'selected', 'not_selected')"  # Application.objects.counted()
PAUSE_SETTING = "deepbench.reach_paused"


class ReachYear(models.Model):
    """The school year the kept rows count (one row)."""

    year = models.PositiveIntegerField()  # the calendar year it starts in
    since = models.DateField()  # its first day
    since_at = models.DateTimeField()  # the first moment of that day, local time
    time_zone = models.CharField(max_length=64)  # where that day is (settings.TIME_ZONE)

    def __str__(self):
        return f"Reach kept for the school year starting {self.since}"


class ReachMark(models.Model):
    # Plain ids, not foreign keys: the rows belong to the triggers, never to Django's deletes.
    district_id = models.BigIntegerField()
    school_id = models.BigIntegerField()
    person_id = models.BigIntegerField()
    schools = models.PositiveIntegerField()  # how many schools of the district they work at
    applied = models.PositiveSmallIntegerField()  # 1 or 0
    selected = models.PositiveSmallIntegerField()
    led_from = models.DateField()

    class Meta:
        indexes = [
            models.Index(fields=["district_id", "person_id"]),
            models.Index(
                fields=["district_id", "school_id"],
                condition=models.Q(schools__gt=1),
                name="reach_mark_several_schools",
            ),
        ]

    def __str__(self):
        return f"Reach of person {self.person_id} at school {self.school_id}"


class ReachByLevel(models.Model):
    """Per district and level an opportunity develops: applications sent in the kept school
    year, and how many of them were selected (the dashboard's reach by level)."""

    district_id = models.BigIntegerField()
    level = models.CharField(max_length=20)
    sent = models.IntegerField()
    selected = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["district_id", "level"], name="reach_by_level_one")
        ]

    def __str__(self):
        return f"Applications at {self.level} level"


class ReachPause(models.Model):
    """SQLite: while a row is here (only ever inside a bulk writer's transaction) the
    triggers do nothing. PostgreSQL pauses them with a setting of the transaction."""

    def __str__(self):
        return "Kept reach paused"


class ReachCount(models.Model):
    district_id = models.BigIntegerField()
    school_id = models.BigIntegerField()
    led_from = models.DateField()
    staff = models.IntegerField()
    applied = models.IntegerField()
    selected = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["district_id", "school_id", "led_from"], name="reach_count_one_per_day"
            )
        ]

    def __str__(self):
        return f"Reach at school {self.school_id} from {self.led_from}"


MARK = "opportunities_reachmark"
COUNT = "opportunities_reachcount"
YEAR = "opportunities_reachyear"
PAUSE = "opportunities_reachpause"  # SQLite: a row here pauses the triggers


def _facts(d, p, schools=None):
    """SELECT of one row per school person `p` works at in district `d`, with their marks
    (`d` and `p` are SQL: a trigger's NEW/OLD columns). `schools`, a FROM item named `s` with
    a `school_id`, lists the rows instead (a few people at once)."""
    sent = (
        "SELECT 1 FROM opportunities_application a JOIN opportunities_opportunity o"
        f" ON o.id = a.opportunity_id WHERE o.district_id = {d} AND a.applicant_id = {p}"
    )
    active = (
        f"FROM leadership_membership m WHERE m.district_id = {d} AND m.user_id = {p}"
        " AND m.is_active AND m.school_id IS NOT NULL"
    )
    first_role = (
        "SELECT MIN(e.started_on) AS first FROM opportunities_experienceentry e"
        f" WHERE e.district_id = {d} AND e.person_id = {p}"
        " AND (e.ended_on IS NULL OR e.ended_on >= y.since)"
    )
    schools = schools or f"(SELECT DISTINCT m.school_id {active}) s"
    return f"""
    SELECT {d}, s.school_id, {p},
        (SELECT COUNT(DISTINCT m.school_id) {active}),
        CASE WHEN EXISTS ({sent} AND a.status IN {SENT} AND a.submitted_at >= y.since_at)
            THEN 1 ELSE 0 END,
        CASE WHEN EXISTS ({sent} AND a.status = 'selected' AND a.submitted_at >= y.since_at)
            THEN 1 ELSE 0 END,
        CASE WHEN EXISTS ({sent} AND a.status = 'selected' AND a.decided_at >= y.since_at)
            THEN y.since
        ELSE (SELECT CASE WHEN f.first IS NULL THEN '{NEVER}' WHEN f.first < y.since
            THEN y.since ELSE f.first END FROM ({first_role}) f) END
    FROM {schools} CROSS JOIN {YEAR} y
    """


COLUMNS = "(district_id, school_id, person_id, schools, applied, selected, led_from)"


# An opportunity moved to another district (only the Django admin can): its applicants are
# counted again in both districts.
APPLICANTS = "SELECT applicant_id FROM opportunities_application WHERE opportunity_id = NEW.id"
BOTH = "(OLD.district_id, NEW.district_id)"
APPLICANTS_STAFF = f"""(
    SELECT DISTINCT m.district_id, m.school_id, m.user_id FROM leadership_membership m
    WHERE m.district_id IN {BOTH} AND m.user_id IN ({APPLICANTS})
        AND m.is_active AND m.school_id IS NOT NULL) s"""
MOVED = f"""
    DELETE FROM {MARK} WHERE district_id IN {BOTH} AND person_id IN ({APPLICANTS});
    INSERT INTO {MARK} {COLUMNS} {_facts("s.district_id", "s.user_id", APPLICANTS_STAFF)};
"""


def _refresh(d, p):
    """Count again the rows of person `p` in district `d`."""
    return f"""
    DELETE FROM {MARK} WHERE district_id = {d} AND person_id = {p};
    INSERT INTO {MARK} {COLUMNS} {_facts(d, p)};
    """


# Applications by level: a sent application of the kept school year adds one to its
# opportunity's district and level (and one selected when it is).
LEVEL = "opportunities_reachbylevel"
COUNTED_IN_YEAR = (
    f"{{row}}.status IN {SENT} AND {{row}}.submitted_at >= (SELECT since_at FROM {YEAR})"
)
IS_SELECTED = "CASE WHEN {row}.status = 'selected' THEN 1 ELSE 0 END"


def _add_application(row):
    return f"""
    INSERT INTO {LEVEL} (district_id, level, sent, selected)
    SELECT o.district_id, o.level, 1, {IS_SELECTED.format(row=row)}
    FROM opportunities_opportunity o WHERE o.id = {row}.opportunity_id
        AND {COUNTED_IN_YEAR.format(row=row)}
    ON CONFLICT (district_id, level) DO UPDATE SET sent = {LEVEL}.sent + 1,
        selected = {LEVEL}.selected + EXCLUDED.selected;
    """


def _take_application(row):
    return f"""
    UPDATE {LEVEL} SET sent = sent - 1, selected = selected - {IS_SELECTED.format(row=row)}
    WHERE (district_id, level) = (
        SELECT o.district_id, o.level FROM opportunities_opportunity o
        WHERE o.id = {row}.opportunity_id)
        AND {COUNTED_IN_YEAR.format(row=row)};
    """


def _move_opportunity(row, sign):
    """The opportunity's applications of the kept year added (+) to, or taken (-) from, the
    row of its district and level."""
    of_it = (
        f"FROM opportunities_application a WHERE a.opportunity_id = {row}.id"
        f" AND {COUNTED_IN_YEAR.format(row='a')}"
    )
    if sign == "-":
        return f"""
        UPDATE {LEVEL} SET sent = sent - (SELECT COUNT(*) {of_it}),
            selected = selected - (SELECT COUNT(*) {of_it} AND a.status = 'selected')
        WHERE district_id = {row}.district_id AND level = {row}.level;
        """
    return f"""
    INSERT INTO {LEVEL} (district_id, level, sent, selected)
    SELECT {row}.district_id, {row}.level, COUNT(*), SUM({IS_SELECTED.format(row="a")})
    {of_it} GROUP BY a.opportunity_id
    ON CONFLICT (district_id, level) DO UPDATE SET sent = {LEVEL}.sent + EXCLUDED.sent,
        selected = {LEVEL}.selected + EXCLUDED.selected;
    """


# --- PostgreSQL ------------------------------------------------------------------------

PAUSED_PG = f"current_setting('{PAUSE_SETTING}', true) = 'on'"

POSTGRESQL = f"""
CREATE OR REPLACE FUNCTION reach_refresh(d bigint, p bigint) RETURNS void AS $$
BEGIN
    IF d IS NULL OR p IS NULL THEN RETURN; END IF;
    -- One writer per person at a time, so a count never misses a concurrent commit.
    PERFORM 1 FROM leadership_user WHERE id = p FOR NO KEY UPDATE;
    {_refresh("d", "p")}
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION reach_membership() RETURNS trigger AS $$
BEGIN
    IF {PAUSED_PG} THEN RETURN NULL; END IF;
    IF TG_OP <> 'INSERT' THEN PERFORM reach_refresh(OLD.district_id, OLD.user_id); END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR OLD.district_id <> NEW.district_id
            OR OLD.user_id <> NEW.user_id) THEN
        PERFORM reach_refresh(NEW.district_id, NEW.user_id);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS reach_membership ON leadership_membership;
CREATE TRIGGER reach_membership AFTER INSERT OR DELETE ON leadership_membership
    FOR EACH ROW EXECUTE FUNCTION reach_membership();
DROP TRIGGER IF EXISTS reach_membership_change ON leadership_membership;
CREATE TRIGGER reach_membership_change AFTER UPDATE ON leadership_membership FOR EACH ROW
    WHEN (OLD.is_active IS DISTINCT FROM NEW.is_active
        OR OLD.school_id IS DISTINCT FROM NEW.school_id
        OR OLD.district_id IS DISTINCT FROM NEW.district_id OR OLD.user_id <> NEW.user_id)
    EXECUTE FUNCTION reach_membership();

CREATE OR REPLACE FUNCTION reach_application() RETURNS trigger AS $$
BEGIN
    IF {PAUSED_PG} THEN RETURN NULL; END IF;
    IF TG_OP <> 'INSERT' THEN
        PERFORM reach_refresh(
            (SELECT district_id FROM opportunities_opportunity WHERE id = OLD.opportunity_id),
            OLD.applicant_id);
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR OLD.opportunity_id <> NEW.opportunity_id
            OR OLD.applicant_id <> NEW.applicant_id) THEN
        PERFORM reach_refresh(
            (SELECT district_id FROM opportunities_opportunity WHERE id = NEW.opportunity_id),
            NEW.applicant_id);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS reach_application ON opportunities_application;
CREATE TRIGGER reach_application AFTER INSERT OR DELETE ON opportunities_application
    FOR EACH ROW EXECUTE FUNCTION reach_application();
DROP TRIGGER IF EXISTS reach_application_change ON opportunities_application;
CREATE TRIGGER reach_application_change AFTER UPDATE ON opportunities_application
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at
        OR OLD.decided_at IS DISTINCT FROM NEW.decided_at
        OR OLD.opportunity_id <> NEW.opportunity_id OR OLD.applicant_id <> NEW.applicant_id)
    EXECUTE FUNCTION reach_application();

CREATE OR REPLACE FUNCTION reach_experience() RETURNS trigger AS $$
BEGIN
    IF {PAUSED_PG} THEN RETURN NULL; END IF;
    IF TG_OP <> 'INSERT' THEN PERFORM reach_refresh(OLD.district_id, OLD.person_id); END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR OLD.district_id <> NEW.district_id
            OR OLD.person_id <> NEW.person_id) THEN
        PERFORM reach_refresh(NEW.district_id, NEW.person_id);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS reach_experience ON opportunities_experienceentry;
CREATE TRIGGER reach_experience AFTER INSERT OR DELETE ON opportunities_experienceentry
    FOR EACH ROW EXECUTE FUNCTION reach_experience();
DROP TRIGGER IF EXISTS reach_experience_change ON opportunities_experienceentry;
CREATE TRIGGER reach_experience_change AFTER UPDATE ON opportunities_experienceentry
    FOR EACH ROW WHEN (OLD.started_on IS DISTINCT FROM NEW.started_on
        OR OLD.ended_on IS DISTINCT FROM NEW.ended_on
        OR OLD.district_id <> NEW.district_id OR OLD.person_id <> NEW.person_id)
    EXECUTE FUNCTION reach_experience();

CREATE OR REPLACE FUNCTION reach_count() RETURNS trigger AS $$
BEGIN
    IF {PAUSED_PG} THEN RETURN NULL; END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO {COUNT} (district_id, school_id, led_from, staff, applied, selected)
        VALUES (NEW.district_id, NEW.school_id, NEW.led_from, 1, NEW.applied, NEW.selected)
        ON CONFLICT (district_id, school_id, led_from) DO UPDATE SET
            staff = {COUNT}.staff + 1,
            applied = {COUNT}.applied + EXCLUDED.applied,
            selected = {COUNT}.selected + EXCLUDED.selected;
    ELSE
        UPDATE {COUNT} SET staff = staff - 1, applied = applied - OLD.applied,
            selected = selected - OLD.selected
        WHERE district_id = OLD.district_id AND school_id = OLD.school_id
            AND led_from = OLD.led_from;
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS reach_count ON {MARK};
CREATE TRIGGER reach_count AFTER INSERT OR DELETE ON {MARK}
    FOR EACH ROW EXECUTE FUNCTION reach_count();

CREATE OR REPLACE FUNCTION reach_opportunity() RETURNS trigger AS $$
BEGIN
    IF {PAUSED_PG} THEN RETURN NULL; END IF;
    PERFORM 1 FROM leadership_user WHERE id IN ({APPLICANTS}) ORDER BY id FOR NO KEY UPDATE;
    {MOVED}
    RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS reach_opportunity_change ON opportunities_opportunity;
CREATE TRIGGER reach_opportunity_change AFTER UPDATE ON opportunities_opportunity
    FOR EACH ROW WHEN (OLD.district_id <> NEW.district_id)
    EXECUTE FUNCTION reach_opportunity();

CREATE OR REPLACE FUNCTION reach_level_application() RETURNS trigger AS $$
BEGIN
    IF {PAUSED_PG} THEN RETURN NULL; END IF;
    -- The opportunity's level and district as they are once a change of them commits: a
    -- writer that moves the opportunity moves its applications (reach_level_opportunity).
    IF TG_OP <> 'INSERT' THEN
        PERFORM 1 FROM opportunities_opportunity WHERE id = OLD.opportunity_id FOR SHARE;
        {_take_application("OLD")}
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM 1 FROM opportunities_opportunity WHERE id = NEW.opportunity_id FOR SHARE;
        {_add_application("NEW")}
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS reach_level_application ON opportunities_application;
CREATE TRIGGER reach_level_application AFTER INSERT OR DELETE ON opportunities_application
    FOR EACH ROW EXECUTE FUNCTION reach_level_application();
DROP TRIGGER IF EXISTS reach_level_application_change ON opportunities_application;
CREATE TRIGGER reach_level_application_change AFTER UPDATE ON opportunities_application
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at
        OR OLD.opportunity_id <> NEW.opportunity_id)
    EXECUTE FUNCTION reach_level_application();

CREATE OR REPLACE FUNCTION reach_level_opportunity() RETURNS trigger AS $$
BEGIN
    IF {PAUSED_PG} THEN RETURN NULL; END IF;
    {_move_opportunity("OLD", "-")}
    {_move_opportunity("NEW", "+")}
    RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS reach_level_opportunity ON opportunities_opportunity;
CREATE TRIGGER reach_level_opportunity AFTER UPDATE ON opportunities_opportunity
    FOR EACH ROW WHEN (OLD.district_id <> NEW.district_id OR OLD.level <> NEW.level)
    EXECUTE FUNCTION reach_level_opportunity();
"""

DROP_POSTGRESQL = f"""
DROP TRIGGER IF EXISTS reach_membership ON leadership_membership;
DROP TRIGGER IF EXISTS reach_membership_change ON leadership_membership;
DROP TRIGGER IF EXISTS reach_application ON opportunities_application;
DROP TRIGGER IF EXISTS reach_application_change ON opportunities_application;
DROP TRIGGER IF EXISTS reach_experience ON opportunities_experienceentry;
DROP TRIGGER IF EXISTS reach_experience_change ON opportunities_experienceentry;
DROP TRIGGER IF EXISTS reach_count ON {MARK};
DROP TRIGGER IF EXISTS reach_opportunity_change ON opportunities_opportunity;
DROP FUNCTION IF EXISTS reach_opportunity();
DROP TRIGGER IF EXISTS reach_level_application ON opportunities_application;
DROP TRIGGER IF EXISTS reach_level_application_change ON opportunities_application;
DROP TRIGGER IF EXISTS reach_level_opportunity ON opportunities_opportunity;
DROP FUNCTION IF EXISTS reach_level_application();
DROP FUNCTION IF EXISTS reach_level_opportunity();
DROP FUNCTION IF EXISTS reach_membership();
DROP FUNCTION IF EXISTS reach_application();
DROP FUNCTION IF EXISTS reach_experience();
DROP FUNCTION IF EXISTS reach_count();
DROP FUNCTION IF EXISTS reach_refresh(bigint, bigint);
"""

# --- SQLite ----------------------------------------------------------------------------

RUNNING = f"NOT EXISTS (SELECT 1 FROM {PAUSE})"
DISTRICT_OF = "(SELECT district_id FROM opportunities_opportunity WHERE id = {row}.opportunity_id)"


def _sqlite_trigger(name, when, table, condition, body):
    return (
        f"CREATE TRIGGER {name} AFTER {when} ON {table} WHEN {RUNNING}"
        f"{' AND (' + condition + ')' if condition else ''} BEGIN {body} END"
    )


def _sqlite():
    def refresh(d, p):
        return _refresh(d, p)

    membership = {"d": "{row}.district_id", "p": "{row}.user_id"}
    experience = {"d": "{row}.district_id", "p": "{row}.person_id"}
    application = {"d": DISTRICT_OF, "p": "{row}.applicant_id"}
    changed = {
        "leadership_membership": (
            membership,
            "OLD.is_active IS NOT NEW.is_active OR OLD.school_id IS NOT NEW.school_id"
            " OR OLD.district_id IS NOT NEW.district_id OR OLD.user_id IS NOT NEW.user_id",
        ),
        "opportunities_application": (
            application,
            "OLD.status IS NOT NEW.status OR OLD.submitted_at IS NOT NEW.submitted_at"
            " OR OLD.decided_at IS NOT NEW.decided_at"
            " OR OLD.opportunity_id IS NOT NEW.opportunity_id"
            " OR OLD.applicant_id IS NOT NEW.applicant_id",
        ),
        "opportunities_experienceentry": (
            experience,
            "OLD.started_on IS NOT NEW.started_on OR OLD.ended_on IS NOT NEW.ended_on"
            " OR OLD.district_id IS NOT NEW.district_id OR OLD.person_id IS NOT NEW.person_id",
        ),
    }
    statements = []
    for table, (who, condition) in changed.items():

        def of(row, who=who):
            return refresh(who["d"].format(row=row), who["p"].format(row=row))

        name = table.split("_", 1)[1]
        statements += [
            _sqlite_trigger(f"reach_{name}_insert", "INSERT", table, "", of("NEW")),
            _sqlite_trigger(f"reach_{name}_delete", "DELETE", table, "", of("OLD")),
            _sqlite_trigger(
                f"reach_{name}_update", "UPDATE", table, condition, of("OLD") + of("NEW")
            ),
        ]
    statements += [
        _sqlite_trigger(
            "reach_count_insert",
            "INSERT",
            MARK,
            "",
            f"""INSERT INTO {COUNT} (district_id, school_id, led_from, staff, applied, selected)
            VALUES (NEW.district_id, NEW.school_id, NEW.led_from, 1, NEW.applied, NEW.selected)
            ON CONFLICT (district_id, school_id, led_from) DO UPDATE SET
                staff = staff + 1, applied = applied + excluded.applied,
                selected = selected + excluded.selected;""",
        ),
        _sqlite_trigger(
            "reach_count_delete",
            "DELETE",
            MARK,
            "",
            f"""UPDATE {COUNT} SET staff = staff - 1, applied = applied - OLD.applied,
                selected = selected - OLD.selected
            WHERE district_id = OLD.district_id AND school_id = OLD.school_id
                AND led_from = OLD.led_from;""",
        ),
        _sqlite_trigger(
            "reach_opportunity_update",
            "UPDATE",
            "opportunities_opportunity",
            "OLD.district_id IS NOT NEW.district_id",
            MOVED,
        ),
        _sqlite_trigger(
            "reach_level_application_insert",
            "INSERT",
            "opportunities_application",
            "",
            _add_application("NEW"),
        ),
        _sqlite_trigger(
            "reach_level_application_delete",
            "DELETE",
            "opportunities_application",
            "",
            _take_application("OLD"),
        ),
        _sqlite_trigger(
            "reach_level_application_update",
            "UPDATE",
            "opportunities_application",
            "OLD.status IS NOT NEW.status OR OLD.submitted_at IS NOT NEW.submitted_at"
            " OR OLD.opportunity_id IS NOT NEW.opportunity_id",
            _take_application("OLD") + _add_application("NEW"),
        ),
        _sqlite_trigger(
            "reach_level_opportunity_update",
            "UPDATE",
            "opportunities_opportunity",
            "OLD.district_id IS NOT NEW.district_id OR OLD.level IS NOT NEW.level",
            _move_opportunity("OLD", "-") + _move_opportunity("NEW", "+"),
        ),
    ]
    return statements


SQLITE_NAMES = [
    f"reach_{name}_{op}"
    for name in ("membership", "application", "experienceentry")
    for op in ("insert", "delete", "update")
] + [
    "reach_count_insert",
    "reach_count_delete",
    "reach_opportunity_update",
    "reach_level_application_insert",
    "reach_level_application_delete",
    "reach_level_application_update",
    "reach_level_opportunity_update",
]

TRIGGERS = {
    "postgresql": [
        "reach_membership",
        "reach_membership_change",
        "reach_application",
        "reach_application_change",
        "reach_experience",
        "reach_experience_change",
        "reach_count",
        "reach_opportunity_change",
        "reach_level_application",
        "reach_level_application_change",
        "reach_level_opportunity",
    ],
    "sqlite": SQLITE_NAMES,
}


# --- Counting every row again ----------------------------------------------------------


def _set_year(cursor, day):
    since = school_year_start(day)
    since_at = datetime.datetime.combine(
        since, datetime.time.min, tzinfo=timezone.get_current_timezone()
    )
    ops = cursor.db.ops  # stored as the ORM stores them (SQLite: UTC text), to compare alike
    cursor.execute(f"DELETE FROM {YEAR}")
    cursor.execute(
        f"INSERT INTO {YEAR} (year, since, since_at, time_zone) VALUES (%s, %s, %s, %s)",
        [
            since.year,
            ops.adapt_datefield_value(since),
            ops.adapt_datetimefield_value(since_at),
            timezone.get_current_timezone_name(),
        ],
    )


def _every_mark(district_id=None):
    """SELECT of the rows of every person (of one district, or of all): the same marks as
    `_facts` gives one person, worked out with joins and groups instead of subqueries a
    row, so that the count does not depend on the planner knowing the tables' sizes (a bulk
    writer's transaction counts tables it has just filled)."""
    only = "" if district_id is None else f" AND {{t}}.district_id = {int(district_id)}"
    return f"""
    WITH y AS (SELECT since, since_at FROM {YEAR}),
    staff AS (
        SELECT DISTINCT m.district_id, m.school_id, m.user_id FROM leadership_membership m
        WHERE m.is_active AND m.school_id IS NOT NULL{only.format(t="m")}
    ),
    schools AS (
        SELECT district_id, user_id, COUNT(*) AS n FROM staff GROUP BY district_id, user_id
    ),
    sent AS (
        SELECT o.district_id, a.applicant_id AS user_id,
            MAX(CASE WHEN a.status IN {SENT} AND a.submitted_at >= y.since_at
                THEN 1 ELSE 0 END) AS applied,
            MAX(CASE WHEN a.status = 'selected' AND a.submitted_at >= y.since_at
                THEN 1 ELSE 0 END) AS selected,
            MAX(CASE WHEN a.status = 'selected' AND a.decided_at >= y.since_at
                THEN 1 ELSE 0 END) AS chosen
        FROM opportunities_application a
        JOIN opportunities_opportunity o ON o.id = a.opportunity_id CROSS JOIN y
        WHERE a.status <> 'draft'{only.format(t="o")}
        GROUP BY o.district_id, a.applicant_id
    ),
    roles AS (
        SELECT e.district_id, e.person_id AS user_id, MIN(e.started_on) AS first
        FROM opportunities_experienceentry e CROSS JOIN y
        WHERE (e.ended_on IS NULL OR e.ended_on >= y.since){only.format(t="e")}
        GROUP BY e.district_id, e.person_id
    )
    SELECT s.district_id, s.school_id, s.user_id, n.n,
        COALESCE(a.applied, 0), COALESCE(a.selected, 0),
        CASE WHEN a.chosen = 1 THEN y.since WHEN r.first IS NULL THEN '{NEVER}'
            WHEN r.first < y.since THEN y.since ELSE r.first END
    FROM staff s CROSS JOIN y
    JOIN schools n ON n.district_id = s.district_id AND n.user_id = s.user_id
    LEFT JOIN sent a ON a.district_id = s.district_id AND a.user_id = s.user_id
    LEFT JOIN roles r ON r.district_id = s.district_id AND r.user_id = s.user_id
    """


def _count_again(connection, district_id=None):
    """Every row of the district (or of every district) counted again from scratch, the
    triggers paused while it is done."""
    where = "" if district_id is None else f"WHERE district_id = {int(district_id)}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Writers wait for the count (their triggers would race it); readers do not.
            cursor.execute(f"LOCK TABLE {MARK}, {COUNT}, {LEVEL} IN SHARE ROW EXCLUSIVE MODE")
        with paused(connection):
            cursor.execute(f"DELETE FROM {MARK} {where}")
            cursor.execute(f"DELETE FROM {COUNT} {where}")
            cursor.execute(f"INSERT INTO {MARK} {COLUMNS} {_every_mark(district_id)}")
            cursor.execute(
                f"""INSERT INTO {COUNT} (district_id, school_id, led_from, staff, applied, selected)
                SELECT district_id, school_id, led_from, COUNT(*), SUM(applied), SUM(selected)
                FROM {MARK} {where} GROUP BY district_id, school_id, led_from"""
            )
            cursor.execute(f"DELETE FROM {LEVEL} {where}")
            of_district = "" if district_id is None else f" AND o.district_id = {int(district_id)}"
            cursor.execute(
                f"""INSERT INTO {LEVEL} (district_id, level, sent, selected)
                SELECT o.district_id, o.level, COUNT(*), SUM({IS_SELECTED.format(row="a")})
                FROM opportunities_application a
                JOIN opportunities_opportunity o ON o.id = a.opportunity_id
                WHERE {COUNTED_IN_YEAR.format(row="a")}{of_district}
                GROUP BY o.district_id, o.level"""
            )


@contextmanager
def paused(connection):
    """The triggers do nothing inside this block (in this transaction only): these and every
    other kept count's that check `PAUSED_PG` / `RUNNING` (pipeline/kept_nominations.py)."""
    if not connection.in_atomic_block:
        raise RuntimeError("pausing the kept reach needs a transaction")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config(%s, 'on', true)", [PAUSE_SETTING])
        else:
            cursor.execute(f"INSERT INTO {PAUSE} DEFAULT VALUES")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config(%s, 'off', true)", [PAUSE_SETTING])
            else:
                cursor.execute(f"DELETE FROM {PAUSE}")


# --- Installing, the school year, bulk writers -----------------------------------------


def _count_for_this_year(connection):
    with connection.cursor() as cursor:
        _set_year(cursor, timezone.localdate())
    _count_again(connection)


KEPT = KeptTriggers(
    table=LEVEL,  # the newest of its tables: before it (migrated back), nothing to make
    postgresql=POSTGRESQL,
    drop_postgresql=DROP_POSTGRESQL,
    sqlite=dict(zip(SQLITE_NAMES, _sqlite(), strict=True)),
    names=TRIGGERS["postgresql"],
    count_again=_count_for_this_year,
)
# install: make the triggers, count every row for this school year; uninstall: drop them
# (the rows stay, no longer kept); reinstall_if_missing: after `migrate`.
install, uninstall, reinstall_if_missing = KEPT.install, KEPT.uninstall, KEPT.reinstall_if_missing


def keep_year(connection=None, today=None):
    """On the first day of a school year, count every row for the new year. Returns whether
    it counted (nothing to do on any other day). Safe to run twice."""
    connection = connection or connections["default"]
    since = school_year_start(today or timezone.localdate())
    with transaction.atomic(using=connection.alias):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"LOCK TABLE {YEAR} IN EXCLUSIVE MODE")  # one recount at a time
            cursor.execute(f"SELECT since, time_zone FROM {YEAR}")
            found = cursor.fetchone()
            here = timezone.get_current_timezone_name()
            if found and (str(found[0]), found[1]) == (since.isoformat(), here):
                return False
            _set_year(cursor, since)
        _count_again(connection)
    return True


def count_again(connection, district_id=None):
    """Every row of the district (or of every district) counted again (after a bulk writer
    wrote with the triggers paused: pipeline.kept.counted_at_the_end)."""
    _count_again(connection, district_id)


# --- Reading ---------------------------------------------------------------------------

_afresh = contextvars.ContextVar("kept_counts_afresh", default=False)


@contextmanager
def afresh():
    """Inside this block every kept count (fair reach, pipeline/kept_nominations.py) is
    counted from the rows themselves instead: the tests that prove the two agree."""
    token = _afresh.set(True)
    try:
        yield
    finally:
        _afresh.reset(token)


def counting_afresh():
    return _afresh.get()


def counts(district_id, schools_sql, today, *, across):
    """({school_id: (staff, applied, selected, led)}, (staff, led) across the schools or
    None unless `across`), read from the kept rows; None when they count another school year
    than `today`'s, or its first day in another time zone (the caller counts afresh). One
    query. `schools_sql` is (sql, params) of the schools' ids."""
    sql, params = schools_sql
    day = today.isoformat()
    per_school = f"""
        SELECT c.school_id, SUM(c.staff), SUM(c.applied), SUM(c.selected),
            SUM(CASE WHEN c.led_from <= %s THEN c.staff ELSE 0 END)
        FROM {COUNT} c WHERE c.district_id = %s AND c.school_id IN ({sql})
        GROUP BY c.school_id"""
    if across:
        # People at several of the schools are in each school's count: counted once here.
        twice = f"""
            SELECT COALESCE(SUM(n - 1), 0) AS staff,
                COALESCE(SUM(CASE WHEN first_led <= %s THEN n - 1 ELSE 0 END), 0) AS led
            FROM (SELECT k.person_id, COUNT(*) AS n, MIN(k.led_from) AS first_led
                FROM {MARK} k WHERE k.district_id = %s AND k.schools > 1
                    AND k.school_id IN ({sql}) GROUP BY k.person_id) several"""
        year = f"SELECT NULL, y.year, t.staff, t.led, 0 FROM {YEAR} y CROSS JOIN ({twice}) t"
        year_params = [day, district_id, *params]
    else:
        year, year_params = f"SELECT NULL, y.year, 0, 0, 0 FROM {YEAR} y", []
    # Kept for another time zone (settings.TIME_ZONE changed since): no year row, afresh.
    year += " WHERE y.time_zone = %s"
    year_params.append(timezone.get_current_timezone_name())
    rows = fetch_rows(f"{per_school} UNION ALL {year}", [day, district_id, *params, *year_params])
    kept_year = [row for row in rows if row[0] is None]
    if not kept_year or kept_year[0][1] != school_year_start(today).year:
        return None
    found = {row[0]: tuple(map(int, row[1:])) for row in rows if row[0] is not None}
    total = None
    if across:
        _, _, twice_staff, twice_led, _ = kept_year[0]
        total = (
            sum(n[0] for n in found.values()) - int(twice_staff),
            sum(n[3] for n in found.values()) - int(twice_led),
        )
    return found, total


def applications_by_level(district_id, today):
    """{level: (sent, selected)}: the district's applications sent this school year by the
    level their opportunity develops, read from the kept rows; None when they count another
    school year than `today`'s, or its first day in another time zone. One query."""
    rows = fetch_rows(
        f"""SELECT level, sent, selected FROM {LEVEL} WHERE district_id = %s
        UNION ALL SELECT NULL, y.year, 0 FROM {YEAR} y WHERE y.time_zone = %s""",
        [district_id, timezone.get_current_timezone_name()],
    )
    kept_year = [sent for level, sent, _ in rows if level is None]
    if not kept_year or kept_year[0] != school_year_start(today).year:
        return None
    return {level: (int(sent), int(selected)) for level, sent, selected in rows if level}
