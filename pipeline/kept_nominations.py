"""Nominations per school in the open windows, and how many of those nominees are candidates,
kept by the database itself.

Counted from the rows, the dashboard and the schools page read every nomination of the open
windows (60,000 at the large size) twice: once to count them per school, once to find the
nominees who are candidates (about 40 ms together). Kept, they read two small tables:

- `NominationTally`: per district, window and school, how many nominations. Triggers on the
  nominations add and take away one as a nomination is made, moved or deleted.
- `NomineeMark`: per candidate, each (window, school) they were nominated in. Any change to a
  person's nominations or candidacy in a district counts their rows again.

Both are right after every change because the triggers run in the change's own transaction
(saves, `update()`, bulk inserts and cascades, on PostgreSQL and SQLite). The bulk writers
pause them (`pipeline.kept.counted_at_the_end`) and count the district again at the end;
after `migrate`, missing triggers are made again and every row counted.

What they give (`by_school`, `total`, read by `dashboard.kept_numbers` and
`dashboard.nominations`) is what `dashboard.nomination_counts` counts from the rows for a
district admin (every nomination at the district's schools) or a principal (every
nomination at their schools); anybody else's are counted from the rows.
"""

from django.db import models

from leadership.sql import fetch_rows
from opportunities import kept_reach
from opportunities.kept_triggers import KeptTriggers


class NominationTally(models.Model):
    # Plain ids, not foreign keys: the rows belong to the triggers, never to Django's deletes.
    district_id = models.BigIntegerField()
    window_id = models.BigIntegerField()
    school_id = models.BigIntegerField()
    nominations = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["district_id", "window_id", "school_id"], name="nomination_tally_one"
            )
        ]

    def __str__(self):
        return f"Nominations at school {self.school_id} in window {self.window_id}"


class NomineeMark(models.Model):
    district_id = models.BigIntegerField()
    user_id = models.BigIntegerField()
    candidate_id = models.BigIntegerField()
    candidate_school_id = models.BigIntegerField(null=True)
    window_id = models.BigIntegerField()
    school_id = models.BigIntegerField()  # the nomination's

    class Meta:
        indexes = [
            models.Index(fields=["district_id", "user_id"]),
            models.Index(fields=["district_id", "window_id"]),
        ]

    def __str__(self):
        return f"Candidate {self.candidate_id} nominated in window {self.window_id}"


TALLY = "pipeline_nominationtally"
MARK = "pipeline_nomineemark"
NOMINATION = "programs_nomination"
CANDIDATE = "leadership_candidate"

MARKS_OF = f"""
    SELECT DISTINCT c.district_id, c.user_id, c.id, c.school_id, n.window_id, n.school_id
    FROM {CANDIDATE} c JOIN {NOMINATION} n
        ON n.nominee_id = c.user_id AND n.district_id = c.district_id
"""
MARK_COLUMNS = "(district_id, user_id, candidate_id, candidate_school_id, window_id, school_id)"


def _refresh(d, u):
    """Count again the marks of person `u` in district `d` (SQL expressions)."""
    return f"""
    DELETE FROM {MARK} WHERE district_id = {d} AND user_id = {u};
    INSERT INTO {MARK} {MARK_COLUMNS} {MARKS_OF} WHERE c.district_id = {d} AND c.user_id = {u};
    """


def _tally(row, step):
    if step > 0:
        return f"""
        INSERT INTO {TALLY} (district_id, window_id, school_id, nominations)
        VALUES ({row}.district_id, {row}.window_id, {row}.school_id, 1)
        ON CONFLICT (district_id, window_id, school_id)
        DO UPDATE SET nominations = {TALLY}.nominations + 1;
        """
    return f"""
    UPDATE {TALLY} SET nominations = nominations - 1 WHERE district_id = {row}.district_id
        AND window_id = {row}.window_id AND school_id = {row}.school_id;
    """


NOMINATION_CHANGED = {
    "postgresql": "OLD.district_id <> NEW.district_id OR OLD.window_id <> NEW.window_id"
    " OR OLD.school_id <> NEW.school_id OR OLD.nominee_id <> NEW.nominee_id",
    "sqlite": "OLD.district_id IS NOT NEW.district_id OR OLD.window_id IS NOT NEW.window_id"
    " OR OLD.school_id IS NOT NEW.school_id OR OLD.nominee_id IS NOT NEW.nominee_id",
}
CANDIDATE_CHANGED = {
    "postgresql": "OLD.district_id <> NEW.district_id OR OLD.user_id <> NEW.user_id"
    " OR OLD.school_id IS DISTINCT FROM NEW.school_id",
    "sqlite": "OLD.district_id IS NOT NEW.district_id OR OLD.user_id IS NOT NEW.user_id"
    " OR OLD.school_id IS NOT NEW.school_id",
}

POSTGRESQL = f"""
CREATE OR REPLACE FUNCTION kept_nominee_refresh(d bigint, u bigint) RETURNS void AS $$
BEGIN
    -- One writer per person at a time, so a count never misses a concurrent commit.
    PERFORM 1 FROM leadership_user WHERE id = u FOR NO KEY UPDATE;
    {_refresh("d", "u")}
END $$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION kept_nomination() RETURNS trigger AS $$
BEGIN
    IF {kept_reach.PAUSED_PG} THEN RETURN NULL; END IF;
    IF TG_OP <> 'INSERT' THEN
        {_tally("OLD", -1)}
        PERFORM kept_nominee_refresh(OLD.district_id, OLD.nominee_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        {_tally("NEW", 1)}
        PERFORM kept_nominee_refresh(NEW.district_id, NEW.nominee_id);
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS kept_nomination ON {NOMINATION};
CREATE TRIGGER kept_nomination AFTER INSERT OR DELETE ON {NOMINATION}
    FOR EACH ROW EXECUTE FUNCTION kept_nomination();
DROP TRIGGER IF EXISTS kept_nomination_change ON {NOMINATION};
CREATE TRIGGER kept_nomination_change AFTER UPDATE ON {NOMINATION} FOR EACH ROW
    WHEN ({NOMINATION_CHANGED["postgresql"]}) EXECUTE FUNCTION kept_nomination();

CREATE OR REPLACE FUNCTION kept_candidate() RETURNS trigger AS $$
BEGIN
    IF {kept_reach.PAUSED_PG} THEN RETURN NULL; END IF;
    IF TG_OP <> 'INSERT' THEN PERFORM kept_nominee_refresh(OLD.district_id, OLD.user_id); END IF;
    IF TG_OP <> 'DELETE' THEN PERFORM kept_nominee_refresh(NEW.district_id, NEW.user_id); END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS kept_candidate ON {CANDIDATE};
CREATE TRIGGER kept_candidate AFTER INSERT OR DELETE ON {CANDIDATE}
    FOR EACH ROW EXECUTE FUNCTION kept_candidate();
DROP TRIGGER IF EXISTS kept_candidate_change ON {CANDIDATE};
CREATE TRIGGER kept_candidate_change AFTER UPDATE ON {CANDIDATE} FOR EACH ROW
    WHEN ({CANDIDATE_CHANGED["postgresql"]}) EXECUTE FUNCTION kept_candidate();
"""

DROP_POSTGRESQL = f"""
DROP TRIGGER IF EXISTS kept_nomination ON {NOMINATION};
DROP TRIGGER IF EXISTS kept_nomination_change ON {NOMINATION};
DROP TRIGGER IF EXISTS kept_candidate ON {CANDIDATE};
DROP TRIGGER IF EXISTS kept_candidate_change ON {CANDIDATE};
DROP FUNCTION IF EXISTS kept_nomination();
DROP FUNCTION IF EXISTS kept_candidate();
DROP FUNCTION IF EXISTS kept_nominee_refresh(bigint, bigint);
"""


def _sqlite():
    def trigger(name, when, table, condition, body):
        extra = f" AND ({condition})" if condition else ""
        return (
            f"CREATE TRIGGER {name} AFTER {when} ON {table} WHEN {kept_reach.RUNNING}{extra}"
            f" BEGIN {body} END"
        )

    def nominee(row):
        return _refresh(f"{row}.district_id", f"{row}.nominee_id")

    def candidate(row):
        return _refresh(f"{row}.district_id", f"{row}.user_id")

    return [
        trigger(
            "kept_nomination_insert", "INSERT", NOMINATION, "", _tally("NEW", 1) + nominee("NEW")
        ),
        trigger(
            "kept_nomination_delete", "DELETE", NOMINATION, "", _tally("OLD", -1) + nominee("OLD")
        ),
        trigger(
            "kept_nomination_update",
            "UPDATE",
            NOMINATION,
            NOMINATION_CHANGED["sqlite"],
            _tally("OLD", -1) + _tally("NEW", 1) + nominee("OLD") + nominee("NEW"),
        ),
        trigger("kept_candidate_insert", "INSERT", CANDIDATE, "", candidate("NEW")),
        trigger("kept_candidate_delete", "DELETE", CANDIDATE, "", candidate("OLD")),
        trigger(
            "kept_candidate_update",
            "UPDATE",
            CANDIDATE,
            CANDIDATE_CHANGED["sqlite"],
            candidate("OLD") + candidate("NEW"),
        ),
    ]


TRIGGERS = {
    "postgresql": [
        "kept_nomination",
        "kept_nomination_change",
        "kept_candidate",
        "kept_candidate_change",
    ],
    "sqlite": [
        f"kept_{table}_{op}"
        for table in ("nomination", "candidate")
        for op in ("insert", "delete", "update")
    ],
}


def count_again(connection, district_id=None):
    """Every row of the district (or of every district) counted again from scratch, the
    triggers paused while it is done."""
    only = "" if district_id is None else f" WHERE district_id = {int(district_id)}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Writers wait for the count (their triggers would race it); readers do not.
            cursor.execute(f"LOCK TABLE {MARK}, {TALLY} IN SHARE ROW EXCLUSIVE MODE")
        with kept_reach.paused(connection):
            cursor.execute(f"DELETE FROM {MARK}{only}")
            cursor.execute(f"DELETE FROM {TALLY}{only}")
            cursor.execute(
                f"INSERT INTO {MARK} {MARK_COLUMNS} {MARKS_OF}"
                + ("" if district_id is None else f" WHERE c.district_id = {int(district_id)}")
            )
            cursor.execute(
                f"""INSERT INTO {TALLY} (district_id, window_id, school_id, nominations)
                SELECT district_id, window_id, school_id, COUNT(*) FROM {NOMINATION}{only}
                GROUP BY district_id, window_id, school_id"""
            )


KEPT = KeptTriggers(
    table=MARK,
    postgresql=POSTGRESQL,
    drop_postgresql=DROP_POSTGRESQL,
    sqlite=dict(zip(TRIGGERS["sqlite"], _sqlite(), strict=True)),
    names=TRIGGERS["postgresql"],
    count_again=count_again,
)
install, uninstall, reinstall_if_missing = KEPT.install, KEPT.uninstall, KEPT.reinstall_if_missing


def _in(values):
    return ", ".join(["%s"] * len(values)) or "NULL"


def by_school(district_id, window_ids, schools_sql, candidate_school_ids=None):
    """(sql, params) of rows (school_id, a: nominations in the windows at the school, b: of
    the candidates of the school, how many were nominated in them), counting nominations at
    the schools of `schools_sql` ((sql, params) of school ids); `candidate_school_ids`, when
    given, keeps only the candidates of those schools (a principal's). What
    `dashboard.neediest_in_sql` chooses by."""
    sql, params = schools_sql
    of_candidates, candidate_params = "", []
    if candidate_school_ids is not None:
        of_candidates = f" AND k.candidate_school_id IN ({_in(candidate_school_ids)})"
        candidate_params = list(candidate_school_ids)
    return (
        f"""SELECT n.school_id, SUM(n.a) AS a, SUM(n.b) AS b FROM (
            SELECT t.school_id, t.nominations AS a, 0 AS b FROM {TALLY} t
            WHERE t.district_id = %s AND t.window_id IN ({_in(window_ids)})
            UNION ALL
            SELECT k.candidate_school_id, 0, COUNT(DISTINCT k.candidate_id) FROM {MARK} k
            WHERE k.district_id = %s AND k.window_id IN ({_in(window_ids)})
                AND k.school_id IN ({sql}){of_candidates}
            GROUP BY k.candidate_school_id
        ) n GROUP BY n.school_id""",
        [district_id, *window_ids, district_id, *window_ids, *params, *candidate_params],
    )


def total(district_id, window_ids, schools_sql):
    """Nominations in the windows at the schools of `schools_sql`. One query."""
    if not window_ids:
        return 0
    sql, params = schools_sql
    ((found,),) = fetch_rows(
        f"SELECT SUM(nominations) FROM {TALLY} WHERE district_id = %s"
        f" AND window_id IN ({_in(window_ids)}) AND school_id IN ({sql})",
        [district_id, *window_ids, *params],
    )
    return int(found or 0)
