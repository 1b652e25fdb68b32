"""How many candidates are ready, per school, kept by the database itself.

The dashboard's glance (people still on the bench ready now and ready in 1-2 years) and the
bench per school (people aiming to lead a school, ready now or later) read every candidate
of the district (30,000 at the large size) twice. `BenchTally` keeps, per district, school,
readiness, whether they aim to lead a school and whether they are still on the bench (not
placed, not exited), how many candidates: a candidate made, changed or deleted adds one to
its row and takes one from the row it left, in the same transaction, whatever the write
(triggers on PostgreSQL and SQLite; the bulk writers pause them and count again at the end,
`pipeline.kept.counted_at_the_end`; after `migrate` missing triggers are made again).

Used for a district admin (every candidate of the district) and a principal (their schools'
candidates): `pipeline.scope.scoped_candidates` marks its querysets with whose they are.
"""

from django.db import models

from leadership.sql import fetch_rows
from opportunities import kept_reach
from opportunities.kept_triggers import KeptTriggers, add_one, take_one


class BenchTally(models.Model):
    district_id = models.BigIntegerField()
    school_id = models.BigIntegerField()  # 0: no school
    readiness = models.CharField(max_length=20)
    aims_at_school = models.BooleanField()  # target_level is "school"
    on_bench = models.BooleanField()  # stage is neither placed nor exited
    candidates = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["district_id", "school_id", "readiness", "aims_at_school", "on_bench"],
                name="bench_tally_one",
            )
        ]

    def __str__(self):
        return f"Candidates {self.readiness} at school {self.school_id}"


TALLY = "pipeline_benchtally"
CANDIDATE = "leadership_candidate"
KEY = "(district_id, school_id, readiness, aims_at_school, on_bench)"


def _key(row):
    return (
        f"{row}.district_id, COALESCE({row}.school_id, 0), {row}.readiness,"
        f" {row}.target_level = 'school', {row}.stage NOT IN ('placed', 'exited')"
    )


def _add(row):
    return add_one(TALLY, KEY, _key(row))


def _take(row):
    return take_one(TALLY, KEY, _key(row))


CHANGED = {
    "postgresql": "OLD.district_id <> NEW.district_id"
    " OR OLD.school_id IS DISTINCT FROM NEW.school_id OR OLD.readiness <> NEW.readiness"
    " OR OLD.target_level <> NEW.target_level OR OLD.stage <> NEW.stage",
    "sqlite": "OLD.district_id IS NOT NEW.district_id OR OLD.school_id IS NOT NEW.school_id"
    " OR OLD.readiness IS NOT NEW.readiness OR OLD.target_level IS NOT NEW.target_level"
    " OR OLD.stage IS NOT NEW.stage",
}

POSTGRESQL = f"""
CREATE OR REPLACE FUNCTION kept_bench() RETURNS trigger AS $$
BEGIN
    IF {kept_reach.PAUSED_PG} THEN RETURN NULL; END IF;
    IF TG_OP <> 'INSERT' THEN {_take("OLD")} END IF;
    IF TG_OP <> 'DELETE' THEN {_add("NEW")} END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS kept_bench ON {CANDIDATE};
CREATE TRIGGER kept_bench AFTER INSERT OR DELETE ON {CANDIDATE}
    FOR EACH ROW EXECUTE FUNCTION kept_bench();
DROP TRIGGER IF EXISTS kept_bench_change ON {CANDIDATE};
CREATE TRIGGER kept_bench_change AFTER UPDATE ON {CANDIDATE} FOR EACH ROW
    WHEN ({CHANGED["postgresql"]}) EXECUTE FUNCTION kept_bench();
"""

DROP_POSTGRESQL = f"""
DROP TRIGGER IF EXISTS kept_bench ON {CANDIDATE};
DROP TRIGGER IF EXISTS kept_bench_change ON {CANDIDATE};
DROP FUNCTION IF EXISTS kept_bench();
"""


def _sqlite(name, when, condition, body):
    extra = f" AND ({condition})" if condition else ""
    return (
        f"CREATE TRIGGER {name} AFTER {when} ON {CANDIDATE}"
        f" WHEN {kept_reach.RUNNING}{extra} BEGIN {body} END"
    )


SQLITE = {
    "kept_bench_insert": _sqlite("kept_bench_insert", "INSERT", "", _add("NEW")),
    "kept_bench_delete": _sqlite("kept_bench_delete", "DELETE", "", _take("OLD")),
    "kept_bench_update": _sqlite(
        "kept_bench_update", "UPDATE", CHANGED["sqlite"], _take("OLD") + _add("NEW")
    ),
}


def count_again(connection, district_id=None):
    """Every row of the district (or of every district) counted again from scratch."""
    only = "" if district_id is None else f" WHERE district_id = {int(district_id)}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Writers wait for the count (their triggers would race it); readers do not.
            cursor.execute(f"LOCK TABLE {TALLY} IN SHARE ROW EXCLUSIVE MODE")
        cursor.execute(f"DELETE FROM {TALLY}{only}")
        cursor.execute(
            f"INSERT INTO {TALLY} {KEY[:-1]}, candidates)"
            f" SELECT {_key('c')}, COUNT(*) FROM {CANDIDATE} c"
            + ("" if district_id is None else f" WHERE c.district_id = {int(district_id)}")
            + " GROUP BY 1, 2, 3, 4, 5"
        )


KEPT = KeptTriggers(
    table=TALLY,
    postgresql=POSTGRESQL,
    drop_postgresql=DROP_POSTGRESQL,
    sqlite=SQLITE,
    names=["kept_bench", "kept_bench_change"],
    count_again=count_again,
)
install, uninstall, reinstall_if_missing = KEPT.install, KEPT.uninstall, KEPT.reinstall_if_missing


def _school_filter(school_ids):
    if school_ids is None:
        return "", []
    return f" AND school_id IN ({', '.join(['%s'] * len(school_ids)) or 'NULL'})", school_ids


def ready_on_bench(district_id, school_ids=None):
    """{"now": n, "later": n}: candidates still on the bench, ready now and ready in 1-2
    years, in the district or at `school_ids` (a principal's). One query."""
    where, params = _school_filter(school_ids)
    found = dict(
        fetch_rows(
            f"SELECT readiness, SUM(candidates) FROM {TALLY} WHERE district_id = %s"
            f" AND on_bench AND readiness IN ('ready_now', 'ready_later'){where}"
            " GROUP BY readiness",
            [district_id, *params],
        )
    )
    return {"now": int(found.get("ready_now") or 0), "later": int(found.get("ready_later") or 0)}


def ready_by_school(district_id, school_ids=None):
    """(sql, params) of rows (school_id, a: ready now, b: ready later) of candidates still on
    the bench who aim to lead a school, only at `school_ids` when given (a principal's): the
    numbers `dashboard.neediest_in_sql` chooses by."""
    where, params = _school_filter(school_ids)
    return (
        "SELECT school_id,"
        " SUM(CASE WHEN readiness = 'ready_now' THEN candidates ELSE 0 END) AS a,"
        " SUM(CASE WHEN readiness = 'ready_later' THEN candidates ELSE 0 END) AS b"
        f" FROM {TALLY} WHERE district_id = %s AND on_bench AND aims_at_school{where}"
        " GROUP BY school_id",
        [district_id, *params],
    )
