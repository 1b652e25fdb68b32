"""An index for the candidate list's default order (name, then id).

RunSQL rather than a Meta index so the User model stays untouched; the list sorts 30,000
candidates by `leadership_user.full_name` and shows 25.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("leadership", "0002_demographics_importrun")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX leadership_user_full_name_id ON leadership_user (full_name, id)",
            reverse_sql="DROP INDEX leadership_user_full_name_id",
        ),
    ]
