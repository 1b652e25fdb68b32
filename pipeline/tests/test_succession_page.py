"""/succession/: the openings ahead against the ready bench, each person counted once, the thin
spots, people on several slates; its people list and its export; who may see it."""

import io

import pytest
from openpyxl import load_workbook

from conftest import make_person
from leadership.models import AuditEvent, Level, Role
from leadership.tests.helpers import assert_flat_query_count
from pipeline.models import Stage
from pipeline.succession import page
from pipeline.succession.models import SchoolSupervisor, SuccessionSetting
from pipeline.tests.succession_data import (
    EMERGENCY,
    READY_LATER,
    READY_NOW,
    days,
    holder,
    position,
    ready_candidate,
    slate,
)

URL = "/succession/"


@pytest.fixture
def bench(district, school, other_school):
    """Two principal positions with known openings; Nora first on both slates."""
    first, second = position(district, school), position(district, other_school)
    holder(first, "Ann Leaving", departure_on=days(100))
    holder(second, "Ben Retiring", retirement_eligible_on=days(200))
    ap = position(district, school, key="assistant_principal")
    holder(ap, "Al Assistant", retirement_eligible_on=days(150))
    nora = ready_candidate(district, school, "Nora Ready")
    felix = ready_candidate(district, other_school, "Felix Later")
    slate(first, (nora, READY_NOW), (felix, READY_LATER))
    slate(second, (nora, READY_NOW), (felix, EMERGENCY))
    return {"first": first, "second": second, "ap": ap, "nora": nora, "felix": felix}


def row_of(body, kind):
    start = body.index(f'<th scope="row" class="fw-normal">{kind}</th>')
    return body[start : body.index("</tr>", start)]


def test_it_shows_openings_against_people_each_counted_once(cast, client_for, bench):
    response = client_for(cast["admin"]).get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    principal = row_of(body, "Principal")
    # 2 known openings in the next 12 months, 1 ready-now person (Nora, on two slates).
    assert ">2</a>" in principal
    assert 'successors ready now">1</a>' in principal
    assert "Each person is counted once, however many slates name them" in body
    assert "2 people are named 4 times on open slates" in body
    # Nora is flagged: ranked first on two slates, each linked.
    several = body[body.index('id="several-slates"') :]
    assert "Nora Ready" in several and "ranked first on 2" in several
    assert f'href="/positions/{bench["first"].pk}/"' in several
    # Her name opens her leadership profile (in the side panel on a wide screen).
    assert f'href="/people/{bench["nora"].user_id}/" data-profile-panel>Nora Ready</a>' in several
    assert "/pipeline/candidates/" not in several[: several.index("</ul>")]
    # The AP leaves within a year and nobody is ready: the school is listed.
    leaving = body[body.index('id="leaving-heading"') : body.index('id="known-heading"')]
    assert "Al Assistant" in leaving and "Ann Leaving" not in leaving
    # Each figure links to what is behind it.
    assert f"/succession/people/?kind={bench['first'].kind_id}&amp;level=school" in principal
    assert f"/positions/?kind={bench['first'].kind_id}&amp;level=school&amp;state=1" in principal


def test_it_explains_the_expected_openings_in_words(cast, client_for, bench):
    holder(bench["first"], "Old Principal", started_days_ago=2000, ended_on=days(-1000))
    body = client_for(cast["admin"]).get(URL).content.decode()
    assert "How the expected openings were reached" in body
    assert "1 principal term ended, out of" in body
    assert "leave a year" in body and "holders with no known opening ×" in body


def test_a_placed_person_no_longer_counts(cast, client_for, bench):
    bench["nora"].stage = Stage.PLACED
    bench["nora"].save()
    body = client_for(cast["admin"]).get(URL).content.decode()
    assert 'successors ready now">0</a>' in row_of(body, "Principal")
    assert "1 person is named 2 times on open slates" in body


def test_the_people_behind_a_figure_each_once(cast, client_for, bench):
    kind = bench["first"].kind_id
    body = (
        client_for(cast["admin"])
        .get(f"/succession/people/?kind={kind}&level=school&readiness=ready_now")
        .content.decode()
    )
    table = body[body.index('id="slate-people"') :]
    assert table.count("Nora Ready") == 1 and "Felix Later" not in table
    nora = bench["nora"].user_id
    assert f'<a href="/people/{nora}/" data-profile-panel>Nora Ready</a>' in table
    several = client_for(cast["admin"]).get("/succession/people/?several=on").content.decode()
    assert "Nora Ready" in several and "Felix Later" in several


def test_it_exports_the_page_as_csv_and_xlsx_escaped(cast, client_for, bench):
    bench["nora"].user.full_name = "=HYPERLINK(1)"
    bench["nora"].user.save()
    client = client_for(cast["admin"])
    text = client.get("/succession/export/csv/").content.decode()
    assert "Openings and bench" in text and "'=HYPERLINK(1)" in text
    assert "Principal,School,2," in text
    response = client.get("/succession/export/xlsx/")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Openings and bench", "Known openings", "On several slates"]
    assert book["On several slates"]["A2"].value == "'=HYPERLINK(1)"
    assert client.get("/succession/export/pdf/").status_code == 404
    assert AuditEvent.objects.filter(action="succession.view", summary__contains="XLSX").exists()


def test_every_view_is_audited(cast, client_for, bench):
    client_for(cast["admin"]).get(URL)
    event = AuditEvent.objects.filter(action="succession.view").latest("at")
    assert event.actor == cast["admin"] and "the succession page" in event.summary


def test_it_requires_a_sign_in(client, bench):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["principal", "teacher", "coach", "other_principal"])
def test_it_refuses_everybody_but_district_admins(cast, client_for, bench, who):
    assert client_for(cast[who]).get(URL).status_code == 403
    assert client_for(cast[who]).get("/succession/people/").status_code == 403
    assert client_for(cast[who]).get("/succession/export/csv/").status_code == 403


def test_never_the_people_on_the_slates(client_for, bench):
    assert client_for(bench["nora"].user).get(URL).status_code == 403


def test_another_districts_admin_sees_only_their_own(cast, client_for, bench):
    body = client_for(cast["outsider"]).get(URL).content.decode()
    assert "Nora Ready" not in body and "No positions yet" in body


def test_a_principal_supervisor_sees_their_schools_when_the_district_allows(
    cast, client_for, district, school, bench
):
    supervisor = make_person(
        "super@maple.test", "Sue Pervisor", district, Role.TEACHER, level=Level.DISTRICT
    )
    SchoolSupervisor.objects.create(district=district, supervisor=supervisor, school=school)
    client = client_for(supervisor)
    assert client.get(URL).status_code == 403  # the district has not turned it on
    SuccessionSetting.objects.create(district=district, supervisors_see_succession=True)
    body = client_for(supervisor).get(URL).content.decode()
    assert "Only the schools you supervise are shown" in body
    assert "Al Assistant" in body and "Ben Retiring" not in body
    assert "Add a position" not in body
    # A principal who supervises nothing still sees nothing.
    assert client_for(cast["principal"]).get(URL).status_code == 403


def test_its_query_count_does_not_grow_with_positions_or_slates(
    cast, client_for, district, school, other_school, bench
):
    """The page counts in SQL by kind and level: a district of 1,800 schools makes the same
    queries as one of two (issue 15 asks for flat counts at the large size)."""

    def grow():
        for i in range(6):
            post = position(district, school if i % 2 else other_school, title=f"Post {i}")
            holder(post, f"Holder {i}", departure_on=days(30 + i), started_days_ago=100 + i)
            person = ready_candidate(district, school, f"Extra Person {i}")
            slate(post, (person, READY_NOW), (bench["felix"], READY_LATER))

    # 14 at most: positions with their holders, and ready successors, are grouped counts (one
    # statement with three EXISTS per position took several times longer at 6,000 positions);
    # the vacant positions are read only when one could be listed (one fewer query when not).
    assert_flat_query_count(client_for(cast["admin"]), URL, grow, budget=14)


def test_it_lists_a_vacancy_only_where_it_falls_among_the_first_openings(
    cast, client_for, district, school, monkeypatch
):
    """A vacancy opens today, so the openings already past come first: the page reads the
    vacant positions only when one could be listed, and counts them either way."""
    monkeypatch.setattr(page, "SHOWN", 1)
    client = client_for(cast["admin"])

    def known():
        body = client.get(URL).content.decode()
        return body[body.index('id="known-heading"') : body.index('id="several-heading"')]

    position(district, school, title="Empty Chair")
    assert "Empty Chair" in known()
    overdue = position(district, school, title="Overdue Post")
    holder(overdue, "Olga Overdue", departure_on=days(-10))
    listed = known()
    assert "Overdue Post" in listed and "Empty Chair" not in listed
    assert "All 2 known openings of the next 12 months" in listed


def test_the_people_list_query_count_is_flat(cast, client_for, district, school, bench):
    def grow():
        for i in range(5):
            slate(bench["ap"], (ready_candidate(district, school, f"More {i}"), READY_LATER))

    assert_flat_query_count(client_for(cast["admin"]), "/succession/people/", grow, budget=8)


def test_the_page_lists_the_first_rows_and_the_export_all_of_them(
    cast, client_for, bench, district, school, monkeypatch
):
    monkeypatch.setattr(page, "SHOWN", 1)
    other = ready_candidate(district, school, "Omar Other")
    slate(bench["first"], (other, READY_LATER))
    slate(bench["second"], (other, READY_LATER))
    client = client_for(cast["admin"])
    body = client.get(URL).content.decode()
    several = body[body.index('id="several-slates"') : body.index('id="placed-heading"')]
    assert "Nora Ready" in several and "Omar Other" not in several
    assert "All 3</a>" in several  # Nora, Felix and Omar
    text = client.get("/succession/export/csv/").content.decode()
    assert "Omar Other" in text and "Felix Later" in text


def test_the_page_is_drawn_once_per_count_and_its_forms_carry_each_visits_token(
    cast, bench, district
):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast["admin"], backend="leadership.sso.backends.PersonBackend")
    drew = [t.name for t in client.get(URL).templates]
    assert "pipeline/succession/_overview_body.html" in drew
    again = client.get(URL)
    assert "pipeline/succession/_overview_body.html" not in [t.name for t in again.templates]
    assert AuditEvent.objects.filter(action="succession.view").count() == 2  # each visit
    body = again.content.decode()
    token = body.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert "csrf-slot" not in body
    kind = bench["first"].kind_id
    opened = client.post(
        "/succession/slates/open/", {"kind": kind, "level": "school", "csrfmiddlewaretoken": token}
    )
    assert opened.status_code == 302  # the token was this visit's: no 403
    # A change is counted again, and the page drawn again with it.
    bench["nora"].stage = Stage.PLACED
    bench["nora"].save()
    moved = client.get(URL)
    assert "pipeline/succession/_overview_body.html" in [t.name for t in moved.templates]
    assert "1 person is named 2 times on open slates" in moved.content.decode()


def test_two_admins_served_one_drawing_each_get_their_own_token(cast, bench, district):
    """The page is drawn once for both (same figures); each form carries its viewer's token."""
    from django.test import Client

    second = make_person(
        "admin2@maple.test", "Ada Admin", district, Role.DISTRICT_ADMIN, level=Level.DISTRICT
    )
    clients = []
    for user in (cast["admin"], second):
        client = Client(enforce_csrf_checks=True)
        client.force_login(user, backend="leadership.sso.backends.PersonBackend")
        clients.append(client)
    drew = [t.name for t in clients[0].get(URL).templates]
    assert "pipeline/succession/_overview_body.html" in drew
    tokens = []
    for client in clients:
        again = client.get(URL)
        assert "pipeline/succession/_overview_body.html" not in [t.name for t in again.templates]
        body = again.content.decode()
        assert "csrf-slot" not in body
        tokens.append(body.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0])
    form = {"kind": bench["first"].kind_id, "level": "school"}
    for client, own, others in ((clients[0], *tokens), (clients[1], *reversed(tokens))):
        # The other admin's token is refused; their own is accepted.
        refused = client.post("/succession/slates/open/", {**form, "csrfmiddlewaretoken": others})
        assert refused.status_code == 403
        opened = client.post("/succession/slates/open/", {**form, "csrfmiddlewaretoken": own})
        assert opened.status_code == 302
