"""A real Celery worker takes a task from the configured broker and answers it.

The worker runs as a separate process, exactly as in production, on a queue of its own so
that no other worker on the machine can take the test's task. It runs against whatever
broker the settings name: Redis in CI and production, the embedded filesystem broker on a
laptop (results then go to files under the test's temporary folder).
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings

pytestmark = pytest.mark.worker

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def backend_url(tmp_path):
    broker = settings.CELERY_BROKER_URL
    if broker.startswith(("redis://", "rediss://")):
        return broker
    return f"file://{tmp_path}"


@pytest.fixture
def worker(backend_url):
    queue = f"deepbench-test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "CELERY_RESULT_BACKEND": backend_url}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "leadership",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-mingle",
            "--without-gossip",
            "-Q",
            queue,
            "--loglevel=WARNING",
        ],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    yield queue
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def test_it_answers_a_task_sent_through_the_broker(backend_url, worker):
    client = Celery("deepbench-probe")
    client.config_from_object("django.conf:settings", namespace="CELERY")
    client.conf.result_backend = backend_url
    result = client.send_task("leadership.tasks.ping", queue=worker)

    assert result.get(timeout=60) == "pong"
