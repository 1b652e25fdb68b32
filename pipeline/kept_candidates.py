"""A district's candidates by stage, level and what they shared, and their growth, kept by
the database itself.

A district admin's dashboard reads every candidate of the district (30,000 at the large
size) for the funnel (people per stage and level they lead at) and for representation (per
stage, by the gender and race they chose to share), and every person's rating span
(pipeline/rating_spans.py) joined to the candidates for growth. Two tallies keep these per
district, in the same transaction as every change (triggers on PostgreSQL and SQLite;
the bulk writers pause them and count again at the end, `pipeline.kept.counted_at_the_end`;
after `migrate` missing triggers are made again):

- `CandidateTally`: per district, level, stage, gender and race (as stored, '' when the
  person shared nothing or has no row), how many candidates. A candidate made, changed or
  deleted moves one; a person's demographics made, changed or deleted move their candidates.
- `GrowthTally`: per district, attribute and whether only ratings shared with the principal
  count, how many candidates have rated the attribute at least twice and the sum of their
  change from first to latest rating. A rating span made, changed or deleted moves its
  person's part when they are a candidate of its district; a candidate made or deleted
  moves every span of theirs.

District-wide only: a principal's figures (their schools' candidates) are counted from the
rows, which are few. On PostgreSQL each trigger first locks the person's user row, as the
rating spans' trigger does, so two transactions changing the same person (a candidate and
their demographics, a candidate and their reflections) are kept one after the other.
"""

from django.db import models

from leadership.sql import fetch_rows
from opportunities import kept_reach
from opportunities.kept_triggers import KeptTriggers, add_one, take_one


class CandidateTally(models.Model):
    district_id = models.BigIntegerField()
    current_level = models.CharField(max_length=20)
    stage = models.CharField(max_length=20)
    gender = models.CharField(max_length=20)  # '': nothing shared
    race_ethnicity = models.CharField(max_length=20)
    candidates = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["district_id", "current_level", "stage", "gender", "race_ethnicity"],
                name="candidate_tally_one",
            )
        ]

    def __str__(self):
        return f"Candidates {self.stage} at {self.current_level} level"


class GrowthTally(models.Model):
    district_id = models.BigIntegerField()
    shared_only = models.BooleanField()
    attribute_id = models.BigIntegerField()
    people = models.IntegerField()  # candidates who rated the attribute at least twice
    change = models.BigIntegerField()  # the sum of their latest rating minus their first

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["district_id", "shared_only", "attribute_id"], name="growth_tally_one"
            )
        ]

    def __str__(self):
        return f"Growth in attribute {self.attribute_id}"


TALLY = "pipeline_candidatetally"
GROWTH = "pipeline_growthtally"
CANDIDATE = "leadership_candidate"
DEMOGRAPHICS = "leadership_demographics"
SPAN = "pipeline_ratingspan"
KEY = "(district_id, current_level, stage, gender, race_ethnicity)"
GROWTH_KEY = "(district_id, shared_only, attribute_id)"


def _shared(field, user):
    return f"COALESCE((SELECT d.{field} FROM {DEMOGRAPHICS} d WHERE d.user_id = {user}), '')"


def _candidate_key(row):
    return (
        f"{row}.district_id, {row}.current_level, {row}.stage,"
        f" {_shared('gender', f'{row}.user_id')}, {_shared('race_ethnicity', f'{row}.user_id')}"
    )


def _add_candidate(row):
    return add_one(TALLY, KEY, _candidate_key(row))


def _take_candidate(row):
    return take_one(TALLY, KEY, _candidate_key(row))


def _move_shared(user, before, after):
    """The candidates of `user` move from the tally row of what they shared `before`
    ((gender, race) SQL) to that of `after`."""
    return f"""
    UPDATE {TALLY} SET candidates = candidates - (
        SELECT COUNT(*) FROM {CANDIDATE} c WHERE c.user_id = {user}
        AND c.district_id = {TALLY}.district_id AND c.current_level = {TALLY}.current_level
        AND c.stage = {TALLY}.stage)
    WHERE gender = {before[0]} AND race_ethnicity = {before[1]}
        AND district_id IN (SELECT c.district_id FROM {CANDIDATE} c WHERE c.user_id = {user});
    INSERT INTO {TALLY} {KEY[:-1]}, candidates)
    SELECT c.district_id, c.current_level, c.stage, {after[0]}, {after[1]}, COUNT(*)
    FROM {CANDIDATE} c WHERE c.user_id = {user}
    GROUP BY c.district_id, c.current_level, c.stage
    ON CONFLICT {KEY} DO UPDATE SET candidates = {TALLY}.candidates + EXCLUDED.candidates;
    """


def _shared_by(row):
    return (f"COALESCE({row}.gender, '')", f"COALESCE({row}.race_ethnicity, '')")


NOTHING_SHARED = ("''", "''")

IS_CANDIDATE = (
    f"EXISTS (SELECT 1 FROM {CANDIDATE} c"
    " WHERE c.district_id = {row}.district_id AND c.user_id = {row}.author_id)"
)


def _add_span(row):
    return f"""
    INSERT INTO {GROWTH} {GROWTH_KEY[:-1]}, people, change)
    SELECT {row}.district_id, {row}.shared_only, {row}.attribute_id, 1,
        {row}.last_rating - {row}.first_rating
    WHERE {row}.times > 1 AND {IS_CANDIDATE.format(row=row)}
    ON CONFLICT {GROWTH_KEY} DO UPDATE SET people = {GROWTH}.people + 1,
        change = {GROWTH}.change + EXCLUDED.change;
    """


def _take_span(row):
    return f"""
    UPDATE {GROWTH} SET people = people - 1,
        change = change - ({row}.last_rating - {row}.first_rating)
    WHERE ({GROWTH_KEY[1:-1]}) = ({row}.district_id, {row}.shared_only, {row}.attribute_id)
        AND {row}.times > 1 AND {IS_CANDIDATE.format(row=row)};
    """


def _spans_of(row):
    return f"s.district_id = {row}.district_id AND s.author_id = {row}.user_id AND s.times > 1"


def _add_spans(row):
    return f"""
    INSERT INTO {GROWTH} {GROWTH_KEY[:-1]}, people, change)
    SELECT s.district_id, s.shared_only, s.attribute_id, COUNT(*),
        SUM(s.last_rating - s.first_rating)
    FROM {SPAN} s WHERE {_spans_of(row)}
    GROUP BY s.district_id, s.shared_only, s.attribute_id
    ON CONFLICT {GROWTH_KEY} DO UPDATE SET people = {GROWTH}.people + EXCLUDED.people,
        change = {GROWTH}.change + EXCLUDED.change;
    """


def _take_spans(row):
    same = (
        f"{_spans_of(row)} AND s.shared_only = {GROWTH}.shared_only"
        f" AND s.attribute_id = {GROWTH}.attribute_id"
    )
    return f"""
    UPDATE {GROWTH} SET
        people = people - (SELECT COUNT(*) FROM {SPAN} s WHERE {same}),
        change = change - (
            SELECT COALESCE(SUM(s.last_rating - s.first_rating), 0) FROM {SPAN} s WHERE {same})
    WHERE district_id = {row}.district_id;
    """


CHANGED = {
    "candidate": {
        "postgresql": "OLD.district_id <> NEW.district_id OR OLD.user_id <> NEW.user_id"
        " OR OLD.current_level <> NEW.current_level OR OLD.stage <> NEW.stage",
        "sqlite": "OLD.district_id IS NOT NEW.district_id OR OLD.user_id IS NOT NEW.user_id"
        " OR OLD.current_level IS NOT NEW.current_level OR OLD.stage IS NOT NEW.stage",
    },
    "demographics": {
        "postgresql": "OLD.user_id <> NEW.user_id OR OLD.gender IS DISTINCT FROM NEW.gender"
        " OR OLD.race_ethnicity IS DISTINCT FROM NEW.race_ethnicity",
        "sqlite": "OLD.user_id IS NOT NEW.user_id OR OLD.gender IS NOT NEW.gender"
        " OR OLD.race_ethnicity IS NOT NEW.race_ethnicity",
    },
    "span": {
        "postgresql": "(OLD.district_id, OLD.author_id, OLD.attribute_id, OLD.shared_only,"
        " OLD.times, OLD.first_rating, OLD.last_rating) IS DISTINCT FROM (NEW.district_id,"
        " NEW.author_id, NEW.attribute_id, NEW.shared_only, NEW.times, NEW.first_rating,"
        " NEW.last_rating)",
        "sqlite": "OLD.district_id IS NOT NEW.district_id OR OLD.author_id IS NOT NEW.author_id"
        " OR OLD.attribute_id IS NOT NEW.attribute_id OR OLD.shared_only IS NOT NEW.shared_only"
        " OR OLD.times IS NOT NEW.times OR OLD.first_rating IS NOT NEW.first_rating"
        " OR OLD.last_rating IS NOT NEW.last_rating",
    },
}

# Whose growth a candidate's row moves: only a change of person or district.
PERSON_MOVED = {
    "postgresql": "OLD.district_id <> NEW.district_id OR OLD.user_id <> NEW.user_id",
    "sqlite": "OLD.district_id IS NOT NEW.district_id OR OLD.user_id IS NOT NEW.user_id",
}


def _lock(user):
    return f"PERFORM 1 FROM leadership_user WHERE id = {user} FOR NO KEY UPDATE;"


# (function, table, body for OLD, body for NEW, person column, condition on an update)
PARTS = [
    (
        "kept_candidates",
        CANDIDATE,
        _take_candidate("OLD"),
        _add_candidate("NEW"),
        "user_id",
        "candidate",
    ),
    ("kept_growth_of_candidate", CANDIDATE, _take_spans("OLD"), _add_spans("NEW"), "user_id", None),
    (
        "kept_candidates_shared",
        DEMOGRAPHICS,
        _move_shared("OLD.user_id", _shared_by("OLD"), NOTHING_SHARED),
        _move_shared("NEW.user_id", NOTHING_SHARED, _shared_by("NEW")),
        "user_id",
        "demographics",
    ),
    ("kept_growth_of_span", SPAN, _take_span("OLD"), _add_span("NEW"), "author_id", "span"),
]


def _postgresql(name, table, old, new, person, changed):
    condition = CHANGED[changed]["postgresql"] if changed else PERSON_MOVED["postgresql"]
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
BEGIN
    IF {kept_reach.PAUSED_PG} THEN RETURN NULL; END IF;
    IF TG_OP <> 'INSERT' THEN {_lock(f"OLD.{person}")} {old} END IF;
    IF TG_OP <> 'DELETE' THEN {_lock(f"NEW.{person}")} {new} END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS {name} ON {table};
CREATE TRIGGER {name} AFTER INSERT OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION {name}();
DROP TRIGGER IF EXISTS {name}_change ON {table};
CREATE TRIGGER {name}_change AFTER UPDATE ON {table} FOR EACH ROW
    WHEN ({condition}) EXECUTE FUNCTION {name}();
"""


def _drop_postgresql(name, table):
    return f"""
DROP TRIGGER IF EXISTS {name} ON {table};
DROP TRIGGER IF EXISTS {name}_change ON {table};
DROP FUNCTION IF EXISTS {name}();
"""


def _sqlite(name, table, old, new, changed):
    condition = CHANGED[changed]["sqlite"] if changed else PERSON_MOVED["sqlite"]
    running = kept_reach.RUNNING
    return {
        f"{name}_insert": f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table}"
        f" WHEN {running} BEGIN {new} END",
        f"{name}_delete": f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table}"
        f" WHEN {running} BEGIN {old} END",
        f"{name}_update": f"CREATE TRIGGER {name}_update AFTER UPDATE ON {table}"
        f" WHEN {running} AND ({condition}) BEGIN {old} {new} END",
    }


POSTGRESQL = "".join(
    _postgresql(name, table, old, new, person, changed)
    for name, table, old, new, person, changed in PARTS
)
DROP_POSTGRESQL = "".join(_drop_postgresql(name, table) for name, table, *_ in PARTS)
SQLITE = {
    trigger: statement
    for name, table, old, new, _, changed in PARTS
    for trigger, statement in _sqlite(name, table, old, new, changed).items()
}


def count_again(connection, district_id=None):
    """Every row of the district (or of every district) counted again from scratch."""
    only = "" if district_id is None else f" WHERE district_id = {int(district_id)}"
    of_district = "" if district_id is None else f" AND c.district_id = {int(district_id)}"
    with connection.cursor() as cursor:
        for table in (TALLY, GROWTH):
            if connection.vendor == "postgresql":
                # Writers wait for the count (their triggers would race it); readers do not.
                cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
            cursor.execute(f"DELETE FROM {table}{only}")
        cursor.execute(
            f"INSERT INTO {TALLY} {KEY[:-1]}, candidates)"
            f" SELECT c.district_id, c.current_level, c.stage, COALESCE(d.gender, ''),"
            f" COALESCE(d.race_ethnicity, ''), COUNT(*) FROM {CANDIDATE} c"
            f" LEFT JOIN {DEMOGRAPHICS} d ON d.user_id = c.user_id WHERE TRUE{of_district}"
            " GROUP BY 1, 2, 3, 4, 5"
        )
        cursor.execute(
            f"INSERT INTO {GROWTH} {GROWTH_KEY[:-1]}, people, change)"
            " SELECT s.district_id, s.shared_only, s.attribute_id, COUNT(*),"
            f" SUM(s.last_rating - s.first_rating) FROM {SPAN} s JOIN {CANDIDATE} c"
            " ON c.district_id = s.district_id AND c.user_id = s.author_id"
            f" WHERE s.times > 1{of_district} GROUP BY 1, 2, 3"
        )


KEPT = KeptTriggers(
    table=TALLY,
    postgresql=POSTGRESQL,
    drop_postgresql=DROP_POSTGRESQL,
    sqlite=SQLITE,
    names=[trigger for name, *_ in PARTS for trigger in (name, f"{name}_change")],
    count_again=count_again,
)
install, uninstall, reinstall_if_missing = KEPT.install, KEPT.uninstall, KEPT.reinstall_if_missing


def candidates_by_stage(district_id):
    """[(level, stage, gender, race, n)]: the district's candidates, as the funnel and
    representation count them (gender and race as stored, '' for nothing shared)."""
    return [
        (level, stage, gender or None, race or None, int(n))
        for level, stage, gender, race, n in fetch_rows(
            f"SELECT current_level, stage, gender, race_ethnicity, candidates FROM {TALLY}"
            " WHERE district_id = %s AND candidates <> 0",
            [district_id],
        )
    ]


def growth(district_id, shared_only):
    """{attribute_id: (people, sum of change)} of the district's candidates rated at least
    twice. One query."""
    return {
        attribute_id: (int(people), int(change))
        for attribute_id, people, change in fetch_rows(
            f"SELECT attribute_id, people, change FROM {GROWTH}"
            " WHERE district_id = %s AND shared_only = %s AND people <> 0",
            [district_id, shared_only],
        )
    }
