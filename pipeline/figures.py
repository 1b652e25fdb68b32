"""The pipeline's figures: what is counted, what makes it stale, how it is kept and recounted.

What is counted. The dashboard (`dashboard_people`, `dashboard_reflections`) and the
schools page (`school_table`) for one viewer; the SQL they run is in dashboard.py,
schools.py and sections.py. A viewer's *scope* (`figure_scope`) names whose figures they
see: a district admin the whole district, a principal their schools; every viewer with the
same scope shares the same kept figures.

What makes it stale. Saving or deleting a row of a model in `SOURCES` moves the version of
that model's *topic* (`connect`, from pipeline/apps.py). Two topics: PEOPLE (people,
schools, candidates, programs, nominations, opportunities) and REFLECTIONS, so the most
frequent change (a submitted reflection) recounts only the figures that read reflections.
A draft (reflection or application) counts nowhere, so autosave never recounts. Bulk writes
that send no signals (the roster import, the large seed) call `changed()` themselves.

How it is kept. In the cache shared by every web process and the worker (Redis in
production, files under var/cache/ on a laptop), under a key made of the topics' versions,
today's date (the open window and the school year move at midnight) and the scope. A
version moves at once and again when the change commits, so a request that counted between
the two cannot keep a result from before the commit. `KEEP_SECONDS` bounds how long an
unchanged result is kept (for changes made outside Django, such as a database console).
With the cache down, saves still succeed and the pages count afresh (logged).

How it is recounted. After a change the Celery worker recounts the district admins'
figures (`recount_figures`), at most once every FIGURES_RECOUNT_SECONDS, so admins usually
find them counted; a page still counts whatever is not kept, so a worker that is down or
behind only makes it slower, never wrong.

What keeps a count short. The counts over the largest tables are kept by the database
itself, in the same transaction as each change: ratings (pipeline/rating_spans.py), fair
reach and applications by level (opportunities/kept_reach.py), nominations
(pipeline/kept_nominations.py), ready candidates (pipeline/kept_bench.py), and a district's
candidates by stage and their growth (pipeline/kept_candidates.py), so counting afresh reads
a few small tables.
"""

import logging
import uuid

from celery import shared_task
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from leadership import access
from leadership.models import Membership, Role
from opportunities import reach
from pipeline import dashboard, schools, sections
from pipeline.scope import pipeline_scope, scoped_candidates

logger = logging.getLogger(__name__)

# --- What is counted, and what makes it stale -----------------------------------------

# Part of every key: raise it when the shape of what is kept changes, so that a release
# never reads what the one before it kept.
FORMAT = 6  # 3: representation counts hidden (pipeline/suppression.py); 4: "glance";
# 5: placements carry the person's id (their profile link); 6: schools kept as SchoolRefs
PEOPLE = "people"
REFLECTIONS = "reflections"
SUCCESSION = "succession"  # the succession page (pipeline/succession/page.py)
KEEP_SECONDS = 15 * 60

# The models whose rows the figures count (the sections' included), each with its topic.
# A section that counts a new model adds it here.
SOURCES = {
    "leadership.School": PEOPLE,
    "leadership.Membership": PEOPLE,
    "pipeline.Candidate": PEOPLE,
    "pipeline.Demographics": PEOPLE,
    "portrait.Framework": PEOPLE,
    "portrait.Attribute": PEOPLE,
    "portrait.Reflection": REFLECTIONS,
    "programs.Program": PEOPLE,
    "programs.Cohort": PEOPLE,
    "programs.Enrollment": PEOPLE,
    "programs.Assignment": PEOPLE,
    "programs.NominationWindow": PEOPLE,
    "programs.Nomination": PEOPLE,
    "opportunities.Opportunity": PEOPLE,
    "opportunities.Application": PEOPLE,
    "opportunities.ExperienceEntry": PEOPLE,
    "pipeline.Placement": PEOPLE,
    "pipeline.GrowthPlan": PEOPLE,
    "pipeline.PositionKind": SUCCESSION,
    "pipeline.Position": SUCCESSION,
    "pipeline.RoleTerm": SUCCESSION,
    "pipeline.Slate": SUCCESSION,
    "pipeline.SlateEntry": SUCCESSION,
}


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


def connect():
    """Move the version of a topic whenever a row of one of its models is saved or deleted."""
    for label, topic in SOURCES.items():

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


# --- Whose figures, and counting them through the cache -----------------------------


def figure_scope(user, district, is_admin):
    """Names whose figures a viewer sees: the same name for every viewer who sees the same
    schools."""
    if is_admin:
        return f"district-{district.pk}"
    school_ids = sorted(access.principal_school_ids(user))
    return f"district-{district.pk}-schools-" + "-".join(str(pk) for pk in school_ids)


def dashboard_people(user, district, visible, is_admin):
    def count():
        candidates = scoped_candidates(user, district)
        # The glance's share of staff who led and the reach section's per-school counts read
        # the same memberships: counted in one pass.
        with reach.counted_together():
            numbers = dashboard.people_figures(user, district, visible, candidates)
            numbers["sections"] = sections.pipeline_sections(user, district, visible)
        return numbers

    scope = figure_scope(user, district, is_admin)
    return counted(f"{scope}:people", count)


def dashboard_reflections(user, district, visible, is_admin):
    def count():
        candidates = scoped_candidates(user, district)
        return dashboard.reflection_figures(district, visible, is_admin, candidates)

    scope = figure_scope(user, district, is_admin)
    return counted(f"{scope}:reflections", count, topics=(PEOPLE, REFLECTIONS))


def school_table(user, district, visible, is_admin):
    def count():
        return schools.table(user, district, visible, scoped_candidates(user, district))

    return counted(f"{figure_scope(user, district, is_admin)}:schools", count)


# --- The worker's recount -------------------------------------------------------------


def recount_for_admins():
    """Count every district's figures as its admins see them (all admins of a district see
    the same figures, so one admin each). Returns the number of districts counted."""
    admins = (
        Membership.objects.filter(role=Role.DISTRICT_ADMIN, is_active=True, user__is_active=True)
        .select_related("user")
        .order_by("district_id", "user_id")
    )
    seen = set()
    for membership in admins:
        if membership.district_id in seen:
            continue
        seen.add(membership.district_id)
        user = membership.user
        access.forget_memberships(user)
        district, visible, is_admin = pipeline_scope(user)
        if district.pk != membership.district_id:
            continue  # an admin of several districts: counted with their first district
        dashboard_people(user, district, visible, is_admin)
        dashboard_reflections(user, district, visible, is_admin)
        school_table(user, district, visible, is_admin)
    return len(seen)


@shared_task
def recount_figures():
    """Count the pipeline figures district admins see, soon after a change, so that they find
    them counted. Only reads; safe to run twice."""
    return recount_for_admins()
