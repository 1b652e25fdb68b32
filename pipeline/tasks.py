from celery import shared_task

from pipeline.figures import recount_figures  # noqa: F401 (the worker finds it here too)
from pipeline.importing import run_import


@shared_task
def import_roster(run_id):
    """Apply a queued roster import in one transaction; safe to run twice (a done run is left)."""
    return run_import(run_id)


# Succession's periodic tasks, registered where the worker looks (the beat schedule names them).
from pipeline.succession.tasks import (  # noqa: E402, F401
    alert_uncovered_openings,
    send_succession_digest,
)
