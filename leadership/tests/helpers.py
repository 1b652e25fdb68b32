"""Helpers for tests across the apps."""

import os
import subprocess
import sys
import threading
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

BASE_DIR = Path(__file__).resolve().parents[2]


def count_queries(client, url):
    """The number of queries one GET of `url` makes, and the response.

    The cache is emptied first: counted figures kept there (pipeline/figures.py)
    would hide the queries that counting them makes.
    """
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured), response


def assert_flat_query_count(client, url, grow, *, budget):
    """A page's query count must not grow with the rows it shows, nor pass its budget.

    Requests `url`, calls `grow()` to add rows, requests it again, and fails when the
    second request made more queries than the first, or more than `budget`.

    Two sizes alone catch a query per row but not a constant waste: a page that makes five
    needless queries makes them at both sizes. So every page also has an absolute budget,
    set to the count measured when the test was written plus at most 2, on SQLite and on
    PostgreSQL alike (take the larger; a budget per backend only with a comment saying why).
    A change that has to add queries raises the budget in the same commit and says why;
    a change that saves some lowers it.
    """
    small, _ = count_queries(client, url)
    grow()
    large, response = count_queries(client, url)
    assert large == small, f"{url}: {small} queries with few rows, {large} with many"
    assert_within_budget(url, large, budget)
    return response


def assert_within_budget(what, count, budget):
    """Fails when `what` (a page, or the work a test names) made more than `budget` queries.

    For query-count tests that measure without `assert_flat_query_count`; the same rule.
    """
    assert count <= budget, f"{what}: {count} queries, over its budget of {budget}"


def require_service(available, reason):
    """Skip a test whose real service is missing, with the reason shown (`-ra`).

    `.ci/run` sets DEEPBENCH_REQUIRE_SERVICES=true for its PostgreSQL + Redis pass: there a
    missing service fails the test instead, so CI cannot go green without running it.
    """
    if available:
        return
    if os.environ.get("DEEPBENCH_REQUIRE_SERVICES", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"{reason}; this run must exercise the real service", pytrace=False)
    pytest.skip(reason)


def require_postgres():
    """Row locks and concurrent transactions need PostgreSQL; SQLite serialises everything."""
    require_service(
        connection.vendor == "postgresql",
        "needs PostgreSQL (DATABASE_URL=postgres://...) for row locks",
    )


def at_the_same_moment(*calls):
    """Run the calls in threads released together; returns each result or raised error.

    Each thread closes its own database connection, so the test database can be dropped.
    """
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def worker_database_url():
    """The URL of the database this test runs on, for a worker process to reach it."""
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@contextmanager
def celery_worker(env):
    """A real `celery -A leadership worker` process on a queue of its own; yields the queue.

    `env` is added to this process's environment (broker, result backend, database).
    """
    queue = f"deepbench-test-{uuid.uuid4().hex[:8]}"
    process = start_celery_worker(env, queue)
    try:
        yield queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def start_celery_worker(env, queue):
    """Start `celery -A leadership worker` reading only `queue`; returns the process, which
    the caller stops (celery_worker does it for you)."""
    return subprocess.Popen(
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
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
