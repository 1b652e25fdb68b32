"""Candidate, its history, Demographics and ImportRun moved from leadership to pipeline, and
Outbox and Notification from programs to notices, keeping their tables: a database at the
migrations before the move, with rows in it, migrates forward and finds every row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("leadership", "0004_user_name_search_index"),
    ("programs", "0004_nomination_queue_index"),
    ("portrait", "0004_reflection_rating_history_index"),
    ("opportunities", "0001_initial"),
    ("notices", None),  # the apps that did not exist yet
    ("pipeline", None),
]
MOVED = [
    ("leadership", "pipeline", ["candidate", "candidatechange", "demographics", "importrun"]),
    ("programs", "notices", ["outbox", "notification"]),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def _rows_before_the_move(old):
    """One row of each moved model, written through the models as they were."""
    District = old.get_model("leadership", "District")
    User = old.get_model("leadership", "User")
    ContentType = old.get_model("contenttypes", "ContentType")
    for app, _, models in MOVED:
        for model in models:
            ContentType.objects.get_or_create(app_label=app, model=model)
    district = District.objects.create(name="Old Town Schools", slug="old-town")
    person = User.objects.create(email="rosa@old.test", full_name="Rosa Alvarez", password="!")
    candidate = old.get_model("leadership", "Candidate").objects.create(
        district=district, user=person, stage="ready_now", target_role="Assistant principal"
    )
    old.get_model("leadership", "CandidateChange").objects.create(
        candidate=candidate, field="stage", old_value="ready_later", new_value="ready_now"
    )
    old.get_model("leadership", "Demographics").objects.create(user=person, gender="woman")
    old.get_model("leadership", "ImportRun").objects.create(
        district=district,
        file_name="roster.zip",
        file_sha256="0" * 64,
        content=b"x",
        format="simple",
    )
    old.get_model("programs", "Outbox").objects.create(
        key="k1",
        kind="test",
        recipient=person,
        to_email=person.email,
        subject="Hello",
        text="Hi",
        message_id="<k1@deepbench.invalid>",
        sent_at=timezone.now(),
    )
    old.get_model("programs", "Notification").objects.create(
        key="k1", recipient=person, district=district, text="Hello"
    )
    return district, person


@pytest.mark.django_db(transaction=True)
def test_it_keeps_every_row_when_the_models_change_app():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        old = _migrate(BEFORE)
        district, person = _rows_before_the_move(old)

        new = _migrate(latest)

        candidate = new.get_model("pipeline", "Candidate").objects.get()
        assert (candidate.district_id, candidate.user_id) == (district.pk, person.pk)
        assert candidate.stage == "ready_now"
        assert candidate.target_role == "Assistant principal"
        change = new.get_model("pipeline", "CandidateChange").objects.get()
        assert change.candidate_id == candidate.pk and change.new_value == "ready_now"
        assert new.get_model("pipeline", "Demographics").objects.get().gender == "woman"
        assert new.get_model("pipeline", "ImportRun").objects.get().file_name == "roster.zip"
        outbox = new.get_model("notices", "Outbox").objects.get()
        assert outbox.key == "k1" and outbox.sent_at is not None  # never sent again
        assert new.get_model("notices", "Notification").objects.get().text == "Hello"
        ContentType = new.get_model("contenttypes", "ContentType")
        for old_app, new_app, models in MOVED:
            assert not ContentType.objects.filter(app_label=old_app, model__in=models).exists()
            assert ContentType.objects.filter(app_label=new_app, model__in=models).count() == len(
                models
            )
        tables = connection.introspection.table_names()
        assert "leadership_candidate" in tables and "programs_outbox" in tables
    finally:
        _migrate(latest)  # leave the test database as every other test expects it
