"""The Celery app: `celery -A leadership worker` and `celery -A leadership beat`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leadership.settings")

app = Celery("leadership")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
