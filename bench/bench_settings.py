"""Settings for `make bench` (bench/run.py and the gunicorn it starts): the site's own
settings with plain static files (the hashed manifest exists only after collectstatic), the
test Client's host, mail kept in memory, and bench_urls (the site plus the floor page)."""

from leadership.settings import *  # noqa: F403

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver", "127.0.0.1"]  # noqa: F405
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ROOT_URLCONF = "bench_urls"
