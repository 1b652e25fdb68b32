"""A real Celery worker takes a task from the configured broker and answers it.

The worker runs as a separate process, exactly as in production, on a queue of its own so
that no other worker on the machine can take the test's task. It runs against whatever
broker the settings name: Redis in CI and production, the embedded filesystem broker on a
laptop (results then go to files under the test's temporary folder).
"""

import pytest
from celery import Celery
from django.conf import settings

from leadership.tests.helpers import celery_worker

pytestmark = pytest.mark.worker


@pytest.fixture
def backend_url(tmp_path):
    broker = settings.CELERY_BROKER_URL
    if broker.startswith(("redis://", "rediss://")):
        return broker
    return f"file://{tmp_path}"


@pytest.fixture
def worker(backend_url):
    with celery_worker({"CELERY_RESULT_BACKEND": backend_url}) as queue:
        yield queue


def test_it_answers_a_task_sent_through_the_broker(backend_url, worker):
    client = Celery("deepbench-probe", set_as_current=False)
    client.config_from_object("django.conf:settings", namespace="CELERY")
    client.conf.result_backend = backend_url
    result = client.send_task("leadership.tasks.ping", queue=worker)

    assert result.get(timeout=60) == "pong"
