"""Light pages (issue 18): the pages that listed every school, person or cohort in a select
stay well under 60 KB of HTML, and do not grow with the number of schools, people and
cohorts. A test cannot time a page, but it can weigh one.

The district is the benchmark's own seed (pipeline/scale.py) at a small size; then 260
schools, 1,600 people and 270 running cohorts are added and every page is weighed again.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from leadership.models import Level, Membership, Role, School, User
from pipeline import scale
from programs.models import Cohort, Program

pytestmark = pytest.mark.django_db
SMALL = {
    "schools": 40,
    "staff": 400,
    "candidates": 150,
    "reflections": 150,
    "nominations": 120,
    "cohorts": 30,
    "opportunities": 40,
    "applications": 60,
}
PAGES = ["/nominations/", "/pipeline/candidates/", "/opportunities/"]
# The dashboard lists no school in a select; its tables of 25 schools are written without
# indentation runs ({% squash %}) or a class on every number (.table-figures).
DASHBOARD = "/pipeline/"
WELL_UNDER = 50 * 1024  # 10 KB under the 60 KB the issue allows; the queue weighs 45 KB
LIMIT = 60 * 1024
GROWTH = 1024  # a longer count ("1 of 300"), never a row per school


def _weigh(client):
    sizes = {}
    for url in [*PAGES, DASHBOARD]:
        response = client.get(url)
        assert response.status_code == 200, url
        sizes[url] = len(response.content)
    return sizes


def _grow(district):
    first = School.objects.filter(district=district).count()
    schools = School.objects.bulk_create(
        School(district=district, name=f"School {i:04d}") for i in range(first + 1, first + 261)
    )
    people = User.objects.bulk_create(
        User(email=f"grown{i}@large.test", full_name=f"Grown Person {i:04d}", password="!")
        for i in range(1600)
    )
    Membership.objects.bulk_create(
        Membership(
            user=person,
            district=district,
            role=Role.TEACHER,
            school=schools[i % len(schools)],
            level=Level.CLASSROOM,
        )
        for i, person in enumerate(people)
    )
    today = timezone.localdate()
    programs = list(Program.objects.filter(district=district))
    Cohort.objects.bulk_create(
        Cohort(
            program=programs[i % len(programs)],
            name=f"Grown cohort {i:03d}",
            starts_on=today,
            ends_on=today + timedelta(days=200),
        )
        for i in range(270)
    )


@pytest.mark.parametrize("who", ["admin", "principal"])
def test_the_pages_stay_light_as_the_district_grows(client, monkeypatch, who):
    monkeypatch.setattr(scale, "FULL", SMALL)
    scale.seed(factor=1.0, out=None)
    district = School.objects.get(name="School 0001").district
    client.force_login(User.objects.get(email=scale.SIGN_INS[who]))
    small = _weigh(client)
    _grow(district)
    large = _weigh(client)
    for url in PAGES:
        assert large[url] < WELL_UNDER, f"{url}: {large[url]} bytes at 300 schools"
    assert large[DASHBOARD] < LIMIT, f"the dashboard: {large[DASHBOARD]} bytes at 300 schools"
    for url in [*PAGES, DASHBOARD]:
        assert large[url] - small[url] < GROWTH, f"{url}: {small[url]} -> {large[url]} bytes"
