"""The WSGI application gunicorn serves (`gunicorn leadership.wsgi`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leadership.settings")

application = get_wsgi_application()

# Loaded: keep the garbage collector's walks to what requests make (leadership/settled.py).
from leadership.settled import settle  # noqa: E402 -- needs the application set up

settle()
