"""The web process freezes what it loaded (leadership/settled.py), in a process of its own:
freezing the test process would keep every test's objects alive."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, sys
import leadership.wsgi
frozen = gc.get_freeze_count()
print(frozen, "pipeline.views.dashboard" in sys.modules)
"""


def test_the_wsgi_application_loads_every_view_then_freezes_what_is_loaded(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    frozen, views_loaded = done.stdout.split()
    # The views are imported before the freeze, so they are among what the collector skips.
    assert views_loaded == "True"
    assert int(frozen) > 50_000
