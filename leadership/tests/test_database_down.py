"""With the database down, every page is the site's own: a 503 with Retry-After while it
cannot be reached, and a plain 500 page that needs no database.

The site runs in a subprocess against a PostgreSQL address on a loopback port nobody
listens on, so every connection is really refused; requests go through django.test.Client
with DEBUG off, as in production.
"""

import json
import os
import socket
import subprocess
import sys

import pytest
from django.db import OperationalError
from django.urls import path

from leadership.tests.helpers import BASE_DIR

SITE = r"""
import json
import sys
import types

import django
from django.urls import path

django.setup()

from django.conf import settings
from django.test import Client
from django.test.utils import override_settings

from leadership.models import User


def boom(request):
    # A signed-in person (the site's navigation would read their roles) meets a bug.
    request.user = User(pk=1, email="someone@example.test")
    raise RuntimeError("a bug that has nothing to do with the database")


urls = types.ModuleType("boom_urls")
urls.urlpatterns = [path("boom/", boom)]
urls.handler500 = "leadership.views.error_500"
sys.modules["boom_urls"] = urls

client = Client(raise_request_exception=False)
# A session cookie: reading who is signed in needs the database.
client.cookies["sessionid"] = "s" * 32
answers = {}


def ask(name, method, url, **extra):
    try:
        response = getattr(client, method)(url, **extra)
    except Exception as error:
        answers[name] = {"raised": repr(error)}
        return
    answers[name] = {
        "status": response.status_code,
        "retry_after": response.get("Retry-After"),
        "body": response.content.decode(),
    }


# Plain static storage, as in the other tests: the manifest only exists after collectstatic.
plain = override_settings(
    STORAGES={
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
)
with plain:
    for url in sys.argv[1:]:
        ask(url, "get", url)
    ask("POST /reflections/autosave/", "post", "/reflections/autosave/", data={"response": "x"})
    del client.cookies["sessionid"]
    with override_settings(ROOT_URLCONF="boom_urls"):
        ask("/boom/", "get", "/boom/")
print(json.dumps(answers))
"""

PAGES = ["/", "/reflections/", "/pipeline/", "/opportunities/", "/accounts/login/"]


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def answers():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "leadership.settings",
        "DATABASE_URL": f"postgres://deepbench:none@127.0.0.1:{_closed_port()}/deepbench",
        "DEBUG": "false",
        "CACHE_URL": "locmemcache://",
    }
    done = subprocess.run(
        [sys.executable, "-c", SITE, *PAGES],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("page", [*PAGES, "POST /reflections/autosave/"])
def test_it_answers_503_with_retry_after_and_its_own_page(answers, page):
    answer = answers[page]
    assert "raised" not in answer, answer
    assert answer["status"] == 503
    assert answer["retry_after"] == "30"
    assert "Deep Bench is back in a moment" in answer["body"]


def test_a_bug_gets_the_plain_500_page_without_touching_the_database(answers):
    answer = answers["/boom/"]
    assert "raised" not in answer, answer
    assert answer["status"] == 500
    assert "Something went wrong on our side" in answer["body"]


def broken_query(request):
    raise OperationalError("LIKE or GLOB pattern too complex")


urlpatterns = [path("broken/", broken_query)]
handler500 = "leadership.views.error_500"


def test_a_query_the_database_refuses_is_a_plain_500_while_it_is_up(db, client, settings):
    """OperationalError also means a bad query: 503 only when a new connection fails too."""
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Something went wrong on our side" in response.content.decode()
