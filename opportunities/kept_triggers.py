"""The plumbing every count kept by database triggers shares: making the triggers (again),
dropping them, and making them again after `migrate` when a migration dropped them (SQLite
rebuilds a table it alters, without its triggers). Used by opportunities/kept_reach.py,
pipeline/kept_nominations.py and pipeline/kept_bench.py."""

from django.db import connections, transaction


def trigger_names(connection):
    """The names of the triggers the database has."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {name for (name,) in cursor.fetchall()}


class KeptTriggers:
    """`postgresql`: the script that makes the functions and triggers; `drop_postgresql`
    the one that drops them. `sqlite`: {trigger name: CREATE TRIGGER statement}. `names`:
    the PostgreSQL trigger names. `count_again(connection)`: every row counted from scratch.
    `table`: a table of the kept rows (gone when migrated back before it)."""

    def __init__(self, *, table, postgresql, drop_postgresql, sqlite, names, count_again):
        self.table = table
        self.postgresql, self.drop_postgresql = postgresql, drop_postgresql
        self.sqlite, self.names = sqlite, names
        self.count_again = count_again

    def make(self, connection):
        """Create (or create again) the triggers, counting nothing."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # PostgreSQL alters no table with foreign-key checks still waiting in the
                # transaction (rows inserted just before): make them now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED")
                cursor.execute(self.postgresql)
            else:
                self._drop_sqlite(cursor)
                for statement in self.sqlite.values():
                    cursor.execute(statement)

    def install(self, connection):
        """Create (or create again) the triggers, then count every row."""
        with transaction.atomic(using=connection.alias):
            self.make(connection)
            self.count_again(connection)

    def uninstall(self, connection):
        """Drop the triggers (the rows stay, no longer kept)."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE; SET CONSTRAINTS ALL DEFERRED")
                cursor.execute(self.drop_postgresql)
            else:
                self._drop_sqlite(cursor)

    def _drop_sqlite(self, cursor):
        for name in self.sqlite:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")

    def reinstall_if_missing(self, sender, using, **kwargs):
        """After `migrate`: make the triggers again if a migration dropped them, and count
        every row again."""
        connection = connections[using]
        if self.table not in connection.introspection.table_names():
            return  # migrated back to before the table
        wanted = self.names if connection.vendor == "postgresql" else list(self.sqlite)
        if not set(wanted) <= trigger_names(connection):
            self.install(connection)


def add_one(table, key, values, column="candidates"):
    """SQL that adds one to `column` of the row of `table` whose `key` ("(a, b)") has the
    `values` (SQL "x, y"), making the row if it is missing."""
    return f"""
    INSERT INTO {table} {key[:-1]}, {column}) VALUES ({values}, 1)
    ON CONFLICT {key} DO UPDATE SET {column} = {table}.{column} + 1;
    """


def take_one(table, key, values, column="candidates"):
    """SQL that takes one from `column` of the row of `table` whose `key` has the `values`."""
    return f"""
    UPDATE {table} SET {column} = {column} - 1 WHERE ({key[1:-1]}) = ({values});
    """
