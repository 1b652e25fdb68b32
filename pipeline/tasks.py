from celery import shared_task

from pipeline.figures import recount_figures  # noqa: F401 (the worker finds it here too)
from pipeline.importing import run_import


@shared_task
def import_roster(run_id):
    """Apply a queued roster import in one transaction; safe to run twice (a done run is left)."""
    return run_import(run_id)
