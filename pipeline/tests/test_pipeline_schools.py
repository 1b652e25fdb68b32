"""/pipeline/schools/: every school, one row each; and the dashboard's short lists."""

import datetime
from unittest import mock

from django.utils import timezone

from conftest import make_person
from leadership.models import Level, Role, School
from leadership.tests.helpers import assert_flat_query_count
from opportunities.models import Application, Opportunity, OpportunityKind
from pipeline import dashboard, schools
from pipeline.models import Readiness, Stage
from pipeline.tests.pipeline_data import candidate

URL = "/pipeline/schools/"


def ready(district, school, name, readiness=Readiness.READY_NOW):
    return candidate(
        district,
        school,
        name,
        Stage.READY_NOW,
        readiness=readiness,
        target_level=Level.SCHOOL,
    )


def row_of(body, school_name):
    start = body.index(f'<th scope="row" class="fw-normal">{school_name}</th>')
    return body[start:].split("</tr>")[0]


def cells(row):
    return [part.split("<")[0].split(">")[-1] for part in row.split('<td class="text-end">')[1:]]


def numbers(row):
    found = []
    for part in row.split('<td class="text-end">')[1:]:
        text = part.split("<span")[0].split("</td>")[0]
        found.append(int(text.rsplit(">", 1)[-1]))
    return found


def test_an_admin_sees_every_school_with_its_numbers_and_links(
    cast, client_for, district, school, other_school
):
    ready(district, school, "Rea Dy")
    ready(district, school, "La Ter", readiness=Readiness.READY_LATER)
    kind = OpportunityKind.objects.create(district=district, name="Lead a team")
    opening = Opportunity.objects.create(
        district=district,
        kind=kind,
        title="Grade team lead",
        description="Run the grade 7 team.",
        time_asked="An hour a week",
        closes_on=timezone.localdate() + datetime.timedelta(days=5),
        posted_by=cast["admin"],
    )
    Application.objects.create(
        opportunity=opening,
        applicant=cast["other_teacher"],
        note="Yes please",
        status=Application.Status.SUBMITTED,
        submitted_at=timezone.now(),
    )
    response = client_for(cast["admin"]).get(URL)
    body = response.content.decode()
    assert "2 schools" in body
    # ready now, ready later, nominations, nominees, staff, applied, selected, led %
    middle = numbers(row_of(body, school.name))
    high = numbers(row_of(body, other_school.name))
    assert middle[:2] == [1, 1]
    assert high[:2] == [0, 0]
    assert high[5] == 1 and middle[5] == 0  # the other teacher applied
    link = (
        f"/pipeline/candidates/?school={school.pk}&amp;target_level=school"
        "&amp;active=yes&amp;readiness=ready_now"
    )
    assert link in body
    listed = client_for(cast["admin"]).get(link.replace("&amp;", "&")).content.decode()
    assert "Rea Dy" in listed and "La Ter" not in listed


def test_it_sorts_searches_and_pages(cast, client_for, district, school):
    for i in range(55):
        School.objects.create(district=district, name=f"Lakeside {i:02d}")
    busy = School.objects.get(name="Lakeside 54")
    ready(district, busy, "Rea Dy")
    ready(district, busy, "Ano Ther")
    client = client_for(cast["admin"])
    first = client.get(URL, {"sort": "-ready_now"}).content.decode()
    assert first.index("Lakeside 54") < first.index("Lakeside 00")
    assert "Page 1 of 2" in first
    by_name = client.get(URL).content.decode()
    assert "Lakeside 54" not in by_name  # on page 2 by name
    found = client.get(URL, {"q": "side 5"}).content.decode()
    assert "Lakeside 50" in found
    assert "Lakeside 49" not in found
    assert "5 schools" in found


def test_a_principal_sees_only_their_school(cast, client_for, district, school, other_school):
    body = client_for(cast["principal"]).get(URL).content.decode()
    assert school.name in body
    assert other_school.name not in body


def test_another_districts_admin_sees_none_of_ours(cast, client_for, district, school):
    body = client_for(cast["outsider"]).get(URL).content.decode()
    assert school.name not in body


def test_teachers_are_refused_and_strangers_sent_to_sign_in(cast, client_for):
    assert client_for(cast["teacher"]).get(URL).status_code == 403
    assert client_for(None).get(URL)["Location"].startswith("/accounts/login/")


def test_a_sort_we_do_not_know_says_so_and_shows_schools_by_name(
    cast, client_for, district, school, other_school
):
    response = client_for(cast["admin"]).get(URL, {"sort": "salary", "page": "many"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "not one we know" in body
    assert body.index(other_school.name) < body.index(school.name)  # High before Middle


def test_its_query_count_does_not_grow_with_schools(cast, client_for, district, school):
    def grow():
        made = School.objects.bulk_create(
            School(district=district, name=f"Added {i:03d}") for i in range(120)
        )
        for i, added in enumerate(made[:20]):
            make_person(f"t{i}@maple.test", f"Tea Cher{i}", district, Role.TEACHER, added)
            ready(district, added, f"Rea Dy{i}")

    assert_flat_query_count(client_for(cast["admin"]), URL, grow, budget=12)


def test_the_dashboard_lists_the_thinnest_benches_when_schools_are_many(
    cast, client_for, district, school
):
    schools = School.objects.bulk_create(
        School(district=district, name=f"Hill {i:02d}") for i in range(dashboard.SCHOOLS_SHOWN + 5)
    )
    for found in schools[:10]:  # ten schools have somebody ready now
        ready(district, found, f"Rea Dy {found.name}")
    body = client_for(cast["admin"]).get("/pipeline/").content.decode()
    total = School.objects.filter(district=district).count()
    assert f"{total - 10} of {total} schools</strong> have nobody ready now" in body
    bench = body[body.index('id="bench-heading"') : body.index('id="nominations-heading"')]
    assert bench.count("<tr") == dashboard.SCHOOLS_SHOWN + 1  # the header row too
    # 22 schools with nobody ready, then three of the ten with one person ready, by name
    assert "Hill 02" in bench and "Hill 03" not in bench
    assert "Hill 29" in bench
    assert f"{URL}?sort=ready_now" in bench


def test_it_shows_only_the_schools_with_nobody_ready(
    cast, client_for, district, school, other_school
):
    """The dashboard's "schools with nobody ready" links here with ?only=nobody_ready."""
    ready(district, school, "Rea Dy")
    ready(district, other_school, "La Ter", readiness=Readiness.READY_LATER)
    client = client_for(cast["admin"])
    body = client.get(URL, {"only": "nobody_ready"}).content.decode()
    assert other_school.name in body and school.name not in body
    assert '<option value="nobody_ready" selected>' in body
    refused = client.get(URL, {"only": "everybody"}).content.decode()
    assert "not one we know" in refused
    assert other_school.name in refused and school.name in refused


def _drew_the_table(response):
    return "pipeline/_school_table.html" in [t.name for t in response.templates]


def test_the_table_is_drawn_once_per_count_search_sort_and_page(cast, client_for, district, school):
    for i in range(55):
        School.objects.create(district=district, name=f"Lakeside {i:02d}")
    client = client_for(cast["admin"])
    assert _drew_the_table(client.get(URL))
    assert not _drew_the_table(client.get(URL))
    # Another page, search or sort is another drawing, and each is right.
    second = client.get(URL, {"page": 2})
    assert _drew_the_table(second)
    assert "Page 2 of 2" in second.content.decode()
    found = client.get(URL, {"q": "side 5"})
    assert _drew_the_table(found)
    assert "5 schools" in found.content.decode()
    assert not _drew_the_table(client.get(URL, {"q": "side 5"}))
    # A change is counted again, and drawn again with it.
    ready(district, School.objects.get(name="Lakeside 54"), "Rea Dy")
    moved = client.get(URL, {"sort": "-ready_now"})
    assert _drew_the_table(moved)
    body = moved.content.decode()
    assert body.index("Lakeside 54") < body.index("Lakeside 00")
    # A principal's table is their own.
    mine = client_for(cast["principal"]).get(URL).content.decode()
    assert "Lakeside" not in mine
    assert school.name in mine


def test_the_rows_are_narrowed_once_a_visit_and_not_at_all_for_a_kept_table(
    cast, client_for, district, school, other_school
):
    """The table and a principal's "Your school" heading come from one narrowing of the kept
    rows; an admin's kept table needs none (1,800 rows in a large district)."""
    with mock.patch("pipeline.schools.narrowed", wraps=schools.narrowed) as narrowed:
        for visit in (1, 2):  # drawn, then kept
            body = client_for(cast["principal"]).get(URL).content.decode()
            assert "Your school</h1>" in body and school.name in body
            assert other_school.name not in body
            assert narrowed.call_count == visit
        client = client_for(cast["admin"])
        assert other_school.name in client.get(URL).content.decode()
        assert narrowed.call_count == 3
        assert other_school.name in client.get(URL).content.decode()
        assert narrowed.call_count == 3
