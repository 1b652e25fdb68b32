import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DEBUG", "maybe"), ("DATABASE_URL", "nonsense"), ("CELERY_BROKER_URL", "ftp://x")],
)
def test_it_refuses_to_start_with_a_malformed_value(variable, value):
    env = {**os.environ, variable: value}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**env, "DJANGO_SETTINGS_MODULE": "leadership.settings"},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert variable in result.stderr
