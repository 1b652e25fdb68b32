"""On SQLite, the laptop default, an email goes out once while another writer holds the lock.

A roster import applies in one transaction and holds SQLite's write lock for seconds. The
sender runs as its own process on a file database opened as leadership/settings.py opens
it, making pass after pass as a worker would, while this test's thread takes the write
lock again and again. Every email must go out exactly once, and no pass may fail.
"""

import os
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from notices.models import Outbox
from notices.tests.sending import delivered, queue_notice, sqlite_file_copy

pytestmark = pytest.mark.django_db(transaction=True)

BASE_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Runs send_due_outbox pass after pass for the seconds given, as a worker would (a pass that
# raises is logged by Celery and the next one comes); prints how many passes raised.
SENDER = """
import sys, time
import django
django.setup()
from django.db import connection
from notices.tasks import send_due_outbox
connection.ensure_connection()
print("ready", flush=True)
sys.stdin.readline()
failed, deadline = [], time.monotonic() + float(sys.argv[1])
while time.monotonic() < deadline:
    try:
        send_due_outbox()
    except Exception as exc:
        failed.append(f"{type(exc).__name__}: {exc}")
    time.sleep(0.02)
print(len(failed), sorted(set(failed)), flush=True)
"""


def _hold_the_lock_again_and_again(path, holding, stop):
    """Another writer, like a roster import: takes the write lock for 0.4 s at a time."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        while not stop.is_set():
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE leadership_district SET name = name")
            holding.set()
            time.sleep(0.4)
            db.execute("COMMIT")
            time.sleep(0.05)
    finally:
        db.close()


def test_it_sends_each_email_once_while_another_writer_holds_the_lock(
    district, teacher, principal, coach, district_admin, tmp_path
):
    queue_notice(district, [teacher, principal, coach, district_admin])
    message_ids = set(Outbox.objects.values_list("message_id", flat=True))
    path = tmp_path / "deepbench.sqlite3"
    env = sqlite_file_copy(path)

    sender = subprocess.Popen(
        [sys.executable, "-c", SENDER, "2.5"],
        cwd=BASE_DIR,
        env={**os.environ, **env, "CELERY_BROKER_URL": "memory://"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    holding, stop = threading.Event(), threading.Event()
    writer = threading.Thread(target=_hold_the_lock_again_and_again, args=(path, holding, stop))
    try:
        assert sender.stdout.readline().strip() == "ready"
        writer.start()
        assert holding.wait(10)
        sender.stdin.write("go\n")
        sender.stdin.flush()
        failures = sender.stdout.readline().strip()
    finally:
        stop.set()
        if writer.ident:
            writer.join(10)
        sender.kill()
        sender.wait(10)

    assert delivered(env) == dict.fromkeys(message_ids, 1)
    assert failures == "0 []", f"passes failed: {failures}"
    unsent = sqlite3.connect(path).execute(
        f"SELECT count(*) FROM {Outbox._meta.db_table} WHERE sent_at IS NULL"
    )
    assert unsent.fetchone() == (0,)
