from celery import shared_task


@shared_task
def ping():
    """Answer "pong": proves a worker takes tasks from the broker (health checks, CI)."""
    return "pong"


@shared_task
def import_roster(run_id):
    """Apply a queued roster import in one transaction; safe to run twice (a done run is left)."""
    from leadership.pipeline.importing import run_import

    return run_import(run_id)
