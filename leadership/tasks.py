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


@shared_task
def recount_figures():
    """Count the pipeline figures district admins see, soon after a change, so that they find
    them counted (leadership/pipeline/figures.py). Only reads; safe to run twice."""
    from leadership.pipeline.counting import recount_for_admins

    return recount_for_admins()
