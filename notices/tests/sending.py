"""Helpers for the sending tests: a plain notice to queue, and a second process's view.

The test database on SQLite lives in memory, which no other process can open. These
helpers copy it, schema and committed rows, into a file that a second process (a sender,
a real Celery worker) opens through DATABASE_URL as a laptop would, and count what that
process delivered with the file email backend.
"""

import re
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from notices.notify import notify


def queue_notice(obj, recipients, **extra):
    """Queue the plain notice (emails/notice) about `obj` to `recipients` through notify()."""
    return notify(
        kind="test.notice",
        obj=obj,
        recipients=recipients,
        subject="Something happened",
        template="notice",
        context={"message": "Your cohort meets on Tuesday."},
        url="/notifications/",
        **extra,
    )


def sqlite_file_copy(path):
    """Copy the test database into `path`; returns the environment that points a process at
    it, with email written as files under `path`'s folder, in `mail/`."""
    if connection.vendor != "sqlite":
        # Not a missing service: the behaviour under test is SQLite's, and `make test` runs it.
        pytest.skip("SQLite's own locking; this run is on another database")
    # Copying waits for the test's own open transaction for ever: commit first.
    assert not connection.in_atomic_block, "use django_db(transaction=True)"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    mail_dir = path.parent / "mail"
    return {
        "DATABASE_URL": f"sqlite:///{path}",
        "CONN_MAX_AGE": "0",
        "EMAIL_HOST": "",
        "EMAIL_FILE_PATH": str(mail_dir),
    }


def delivered(env):
    """How many times each Message-ID went out, from the file email backend's folder."""
    found = Counter()
    for mail in Path(env["EMAIL_FILE_PATH"]).glob("*.log"):
        found.update(re.findall(r"^Message-ID: (\S+)$", mail.read_text(), flags=re.M))
    return found
