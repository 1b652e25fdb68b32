"""Each person's first and latest self-rating of each attribute, kept by the database itself.

The dashboard's growth figure (pipeline/dashboard.py `growth`) is the average change from a
person's first to latest self-rating. Counted from the reflections, that is a window over
every submitted rating in the district (about 270,000 at the large size, 0.2 s); read from
`RatingSpan`, one row per person and attribute, it is a small sum.

A row is right after every change because triggers on the reflections table count it
again, in the same transaction, whenever a submitted reflection of its person and attribute
is added, changed or deleted: saves, `bulk_create` (the large seed), `update()` and cascades
alike, on PostgreSQL and SQLite. Two rows per person and attribute: one over every submitted
rating (what a district admin sees), one over the ratings shared with the principal.

SQLite drops a table's triggers when a migration rebuilds the table, so after every
`migrate` (`reinstall_if_missing`, connected in pipeline/apps.py) missing triggers are made
again and every row counted again.
"""

from contextlib import contextmanager

from django.db import connections, models


class RatingSpan(models.Model):
    # Plain ids, not foreign keys: the rows belong to the triggers, never to Django's deletes.
    district_id = models.BigIntegerField()
    author_id = models.BigIntegerField()
    attribute_id = models.BigIntegerField()
    shared_only = models.BooleanField()
    times = models.PositiveIntegerField()
    first_rating = models.PositiveSmallIntegerField()
    last_rating = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["district_id", "author_id", "attribute_id", "shared_only"],
                name="rating_span_one_per_person",
            )
        ]
        indexes = [models.Index(fields=["district_id", "shared_only", "attribute_id"])]

    def __str__(self):
        return f"Ratings of attribute {self.attribute_id} by person {self.author_id}"


COUNTED = "r.status = 'submitted' AND r.self_rating IS NOT NULL"
SAME = (
    "r.district_id = {row}.district_id AND r.author_id = {row}.author_id"
    " AND r.attribute_id = {row}.attribute_id AND (NOT v.shared_only OR r.shared_with_principal)"
)
# Count again the two rows of the person and attribute of `{row}` (NEW or OLD in a trigger).
REFRESH = f"""
DELETE FROM pipeline_ratingspan WHERE district_id = {{row}}.district_id
    AND author_id = {{row}}.author_id AND attribute_id = {{row}}.attribute_id;
INSERT INTO pipeline_ratingspan
    (district_id, author_id, attribute_id, shared_only, times, first_rating, last_rating)
SELECT * FROM (
    SELECT {{row}}.district_id, {{row}}.author_id, {{row}}.attribute_id, v.shared_only,
        (SELECT COUNT(*) FROM portrait_reflection r WHERE {SAME} AND {COUNTED}) AS times,
        (SELECT r.self_rating FROM portrait_reflection r WHERE {SAME} AND {COUNTED}
            ORDER BY r.submitted_at, r.id LIMIT 1),
        (SELECT r.self_rating FROM portrait_reflection r WHERE {SAME} AND {COUNTED}
            ORDER BY r.submitted_at DESC, r.id DESC LIMIT 1)
    FROM (SELECT FALSE AS shared_only UNION ALL SELECT TRUE) v
) counted WHERE counted.times > 0;
"""

POSTGRESQL = f"""
CREATE OR REPLACE FUNCTION pipeline_ratingspan_refresh() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' AND OLD.status = 'submitted' THEN
        -- One writer per person at a time, so a count never misses a concurrent commit (a
        -- row lock: advisory locks would fill the lock table in a bulk insert).
        PERFORM 1 FROM leadership_user WHERE id = OLD.author_id FOR NO KEY UPDATE;
        {REFRESH.format(row="OLD")}
    END IF;
    IF TG_OP <> 'DELETE' AND (NEW.status = 'submitted' OR OLD.status = 'submitted') THEN
        PERFORM 1 FROM leadership_user WHERE id = NEW.author_id FOR NO KEY UPDATE;
        {REFRESH.format(row="NEW")}
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS pipeline_ratingspan_refresh ON portrait_reflection;
CREATE TRIGGER pipeline_ratingspan_refresh AFTER INSERT OR UPDATE OR DELETE
    ON portrait_reflection FOR EACH ROW EXECUTE FUNCTION pipeline_ratingspan_refresh();
"""

TRIGGERS = {
    "postgresql": ["pipeline_ratingspan_refresh"],
    "sqlite": [
        "pipeline_ratingspan_insert",
        "pipeline_ratingspan_update",
        "pipeline_ratingspan_delete",
    ],
}

SQLITE = [
    "DROP TRIGGER IF EXISTS pipeline_ratingspan_insert",
    "DROP TRIGGER IF EXISTS pipeline_ratingspan_update",
    "DROP TRIGGER IF EXISTS pipeline_ratingspan_delete",
    f"""CREATE TRIGGER pipeline_ratingspan_insert AFTER INSERT ON portrait_reflection
    WHEN NEW.status = 'submitted' BEGIN {REFRESH.format(row="NEW")} END""",
    f"""CREATE TRIGGER pipeline_ratingspan_update AFTER UPDATE ON portrait_reflection
    WHEN NEW.status = 'submitted' OR OLD.status = 'submitted'
    BEGIN {REFRESH.format(row="OLD")} {REFRESH.format(row="NEW")} END""",
    f"""CREATE TRIGGER pipeline_ratingspan_delete AFTER DELETE ON portrait_reflection
    WHEN OLD.status = 'submitted' BEGIN {REFRESH.format(row="OLD")} END""",
]

# Every row counted from scratch (the migration that adds the table).
REBUILD = f"""
DELETE FROM pipeline_ratingspan;
INSERT INTO pipeline_ratingspan
    (district_id, author_id, attribute_id, shared_only, times, first_rating, last_rating)
SELECT * FROM (
    SELECT p.district_id, p.author_id, p.attribute_id, v.shared_only,
        (SELECT COUNT(*) FROM portrait_reflection r WHERE {SAME.format(row="p")} AND {COUNTED})
            AS times,
        (SELECT r.self_rating FROM portrait_reflection r WHERE {SAME.format(row="p")}
            AND {COUNTED} ORDER BY r.submitted_at, r.id LIMIT 1),
        (SELECT r.self_rating FROM portrait_reflection r WHERE {SAME.format(row="p")}
            AND {COUNTED} ORDER BY r.submitted_at DESC, r.id DESC LIMIT 1)
    FROM (
        SELECT DISTINCT r.district_id, r.author_id, r.attribute_id
        FROM portrait_reflection r WHERE {COUNTED}
    ) p CROSS JOIN (SELECT FALSE AS shared_only UNION ALL SELECT TRUE) v
) counted WHERE counted.times > 0;
"""


def install(connection):
    """Create (or create again) the triggers, then count every row from scratch."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # PostgreSQL alters no table with foreign-key checks still waiting in the
            # transaction (rows inserted just before): make them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(POSTGRESQL)
        else:
            for statement in SQLITE:
                cursor.execute(statement)
        for statement in REBUILD.split(";"):
            if statement.strip():
                cursor.execute(statement)


def uninstall(connection):
    """Drop the triggers (the rows stay, no longer kept)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(
                "DROP TRIGGER IF EXISTS pipeline_ratingspan_refresh ON portrait_reflection;"
                " DROP FUNCTION IF EXISTS pipeline_ratingspan_refresh();"
            )
        else:
            for statement in SQLITE[:3]:
                cursor.execute(statement)


@contextmanager
def counted_at_the_end(connection):
    """Inside a transaction that bulk-inserts reflections (the large seed): no trigger runs
    for each row; every row is counted once at the end (3 s for 300,000 reflections instead
    of a minute)."""
    uninstall(connection)
    yield
    install(connection)


def reinstall_if_missing(sender, using, **kwargs):
    """After `migrate`: make the triggers again if a migration dropped them (SQLite rebuilds
    a table it alters, without its triggers), and count every row again."""
    connection = connections[using]
    if RatingSpan._meta.db_table not in connection.introspection.table_names():
        return  # migrated back to before the table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'portrait_reflection'::regclass"
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        found = {name for (name,) in cursor.fetchall()}
    if not set(TRIGGERS.get(connection.vendor, [])) <= found:
        install(connection)
