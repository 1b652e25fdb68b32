"""A real Celery worker, started as its own process against the Redis broker, sends the email
a nomination queued, exactly once.

Needs Redis (CELERY_BROKER_URL=redis://...) and PostgreSQL (the worker must reach the test
database); otherwise skipped with the reason. `.ci/run` sets DEEPBENCH_REQUIRE_SERVICES=true
for its PostgreSQL + Redis pass, where a skip fails instead.
"""

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from leadership.tests.helpers import celery_worker, require_service, worker_database_url
from notices.models import Outbox

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(tmp_path):
    url = settings.CELERY_BROKER_URL
    require_service(
        url.startswith(("redis://", "rediss://")), "needs a Redis broker in CELERY_BROKER_URL"
    )
    require_service(
        connection.vendor == "postgresql", "needs PostgreSQL so the worker sees the test data"
    )
    database_url = worker_database_url()
    mail_dir = tmp_path / "mail"
    env = {
        "DATABASE_URL": database_url,
        "CONN_MAX_AGE": "0",
        "CELERY_BROKER_URL": url,
        "CELERY_RESULT_BACKEND": url,
        "EMAIL_HOST": "",
        "EMAIL_FILE_PATH": str(mail_dir),
    }
    with celery_worker(env) as queue:
        yield {"queue": queue, "url": url, "mail_dir": mail_dir}


def test_it_delivers_a_nomination_email_through_a_real_worker(worker, cast, nominate):
    nominate(cast["principal"], cast["teacher"])
    row = Outbox.objects.get()
    client = Celery(
        "deepbench-probe", broker=worker["url"], backend=worker["url"], set_as_current=False
    )

    first = client.send_task("notices.tasks.send_due_outbox", queue=worker["queue"])
    assert first.get(timeout=90) == 1
    second = client.send_task("notices.tasks.send_due_outbox", queue=worker["queue"])
    assert second.get(timeout=90) == 0

    row.refresh_from_db()
    assert row.sent_at is not None
    files = list(worker["mail_dir"].glob("*.log"))
    assert len(files) == 1
    text = files[0].read_text()
    assert "You have been nominated for Teacher Leader Fellowship" in text
    assert row.message_id in text
