"""In Chromium: the dashboard's charts that count (people, nominations, percents) label their
value axis in whole numbers, even when every bar is 0 or 1. (Growth is an average of steps:
its axis may well read 0.5.)"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD
from leadership.tests.fixtures_browser import audit, sign_in
from pipeline.models import Readiness, Stage
from pipeline.tests.pipeline_data import candidate, framework
from programs.models import Assignment, Cohort, Enrollment, NominationWindow, Program

pytestmark = pytest.mark.browser

COUNTING = ["funnel", "bench", "nominations", "completion"]
TICKS = """() => Array.from(document.querySelectorAll("canvas[data-pipeline-chart]")).map((c) => {
  const chart = window.Chart.getChart(c);
  if (!chart) { return [c.dataset.pipelineChart, null]; }
  const values = chart.options.indexAxis === "y" ? chart.scales.x : chart.scales.y;
  return [c.dataset.pipelineChart, values.ticks.map((t) => t.value)];
})"""


def test_counting_charts_have_whole_number_ticks(page, live_server, cast, district, school):
    # One person, one nomination, 0 % completion: Chart.js would otherwise tick 0.1, 0.2 …
    ready = candidate(district, school, "Rea Dy", Stage.READY_NOW, readiness=Readiness.READY_NOW)
    _, attribute, prompt = framework(district)
    today = timezone.localdate()
    program = Program.objects.create(district=district, name="Teacher Leaders")
    cohort = Cohort.objects.create(
        program=program, name="Fall", starts_on=today, ends_on=today + datetime.timedelta(days=90)
    )
    Assignment.objects.create(cohort=cohort, prompt=prompt, due_on=today)
    Enrollment.objects.create(cohort=cohort, person=ready.user)
    NominationWindow.objects.create(
        program=program, opens_on=today, closes_on=today + datetime.timedelta(days=9)
    )

    sign_in(page, live_server, cast["admin"].email, password=PASSWORD)
    page.goto(f"{live_server.url}/pipeline/")
    expect(page.locator('canvas[data-pipeline-chart="funnel"]')).to_be_visible()
    audit(page)
    ticks = dict(page.evaluate(TICKS))
    drawn = {name: values for name, values in ticks.items() if values is not None}
    assert set(COUNTING) <= set(drawn), ticks
    for name in COUNTING:
        for value in drawn.get(name, []):
            assert value == int(value), f"{name} has a tick at {value}: {drawn[name]}"
    assert max(drawn["funnel"]) >= 1
    assert max(drawn["completion"]) >= 100  # a share of 100 %, not of the largest bar
