"""One draft per person and prompt. An autosave with a new key used to make a new draft
each time; before the constraint, each person's drafts of one prompt are merged into the
latest (its text; a file or link an earlier draft had and the latest has not)."""

from django.db import migrations, models
from django.db.models import Count


def merge_duplicate_drafts(apps, schema_editor):
    Reflection = apps.get_model("portrait", "Reflection")
    drafts = Reflection.objects.filter(status="draft")
    repeated = drafts.values("author_id", "prompt_id").annotate(n=Count("id")).filter(n__gt=1)
    for pair in repeated.iterator():
        latest, *older = drafts.filter(
            author_id=pair["author_id"], prompt_id=pair["prompt_id"]
        ).order_by("-updated_at", "-id")
        for draft in older:
            if not latest.evidence_file and draft.evidence_file:
                latest.evidence_file = draft.evidence_file
            if not latest.evidence_link and draft.evidence_link:
                latest.evidence_link = draft.evidence_link
        latest.save(update_fields=["evidence_file", "evidence_link"])
        Reflection.objects.filter(pk__in=[draft.pk for draft in older]).delete()


class Migration(migrations.Migration):
    # The merge commits on its own before the constraint is built: on PostgreSQL, deleting
    # drafts leaves deferred foreign-key checks pending, and an index cannot be created in
    # a transaction that still has them.
    atomic = False

    dependencies = [
        ("portrait", "0004_reflection_rating_history_index"),
    ]

    operations = [
        migrations.RunPython(merge_duplicate_drafts, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="reflection",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status", "draft")),
                fields=("author", "prompt"),
                name="reflection_one_draft_per_prompt",
            ),
        ),
    ]
