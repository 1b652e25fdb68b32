"""The one-draft-per-prompt constraint arrives on databases that already hold duplicate
drafts (an autosave with a new key made a new draft each time): the migration merges each
person's drafts of one prompt into the latest first, then adds the constraint."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

# Leadership as it was then too: its later migrations (updated_at on people) post-date this one.
BEFORE = [
    ("portrait", "0004_reflection_rating_history_index"),
    ("leadership", "0005_pipeline_models_move"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_it_merges_duplicate_drafts_into_the_latest():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE)
        Reflection = old.get_model("portrait", "Reflection")
        district = old.get_model("leadership", "District").objects.create(name="D", slug="d")
        person = old.get_model("leadership", "User").objects.create(email="t@d.test", password="!")
        framework = old.get_model("portrait", "Framework").objects.create(district=district)
        attribute = old.get_model("portrait", "Attribute").objects.create(
            framework=framework, name="Empathy", slug="empathy", summary="Sees others."
        )
        prompts = [
            old.get_model("portrait", "ReflectionPrompt").objects.create(
                attribute=attribute, text=text
            )
            for text in ("When did you listen?", "Whom did you ask?")
        ]

        def draft(prompt, response, minutes_ago, **extra):
            made = Reflection.objects.create(
                district=district,
                author=person,
                prompt=prompt,
                attribute=attribute,
                response=response,
                **extra,
            )
            when = timezone.now() - datetime.timedelta(minutes=minutes_ago)
            Reflection.objects.filter(pk=made.pk).update(updated_at=when)
            return made

        draft(prompts[0], "first words", 30, evidence_link="https://example.test/notes")
        draft(prompts[0], "more words", 20)
        kept = draft(prompts[0], "the latest words", 10)
        alone = draft(prompts[1], "another prompt", 40)
        submitted = draft(prompts[0], "sent", 50, status="submitted", submitted_at=timezone.now())

        new = _migrate(latest)

        Reflection = new.get_model("portrait", "Reflection")
        assert set(Reflection.objects.values_list("pk", flat=True)) == {
            kept.pk,
            alone.pk,
            submitted.pk,
        }
        merged = Reflection.objects.get(pk=kept.pk)
        assert merged.response == "the latest words"
        assert merged.evidence_link == "https://example.test/notes"
    finally:
        _migrate(latest)  # leave the test database as every other test expects it
