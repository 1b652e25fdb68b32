"""The pipeline's figures are counted once and kept until something they count changes.

Counting a large district's dashboard reads hundreds of thousands of rows, so the result
is kept in the cache (shared by every web process and the Celery worker: Redis in
production, files under var/cache/ on a laptop) under a *version*. Saving or deleting any
row the figures count moves the version on, so the next request counts again: a figure
is never older than the last change to what it counts. `KEEP_SECONDS` bounds how long an
unchanged result is kept, for changes made outside Django (a database console).

What counts as a change is listed in `hooks.FIGURE_SOURCES`; bulk writes that send no
signals (the roster import, the CASE import) call `changed()` themselves.
"""

import uuid

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

VERSION_KEY = "pipeline:figures:version"
KEEP_SECONDS = 15 * 60


def changed(**_signal_kwargs):
    """Something the figures count changed: count again on the next request.

    The version moves at once and again when the transaction commits, so a request that
    counted between the two (seeing the data before the commit) cannot keep its result.
    """
    _move_version()
    transaction.on_commit(_move_version)


def _move_version():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _version():
    version = cache.get(VERSION_KEY)
    if version is None:  # first use, or the cache was emptied
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def counted(scope, count):
    """`count()`'s result for `scope` (a string naming whose figures), counted at most once
    per version. The result gains "counted_at", the moment it was counted."""
    key = f"pipeline:figures:{_version()}:{scope}"  # read the version before counting
    found = cache.get(key)
    if found is None:
        found = {**count(), "counted_at": timezone.now()}
        cache.set(key, found, KEEP_SECONDS)
    return found


def _changed_unless_draft(sender, instance, **kwargs):
    # A draft (reflection or application) counts nowhere; autosave must not recount.
    if getattr(instance, "status", None) == "draft":
        return
    changed()


def connect(labels):
    """Move the version whenever a row of one of these models ("app.Model") is saved or
    deleted."""
    for label in labels:
        model = apps.get_model(label)
        for signal in (post_save, post_delete):
            signal.connect(
                _changed_unless_draft,
                sender=model,
                dispatch_uid=f"pipeline.figures.{label}.{signal is post_save}",
            )
