"""A real client against a live Deep Bench: Schemathesis generates requests from the
OpenAPI document (valid and invalid ones) for every operation, with district A's demo
token, and checks that nothing answers 500, that every answer matches the document, and
that no answer names anything of district B (schemathesis_hooks.py).

Bounded for CI: a few examples per operation, one worker, no shrinking, and a time limit
on the whole run."""

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from api.tests import schemathesis_hooks
from api.tests.api_data import token
from api.tests.world import both
from leadership.models import Membership, School, User
from opportunities.models import Application, ExperienceEntry, Opportunity
from pipeline.models import Candidate, CandidateChange
from pipeline.succession.models import Position, PositionKind, RoleTerm, Slate
from programs.models import Attendance, Cohort, Enrollment, Nomination, Program

ST = Path(sys.executable).with_name("st")
EXAMPLES = int(os.environ.get("DEEPBENCH_SCHEMATHESIS_EXAMPLES", "12"))
SECONDS = 420
HOOKS = Path(__file__).with_name("schemathesis_hooks.py")
CHECKS = "not_a_server_error,response_schema_conformance,content_type_conformance"


def foreign_of(district):
    """District B's ids per collection and its people's names and emails."""
    people = User.objects.filter(memberships__district=district)
    ids = {
        "schools": School.objects.filter(district=district),
        "people": people,
        "memberships": Membership.objects.filter(district=district),
        "candidates": Candidate.objects.filter(district=district),
        "candidate-changes": CandidateChange.objects.filter(candidate__district=district),
        "programs": Program.objects.filter(district=district),
        "cohorts": Cohort.objects.filter(program__district=district),
        "enrollments": Enrollment.objects.filter(cohort__program__district=district),
        "attendance": Attendance.objects.filter(session__cohort__program__district=district),
        "nominations": Nomination.objects.filter(district=district),
        "opportunities": Opportunity.objects.filter(district=district),
        "applications": Application.objects.filter(opportunity__district=district),
        "experience": ExperienceEntry.objects.filter(district=district),
        "position-kinds": PositionKind.objects.filter(district=district),
        "positions": Position.objects.filter(district=district),
        "role-terms": RoleTerm.objects.filter(district=district),
        "slates": Slate.objects.filter(district=district),
    }
    texts = [district.name] + [p.email for p in people] + [p.full_name for p in people]
    texts += list(School.objects.filter(district=district).values_list("name", flat=True))
    return {
        "ids": {name: list(rows.values_list("pk", flat=True)) for name, rows in ids.items()},
        "texts": sorted(set(texts)),
    }


@pytest.mark.skipif(not ST.exists(), reason="schemathesis is not installed (requirements-dev)")
def test_it_finds_nothing_wrong_in_the_live_api(
    live_server, cast, district, school, other_district, settings, tmp_path
):
    settings.API_RATE_PER_MINUTE = 100_000
    both(cast, district, school, other_district)
    _, secret = token(cast["admin"], days=2)
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps(foreign_of(other_district)))
    report = tmp_path / "report.json"
    command = [
        str(ST),
        "run",
        f"{live_server.url}/api/v1/schema/?format=json",
        "--url",
        live_server.url,
        "--header",
        f"Authorization: Bearer {secret}",
        "--checks",
        f"{CHECKS},no_other_district",
        "--max-examples",
        str(EXAMPLES),
        "--phases",
        "examples,coverage,fuzzing",
        "--workers",
        "1",
        "--no-shrink",
        "--seed",
        "17",
        "--generation-database",
        "none",
        "--request-timeout",
        "20",
        "--suppress-health-check",
        "all",
        "--no-color",
        "--report",
        "json",
        "--report-json-path",
        str(report),
    ]
    env = {**os.environ, "SCHEMATHESIS_HOOKS": str(HOOKS), "DEEPBENCH_FOREIGN": str(foreign)}
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=SECONDS, env=env, cwd=tmp_path
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-20000:]
    assert "no_other_district" in output or report.exists(), output[-3000:]


def test_its_district_check_fails_on_an_id_or_a_name_of_district_b(tmp_path, monkeypatch):
    """The check the run above relies on can fail: a row of B's, or B's name, is caught."""
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"ids": {"candidates": [7]}, "texts": ["Cedar Falls"]}))
    monkeypatch.setenv("DEEPBENCH_FOREIGN", str(foreign))
    case = SimpleNamespace(path="/api/v1/candidates/")

    def answer(body):
        text = json.dumps(body)
        return SimpleNamespace(text=text, headers={"Content-Type": ["application/json"]})

    schemathesis_hooks.no_other_district(None, answer({"results": [{"id": 8}]}), case)
    for body in ({"results": [{"id": 7}]}, {"id": 7}, {"results": [{"name": "Cedar Falls"}]}):
        with pytest.raises(AssertionError):
            schemathesis_hooks.no_other_district(None, answer(body), case)
