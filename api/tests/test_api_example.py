"""bin/api-example, written from the OpenAPI document alone, against a live Deep Bench: it
makes a token on the tokens page, pulls the candidates changed since yesterday, pushes a
principal's retirement date and finds it on the succession page."""

import datetime
import subprocess
import sys

from django.utils import timezone

from api.tests.world import district_world
from conftest import PASSWORD
from leadership.tests.helpers import BASE_DIR
from pipeline.succession.models import RoleTerm


def test_it_runs_the_example_script_end_to_end(live_server, cast, district, school):
    world = district_world(cast, district, school)
    retire_on = timezone.localdate() + datetime.timedelta(days=150)
    result = subprocess.run(
        [
            sys.executable,
            str(BASE_DIR / "bin" / "api-example"),
            "--site",
            live_server.url,
            "--email",
            cast["admin"].email,
            "--password",
            PASSWORD,
            "--retire-on",
            retire_on.isoformat(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("3. candidates changed since") and line.endswith(": 1") for line in lines
    )
    assert f"{world['candidate'].pk} Tom Teacher" in result.stdout
    assert lines[-1].startswith("5. the succession page shows it")
    assert RoleTerm.objects.get(pk=world["term"].pk).retirement_eligible_on == retire_on
