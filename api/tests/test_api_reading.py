"""What the API reads: every collection of the token's district and nothing of another's,
no confidential field, no reflection text; cursor pages and updated_since."""

import datetime

import pytest
from django.utils import timezone

from api.tests.world import EVIDENCE
from leadership.models import School, User
from opportunities.models import Application
from pipeline.tests import profile_data

COLLECTIONS = [
    "schools",
    "people",
    "memberships",
    "candidates",
    "candidate-changes",
    "programs",
    "cohorts",
    "enrollments",
    "attendance",
    "nominations",
    "opportunities",
    "applications",
    "experience",
    "position-kinds",
    "positions",
    "role-terms",
    "slates",
]
NEVER = [
    profile_data.SHARED,
    profile_data.SECRET,
    profile_data.DRAFT,
    profile_data.FEEDBACK_SHARED,
    profile_data.FEEDBACK_SECRET,
    "Glad to.",  # an applicant's note to whoever posted
]


def everything(api):
    return {name: api.get(f"/api/v1/{name}/", page_size=500) for name in COLLECTIONS}


def test_it_reads_every_collection_of_its_own_district_only(world, api_for):
    ours, theirs = world
    answers = everything(api_for())
    for name, response in answers.items():
        assert response.status_code == 200, name
        assert response.json()["results"], f"{name} is empty"
    people = {row["id"] for row in answers["people"].json()["results"]}
    assert ours["person"].pk in people
    assert theirs["person"].pk not in people
    assert {r["id"] for r in answers["candidates"].json()["results"]} == {ours["candidate"].pk}
    assert {r["id"] for r in answers["positions"].json()["results"]} == {ours["position"].pk}
    assert {r["id"] for r in answers["slates"].json()["results"]} == {ours["slate"].pk}
    schools = {r["name"] for r in answers["schools"].json()["results"]}
    assert "Cedar Falls Middle School" not in schools


def test_it_answers_404_for_another_districts_ids(world, api_for):
    ours, theirs = world
    api = api_for()
    for name, key in [
        ("people", "person"),
        ("candidates", "candidate"),
        ("nominations", "nomination"),
        ("programs", "program"),
        ("cohorts", "cohort"),
        ("positions", "position"),
        ("role-terms", "term"),
        ("slates", "slate"),
    ]:
        assert api.get(f"/api/v1/{name}/{ours[key].pk}/").status_code == 200, name
        response = api.get(f"/api/v1/{name}/{theirs[key].pk}/")
        assert response.status_code == 404, name
        assert response.json()["error"]["code"] == "not_found"


def test_it_never_sends_reflection_text_nor_private_fields(world, api_for):
    api = api_for()
    text = "".join(r.content.decode() for r in everything(api).values())
    text += api.get("/api/v1/figures/").content.decode()
    for marker in NEVER:
        assert marker not in text
    person = api.get(f"/api/v1/people/{world[0]['person'].pk}/").json()
    assert set(person) == {"id", "full_name", "email", "memberships"}


def test_it_shows_what_nominators_wrote_only_with_its_scope(world, api_for):
    ours, _ = world
    path = f"/api/v1/nominations/{ours['nomination'].pk}/"
    plain = api_for(["read:programs"]).get(path).json()
    assert plain["status"] == "accepted"
    assert "rationale" not in plain and "evidence" not in plain
    assert EVIDENCE not in str(plain)
    full = api_for(["read:programs", "read:nomination_text"]).get(path).json()
    assert full["rationale"] == profile_data.RATIONALE
    assert full["evidence"][0]["seen"] == EVIDENCE


def test_it_leaves_draft_applications_out(world, api_for):
    ours, _ = world
    application = Application.objects.filter(applicant=ours["person"]).first()
    application.status = "draft"
    application.save()
    found = api_for().get("/api/v1/applications/").json()["results"]
    assert application.pk not in {row["id"] for row in found}
    assert len(found) == 1


def test_it_pages_with_a_cursor(world, api_for, district):
    for n in range(7):
        School.objects.create(district=district, name=f"Extra school {n}")
    api = api_for()
    seen, page = [], api.get("/api/v1/schools/", page_size=3).json()
    while True:
        seen += [row["id"] for row in page["results"]]
        if not page["next"]:
            break
        page = api.client.get(page["next"], headers=api.headers).json()
    assert seen == sorted(seen)
    assert len(seen) == School.objects.filter(district=district).count() == 9


def test_it_lists_only_what_changed_since(world, api_for):
    ours, _ = world
    api = api_for()
    later = timezone.now() + datetime.timedelta(seconds=1)
    assert api.get("/api/v1/candidates/", updated_since=later.isoformat()).json()["results"] == []
    candidate = ours["candidate"]
    candidate.target_role = "Principal"
    candidate.save(update_fields=["target_role"])  # api/stamps.py moves updated_at
    since = (later - datetime.timedelta(seconds=2)).isoformat()
    found = api.get("/api/v1/candidates/", updated_since=since).json()["results"]
    assert [row["id"] for row in found] == [candidate.pk]
    assert api.get("/api/v1/people/", updated_since="2999-01-01").json()["results"] == []


def test_it_reads_any_offset_iso_allows(world, api_for):
    """PostgreSQL takes offsets up to 15:59; ISO 8601 and Python up to 23:59."""
    api = api_for()
    found = api.get("/api/v1/candidates/", updated_since="1989-07-13T06:35:28-20:33")
    assert found.status_code == 200
    assert found.json()["results"]
    assert (
        api.get("/api/v1/role-terms/", updated_since="0325-10-31T12:27:07-16:19").status_code == 200
    )


@pytest.mark.parametrize(
    "value", ["yesterday", "2026-13-01", "1", "2026-02-30T10:00", "0001-01-01T00:00:00+05:00"]
)
def test_it_refuses_an_updated_since_it_cannot_read(world, api_for, value):
    response = api_for().get("/api/v1/candidates/", updated_since=value)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert "ISO 8601" in error["fields"]["updated_since"][0]


def test_it_gives_the_pipeline_figures_and_openings(world, api_for):
    api = api_for()
    figures = api.get("/api/v1/figures/").json()
    assert figures["counted_at"]
    assert figures["figures"]
    openings = api.get("/api/v1/openings/").json()
    assert openings["groups"][0]["kind_name"] == "Principal"
    assert len(openings["years"]) == 3


def test_it_pages_people_forwards_and_back(world, api_for, district):
    api = api_for()

    def follow(url):
        return api.client.get(url, headers=api.headers).json()

    first = api.get("/api/v1/people/", page_size=2).json()
    pages, page = [first], first
    while page["next"]:
        page = follow(page["next"])
        pages.append(page)
    seen = [row["id"] for page in pages for row in page["results"]]
    expected = User.objects.filter(memberships__district=district).distinct()
    assert seen == sorted(expected.values_list("pk", flat=True))
    back = follow(pages[-1]["previous"])
    assert [row["id"] for row in back["results"]] == [row["id"] for row in pages[-2]["results"]]
