"""The pipeline's figures are counted once and kept until something they count changes.

Counting a large district's dashboard reads hundreds of thousands of rows, so the result
is kept in the cache (shared by every web process and the Celery worker: Redis in
production, files under var/cache/ on a laptop) under a *version*. Saving or deleting any
row the figures count moves the version on, so the next request counts again: a figure
is never older than the last change to what it counts. `KEEP_SECONDS` bounds how long an
unchanged result is kept, for changes made outside Django (a database console).

Versions are kept per *topic*, so that the most frequent change (a submitted reflection)
recounts only the figures that read reflections: PEOPLE (people, schools, candidates,
programs, nominations, opportunities) and REFLECTIONS. `hooks.FIGURE_SOURCES` says which
model belongs to which topic; bulk writes that send no signals (the roster import) call
`changed()` themselves.

A change also asks the Celery worker to count the district admins' figures again, at most
once every FIGURES_RECOUNT_SECONDS (`leadership.tasks.recount_figures`): the figures are
then usually counted before an admin opens the dashboard. The pages still count for
themselves whatever is not kept, so a worker that is down or behind only makes them slower.
"""

import logging
import uuid

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

logger = logging.getLogger(__name__)

# Part of every key: raise it when the shape of what is kept changes, so that a release
# never reads what the one before it kept.
FORMAT = 2
PEOPLE = "people"
REFLECTIONS = "reflections"
KEEP_SECONDS = 15 * 60


def changed(topic=PEOPLE):
    """Something the figures of `topic` count changed: count them again on the next request.

    The version moves at once and again when the transaction commits, so a request that
    counted between the two (seeing the data before the commit) cannot keep its result.
    """
    _move_version(topic)
    transaction.on_commit(lambda: _after_commit(topic))


def _after_commit(topic):
    _move_version(topic)
    _schedule_recount()


def _schedule_recount():
    """Ask the worker to recount in FIGURES_RECOUNT_SECONDS, unless a recount is already
    waiting (many changes in a row make one recount). 0 turns this off."""
    delay = settings.FIGURES_RECOUNT_SECONDS
    try:
        if not delay or not _cached(cache.add, "pipeline:figures:recount-waiting", True, delay):
            return
        from leadership.tasks import recount_figures

        recount_figures.apply_async(countdown=delay, retry=False)  # fail fast, never block a save
    except Exception:  # a broker outage must not undo the change that was just saved
        logger.warning("Could not ask the worker to recount the pipeline figures", exc_info=True)


def _key(topic):
    return f"pipeline:figures:version:{topic}"


class CacheDown(Exception):
    """The cache did not answer."""


def _cached(operation, *args):
    """Run a cache operation; an unreachable cache (Redis down) raises CacheDown."""
    try:
        return operation(*args)
    except Exception as error:  # each backend raises its own connection errors
        raise CacheDown(str(error)) from error


def _move_version(topic):
    try:
        _cached(cache.set, _key(topic), uuid.uuid4().hex, None)
    except CacheDown:
        # The change itself must never fail because of the cache. If the cache comes back
        # still holding the old version, figures may be up to KEEP_SECONDS old.
        logger.warning("The cache did not answer; figure version of %s not moved", topic)


def version(topic):
    found = _cached(cache.get, _key(topic))
    if found is None:  # first use, or the cache was emptied
        _cached(cache.add, _key(topic), uuid.uuid4().hex, None)
        found = _cached(cache.get, _key(topic))
    return found


def counted(scope, count, topics=(PEOPLE,)):
    """`count()`'s result for `scope` (a string naming whose figures), counted at most once
    while the versions of `topics` stay the same. The result gains "counted_at".

    With the cache down the figures are counted on every request: slower, never wrong."""
    try:
        versions = ":".join(version(topic) for topic in topics)  # read before counting
        # Today is part of the key: "the window open today" and "this school year" move at
        # midnight without any row changing.
        key = f"pipeline:figures:{FORMAT}:{timezone.localdate()}:{versions}:{scope}"
        found = _cached(cache.get, key)
    except CacheDown:
        logger.warning("The cache did not answer; counting the pipeline figures afresh")
        return {**count(), "counted_at": timezone.now()}
    if found is None:
        found = {**count(), "counted_at": timezone.now()}
        try:
            _cached(cache.set, key, found, KEEP_SECONDS)
        except CacheDown:
            logger.warning("The cache did not answer; counted figures not kept")
    return found


def connect(sources):
    """Move the version of a topic whenever a row of one of its models is saved or deleted.
    `sources` maps "app.Model" to its topic."""
    for label, topic in sources.items():

        def moved(sender, instance, topic=topic, **kwargs):
            # A draft (reflection or application) counts nowhere: autosave must not recount.
            if getattr(instance, "status", None) != "draft":
                changed(topic)

        for signal in (post_save, post_delete):
            signal.connect(
                moved,
                sender=apps.get_model(label),
                weak=False,
                dispatch_uid=f"pipeline.figures.{label}.{signal is post_save}",
            )
