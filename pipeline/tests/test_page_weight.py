"""Light pages (issue 18): the pages that listed every school, person or cohort in a select
stay well under 60 KB of HTML, and do not grow with the number of schools, people and
cohorts. A test cannot time a page, but it can weigh one.

The district is the benchmark's own seed (pipeline/scale.py) at a small size; then 260
schools, 1,600 people and 270 running cohorts are added and every page is weighed again.
"""

import datetime
from datetime import timedelta

import pytest
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from leadership.models import Level, Membership, Role, School, User
from opportunities.models import Opportunity, OpportunityKind
from pipeline import scale
from pipeline.models import Candidate, Position
from portrait.models import Attribute
from programs.models import Cohort, Program, Session

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


# Every page a person opens without an id in its address, weighed for each role. Not the
# Django admin (staff only, as it ships), the API (JSON, paged) or the sign-in pages.
NOT_PAGES = ("admin/", "api/", "accounts/", "bench/", "ims/")
# Pages whose own content grows here, not a list of choices: a program's page lists its own
# cohorts (the test adds nine to each), and the audit log's page of 50 shows the events the
# first weighing itself wrote (profiles viewed). Both stay under 60 KB all the same.
GROW_AS_CONTENT = ("/programs/", "/pipeline/audit/")


def _pages_without_ids():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return sorted(
        f"/{path}"
        for path in set(walk(get_resolver().url_patterns))
        if "<" not in path and "(?P" not in path and "^" not in path
        if not path.startswith(NOT_PAGES) and "logout" not in path
    )


def _pages_of_the_first(district):
    """Pages of one cohort, program, session, opportunity, position, candidate and person of
    the seeded district: the forms on them list schools, people and choices too."""
    teacher = User.objects.get(email=scale.SIGN_INS["teacher"])
    cohort = Cohort.objects.filter(program__district=district).order_by("pk").first()
    session = Session.objects.filter(cohort__program__district=district).order_by("pk").first()
    opportunity = Opportunity.objects.filter(district=district).order_by("pk").first()
    position = Position.objects.filter(district=district).order_by("pk").first()
    candidate = Candidate.objects.get(user=teacher)
    attribute = Attribute.objects.filter(framework__district=district).order_by("pk").first()
    urls = [f"/people/{teacher.pk}/", f"/transcripts/{teacher.pk}/"]
    urls += [f"/mentoring/people/{teacher.pk}/", f"/mentoring/cohorts/{cohort.pk}/"]
    urls += [f"/cohorts/{cohort.pk}/{tail}" for tail in ("", "edit/", "sessions/new/")]
    urls += [f"/cohorts/{cohort.pk}/assignments/new/", f"/programs/{cohort.program_id}/"]
    urls += [f"/programs/{cohort.program_id}/{t}" for t in ("edit/", "cohorts/new/")]
    urls += [f"/sessions/{session.pk}/{tail}" for tail in ("", "attendance/", "edit/")]
    urls += [f"/opportunities/{opportunity.pk}/{t}" for t in ("", "edit/", "applications/")]
    urls += [f"/positions/{position.pk}/{t}" for t in ("", "edit/", "fill/", "holders/add/")]
    urls += [f"/positions/{position.pk}/slate/add/", f"/pipeline/candidates/{candidate.pk}/"]
    urls += [f"/portrait/{attribute.slug}/", f"/portrait/{attribute.slug}/edit/"]
    return urls


def _weigh_html(client, urls):
    sizes = {}
    for url in urls:
        response = client.get(url)
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            sizes[url] = len(response.content)
    return sizes


def _grow_choices(district):
    """Open opportunities and scheduled sessions, each of which a form could once list."""
    kind = OpportunityKind.objects.filter(district=district).first()
    today = timezone.localdate()
    Opportunity.objects.bulk_create(
        Opportunity(
            district=district,
            kind=kind,
            title=f"Grown opportunity {i:03d}",
            description="Added to weigh the pages.",
            time_asked="an hour",
            closes_on=today + timedelta(days=30),
        )
        for i in range(260)
    )
    starts = timezone.now() + timedelta(days=3)
    Session.objects.bulk_create(
        Session(
            cohort=cohort,
            title="Grown session",
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
        )
        for cohort in Cohort.objects.filter(name__startswith="Grown cohort")
    )


@pytest.mark.parametrize("who", ["admin", "principal", "teacher", "coach"])
def test_no_page_lists_every_school_person_or_choice(client, monkeypatch, who):
    """Every page without an id in its address, and the pages of one of each thing, as
    each role sees them (those it may open): under 60 KB once the
    district has grown by 260 schools, 1,600 people, 270 cohorts with a session each and 260
    open opportunities, and never a row more per school, person, cohort or opportunity."""
    monkeypatch.setattr(scale, "FULL", SMALL)
    scale.seed(factor=1.0, out=None)
    district = School.objects.get(name="School 0001").district
    client.force_login(User.objects.get(email=scale.SIGN_INS[who]))
    urls = [*_pages_without_ids(), *_pages_of_the_first(district)]
    small = _weigh_html(client, urls)
    _grow(district)
    _grow_choices(district)
    large = _weigh_html(client, urls)
    assert len(large) >= 10, f"only {sorted(large)} answered as {who}"
    heavy = {url: size for url, size in large.items() if size >= LIMIT}
    grown = {
        url: (small[url], size)
        for url, size in large.items()
        if url in small and size - small[url] >= GROWTH and not url.startswith(GROW_AS_CONTENT)
    }
    assert not heavy and not grown, (
        f"as {who}, over 60 KB: {heavy}; grew with the district (bytes before, after): {grown}"
    )
