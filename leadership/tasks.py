from celery import shared_task


@shared_task
def ping():
    """Answer "pong": proves a worker takes tasks from the broker (health checks, CI)."""
    return "pong"
