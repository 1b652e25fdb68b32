"""The dashboard's counted figures are kept until something they count changes."""

import uuid
from unittest import mock

from django.core.cache import cache

from leadership.models import Level, School
from leadership.tests.helpers import count_queries, require_service
from pipeline import figures, roster
from pipeline.models import Stage
from pipeline.tests.pipeline_data import candidate, framework
from portrait import services as reflections

URL = "/pipeline/"


def funnel_count(body, level_label, stage_label):
    marker = f'<span class="visually-hidden"> {level_label} leaders {stage_label}</span>'
    return int(body.split(marker)[0].rsplit(">", 1)[1])


def test_a_second_visit_is_served_from_the_counted_figures(cast, client_for, district, school):
    candidate(district, school, "Ana Ready", Stage.READY_NOW)
    client = client_for(cast["admin"])
    first, response = count_queries(client, URL)
    with_cache = len_queries(client)
    assert with_cache < first - 10
    assert funnel_count(response.content.decode(), "classroom", "ready now") == 1
    assert "Counted at" in response.content.decode()


def len_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_a_stage_change_is_counted_at_once(cast, client_for, district, school):
    person = candidate(district, school, "Ana Ready", Stage.IDENTIFIED)
    client = client_for(cast["admin"])
    body = client.get(URL).content.decode()
    assert funnel_count(body, "classroom", "ready now") == 0
    response = client.post(
        f"/pipeline/candidates/{person.pk}/change/",
        {"stage": Stage.READY_NOW, "readiness": "ready_now", "note": "Led the data team."},
    )
    assert response.status_code == 302
    body = client.get(URL).content.decode()
    assert funnel_count(body, "classroom", "ready now") == 1


def test_a_submitted_reflection_moves_the_figures_and_a_draft_does_not(cast, district, school):
    _, attribute, prompt = framework(district)
    before = figures.version(figures.REFLECTIONS)
    people = figures.version(figures.PEOPLE)
    draft = reflections.reflection_save(
        author=cast["teacher"], prompt=prompt, key=uuid.uuid4(), response="Half a thought"
    )
    assert figures.version(figures.REFLECTIONS) == before, (
        "an autosaved draft must not make the figures recount"
    )
    draft.self_rating = 2
    draft.save(update_fields=["self_rating"])
    reflections.reflection_submit(reflection=draft, by=cast["teacher"])
    assert figures.version(figures.REFLECTIONS) != before
    assert figures.version(figures.PEOPLE) == people, "people figures need no recount"


def test_growth_on_the_dashboard_follows_a_new_submission(cast, client_for, district, school):
    _, attribute, prompt = framework(district)
    grower = candidate(district, school, "Gro Wer")
    client = client_for(cast["admin"])
    for rating in (1, 3):
        reflection = reflections.reflection_save(
            author=grower.user,
            prompt=prompt,
            key=uuid.uuid4(),
            response="What I tried this week.",
            self_rating=rating,
            submit=True,
        )
        assert reflection.status == "submitted"
        body = client.get(URL).content.decode()
    growth = body[body.index('id="growth-heading"') :]
    assert "2.00" in growth


def test_the_roster_import_moves_the_figures(district):
    before = figures.version(figures.PEOPLE)
    text = (
        "person_id,email,full_name,role,school_id,school_name,job_title\n"
        "p1,new.person@maple.test,New Person,teacher,s9,Maple Grove Elementary,Teacher\n"
    )
    roster.sync(roster.read(text.encode(), "roster.csv"), district, write=True)
    assert School.objects.filter(district=district, name="Maple Grove Elementary").exists()
    assert figures.version(figures.PEOPLE) != before


def test_the_version_moves_again_when_the_transaction_commits(
    district, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        figures.changed()
        during = figures.version(figures.PEOPLE)
    assert figures.version(figures.PEOPLE) != during


def test_an_emptied_cache_counts_again(cast, client_for, district, school):
    client = client_for(cast["admin"])
    client.get(URL)
    cache.clear()
    candidate(district, school, "Late Comer", Stage.READY_NOW, current_level=Level.CLASSROOM)
    assert funnel_count(client.get(URL).content.decode(), "classroom", "ready now") == 1


def test_figures_are_kept_in_redis_as_in_production(settings, cast, client_for, district, school):
    """The production cache: every web process and the worker share it through Redis."""
    broker = settings.CELERY_BROKER_URL
    require_service(broker.startswith(("redis://", "rediss://")), "needs Redis (the broker's)")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": broker.rsplit("/", 1)[0] + "/3",
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    calls = []

    def count():
        calls.append(1)
        return {"ready": 3}

    assert figures.counted("probe", count)["ready"] == 3
    assert figures.counted("probe", count)["ready"] == 3
    assert len(calls) == 1
    figures.changed()
    figures.counted("probe", count)
    assert len(calls) == 2
    candidate(district, school, "Ana Ready", Stage.READY_NOW)
    body = client_for(cast["admin"]).get(URL).content.decode()
    assert funnel_count(body, "classroom", "ready now") == 1
    cache.clear()  # database 3 holds only what this test kept


def test_changes_ask_the_worker_for_one_recount(
    settings, monkeypatch, district, school, django_capture_on_commit_callbacks
):
    from pipeline import tasks

    settings.FIGURES_RECOUNT_SECONDS = 10
    asked = []
    monkeypatch.setattr(tasks.recount_figures, "apply_async", lambda **kw: asked.append(kw))
    with django_capture_on_commit_callbacks(execute=True):
        candidate(district, school, "Ana Ready", Stage.READY_NOW)
        candidate(district, school, "Ben Ready", Stage.READY_NOW)
    assert asked == [{"countdown": 10, "retry": False}]


def test_a_broker_outage_does_not_undo_the_change(
    settings, monkeypatch, district, school, django_capture_on_commit_callbacks, caplog
):
    from pipeline import tasks
    from pipeline.models import Candidate

    def refuse(**kwargs):
        raise ConnectionError("broker down")

    settings.FIGURES_RECOUNT_SECONDS = 10
    monkeypatch.setattr(tasks.recount_figures, "apply_async", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        candidate(district, school, "Ana Ready", Stage.READY_NOW)
    assert Candidate.objects.filter(user__full_name="Ana Ready").exists()
    assert "Could not ask the worker to recount" in caplog.text


def test_the_workers_recount_is_what_an_admin_then_finds(cast, client_for, district, school):
    from pipeline.tasks import recount_figures

    candidate(district, school, "Ana Ready", Stage.READY_NOW)
    client = client_for(cast["admin"])
    counting_itself, _ = count_queries(client, URL)  # empties the cache first
    cache.clear()
    assert recount_figures() >= 1  # Maple Grove and the outsider's district
    kept = len_queries(client)
    assert kept < counting_itself - 10
    body = client.get(URL).content.decode()
    assert funnel_count(body, "classroom", "ready now") == 1
    assert client.get("/pipeline/schools/").status_code == 200


def test_figures_kept_yesterday_are_counted_again_today(district):
    import datetime

    from django.utils import timezone

    calls = []

    def count():
        calls.append(1)
        return {}

    figures.counted("probe", count)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with mock.patch("pipeline.figures.timezone.localdate", return_value=tomorrow):
        figures.counted("probe", count)
    figures.counted("probe", count)
    assert len(calls) == 2


def test_with_the_cache_down_changes_save_and_pages_count_afresh(
    settings, cast, client_for, district, school, caplog
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    person = candidate(district, school, "Ana Ready", Stage.IDENTIFIED)
    person.stage = Stage.READY_NOW
    person.save()
    body = client_for(cast["admin"]).get(URL).content.decode()
    assert funnel_count(body, "classroom", "ready now") == 1
    assert "The cache did not answer" in caplog.text


def _drew_the_body(response):
    return "pipeline/_dashboard_body.html" in [t.name for t in response.templates]


def test_a_second_visit_is_not_drawn_again_until_the_figures_change(
    cast, client_for, district, school
):
    person = candidate(district, school, "Ana Ready", Stage.IDENTIFIED)
    admin = client_for(cast["admin"])
    assert _drew_the_body(admin.get(URL))
    again = admin.get(URL)
    assert not _drew_the_body(again)
    assert funnel_count(again.content.decode(), "classroom", "ready now") == 0
    # Another viewer of other schools gets their own drawing, never the admin's.
    principal = client_for(cast["principal"]).get(URL)
    assert _drew_the_body(principal)
    assert f"The pipeline at {school.name}" in principal.content.decode()
    person.stage = Stage.READY_NOW
    person.save()
    moved = admin.get(URL)
    assert _drew_the_body(moved)
    assert funnel_count(moved.content.decode(), "classroom", "ready now") == 1
