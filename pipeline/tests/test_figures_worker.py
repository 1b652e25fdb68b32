"""A real Celery worker recounts the pipeline figures into the shared Redis cache, and the
dashboard then serves what the worker counted: production's path, across processes.

Needs Redis (CELERY_BROKER_URL=redis://...) and PostgreSQL (the worker must reach the test
database); otherwise skipped with the reason, and required in `.ci/run`'s Redis pass.
"""

import pytest
from celery import Celery
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from leadership.tests.helpers import celery_worker, require_service, worker_database_url
from pipeline.models import Stage
from pipeline.tests.pipeline_data import candidate
from pipeline.tests.test_pipeline_figures import URL, funnel_count, len_queries

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shared_cache(settings):
    broker = settings.CELERY_BROKER_URL
    require_service(broker.startswith(("redis://", "rediss://")), "needs a Redis broker")
    require_service(connection.vendor == "postgresql", "needs PostgreSQL for the worker")
    url = broker.rsplit("/", 1)[0] + "/4"  # a Redis database for this test alone
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    }
    cache.clear()
    yield url
    cache.clear()


def test_the_dashboard_serves_what_the_worker_counted(
    shared_cache, cast, client_for, district, school
):
    candidate(district, school, "Ana Ready", Stage.READY_NOW)
    broker = settings.CELERY_BROKER_URL
    env = {
        "DATABASE_URL": worker_database_url(),
        "CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": broker,
        "CACHE_URL": shared_cache,
    }
    with celery_worker(env) as queue:
        # Not the current app: that would change which app every task proxy in this
        # process resolves to, and later tests patch tasks through those proxies.
        client = Celery("deepbench-probe", broker=broker, backend=broker, set_as_current=False)
        result = client.send_task("pipeline.figures.recount_figures", queue=queue)
        assert result.get(timeout=90) >= 1
    admin = client_for(cast["admin"])
    assert len_queries(admin) <= 6  # nothing counted here: the worker's figures were kept
    assert funnel_count(admin.get(URL).content.decode(), "classroom", "ready now") == 1
