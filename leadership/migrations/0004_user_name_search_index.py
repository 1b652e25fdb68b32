"""A trigram index for the candidate list's name search ("Name contains"), on PostgreSQL.

The search is `UPPER(full_name) LIKE UPPER('%...%')`, which no b-tree can serve; pg_trgm's
GIN index on the same expression can (62 ms -> 20 ms at 150,000 people). pg_trgm ships with
PostgreSQL and is a trusted extension, so the database owner may create it. Where it is
not available the migration leaves the search unindexed (slower, still correct) and says
so. Other databases need nothing.
"""

from django.db import migrations

INDEX = "leadership_user_full_name_trgm"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            print(f"\n  pg_trgm is not installed on this server: {INDEX} not created.")
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON leadership_user "
            "USING gin (UPPER(full_name) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("leadership", "0003_user_full_name_index")]

    operations = [migrations.RunPython(create, drop)]
