"""What HR and other systems write: positions, holders, departures, retirement eligibility,
role ends, outside experience, a candidate's stage and readiness. Each goes through the
page's own form and service, is audited as the token's admin, and refuses bad input per
field with nothing saved."""

import datetime

from django.utils import timezone

from leadership.models import AuditEvent
from opportunities.models import ExperienceEntry
from pipeline.models import CandidateChange
from pipeline.succession.models import Position, PositionKind, RoleTerm

WRITER = ["read:succession", "write:hr", "write:experience", "write:pipeline", "read:pipeline"]


def day(n):
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


def fields_of(response):
    assert response.status_code == 400, response.content
    return response.json()["error"]["fields"]


def test_it_adds_a_position_and_changes_its_title(world, api_for, district_admin, other_school):
    api = api_for(WRITER)
    kind = PositionKind.objects.get(district=other_school.district, key="assistant_principal")
    made = api.post(
        "/api/v1/positions/", {"kind": kind.pk, "school": other_school.pk, "level": "school"}
    )
    assert made.status_code == 201, made.content
    position = Position.objects.get(pk=made.json()["id"])
    assert (position.kind, position.school) == (kind, other_school)
    changed = api.patch(f"/api/v1/positions/{position.pk}/", {"title": "AP for grades 6-8"})
    assert changed.json()["title"] == "AP for grades 6-8"
    events = AuditEvent.objects.filter(object_id=str(position.pk), actor=district_admin)
    assert {e.action for e in events} == {"position.create", "position.update"}


def test_it_refuses_a_position_of_another_districts_kind_or_school(world, api_for):
    ours, theirs = world
    other_kind = theirs["position"].kind
    answer = api_for(WRITER).post(
        "/api/v1/positions/",
        {"kind": other_kind.pk, "school": theirs["school"].pk, "level": "school"},
    )
    assert set(fields_of(answer)) == {"kind", "school"}
    assert Position.objects.count() == 2


def test_it_records_a_retirement_date_and_a_departure(world, api_for, district_admin):
    ours, _ = world
    term = ours["term"]
    api = api_for(WRITER)
    answer = api.patch(
        f"/api/v1/role-terms/{term.pk}/",
        {"retirement_eligible_on": day(200), "departure_on": day(100)},
    )
    assert answer.status_code == 200, answer.content
    term.refresh_from_db()
    assert term.retirement_eligible_on.isoformat() == day(200)
    assert term.departure_on.isoformat() == day(100)
    event = AuditEvent.objects.get(action="role_term.update")
    assert event.actor == district_admin
    assert event.after == {"retirement_eligible_on": day(200), "departure_on": day(100)}
    again = api.patch(f"/api/v1/role-terms/{term.pk}/", {"retirement_eligible_on": day(200)})
    assert again.status_code == 200
    assert AuditEvent.objects.filter(action="role_term.update").count() == 1


def test_it_refuses_a_departure_in_the_past_and_unknown_fields(world, api_for):
    ours, _ = world
    api = api_for(WRITER)
    path = f"/api/v1/role-terms/{ours['term'].pk}/"
    assert "departure_on" in fields_of(api.patch(path, {"departure_on": day(-3)}))
    assert "salary" in fields_of(api.patch(path, {"salary": 1}))
    assert "retirement_eligible_on" in fields_of(
        api.patch(path, {"retirement_eligible_on": "next spring"})
    )
    ours["term"].refresh_from_db()
    assert ours["term"].departure_on is None


def test_it_adds_a_holder_and_ends_a_role(world, api_for, other_teacher):
    ours, _ = world
    api = api_for(WRITER)
    added = api.post(
        "/api/v1/role-terms/",
        {"position": ours["position"].pk, "email": other_teacher.email, "started_on": day(-1)},
    )
    assert added.status_code == 201, added.content
    term = RoleTerm.objects.get(pk=added.json()["id"])
    assert term.person == other_teacher
    ended = api.post(f"/api/v1/role-terms/{term.pk}/end/", {"ended_on": day(0), "reason": "left"})
    assert ended.json()["ended_on"] == day(0)
    twice = api.post(f"/api/v1/role-terms/{term.pk}/end/", {"ended_on": day(0), "reason": "left"})
    assert "already ended" in twice.json()["error"]["message"]


def test_it_refuses_a_holder_from_outside_the_roster_or_district(world, api_for, outsider):
    ours, theirs = world
    api = api_for(WRITER)
    stranger = api.post(
        "/api/v1/role-terms/",
        {"position": ours["position"].pk, "email": outsider.email, "started_on": day(-1)},
    )
    assert "email" in fields_of(stranger)
    elsewhere = api.post(
        "/api/v1/role-terms/",
        {"position": theirs["position"].pk, "email": ours["person"].email, "started_on": day(-1)},
    )
    assert "position" in fields_of(elsewhere)
    assert api.patch(f"/api/v1/role-terms/{theirs['term'].pk}/", {}).status_code == 404
    assert RoleTerm.objects.count() == 2


def test_it_adds_outside_experience_verified_by_the_tokens_admin(world, api_for, district_admin):
    ours, theirs = world
    api = api_for(WRITER)
    body = {"person": ours["person"].pk, "title": "Chaired the union's committee"}
    body.update(level="school", started_on=day(-400), ended_on=day(-30))
    added = api.post("/api/v1/experience/", body)
    assert added.status_code == 201, added.content
    entry = ExperienceEntry.objects.get(pk=added.json()["id"])
    assert entry.verified_by == district_admin
    assert AuditEvent.objects.filter(action="experience.add_outside", actor=district_admin)
    stranger = api.post("/api/v1/experience/", {**body, "person": theirs["person"].pk})
    assert "person" in fields_of(stranger)
    backwards = api.post("/api/v1/experience/", {**body, "ended_on": day(-500)})
    assert "ended_on" in fields_of(backwards)


def test_it_moves_a_candidate_with_a_note(world, api_for, district_admin):
    ours, theirs = world
    candidate = ours["candidate"]
    api = api_for(WRITER)
    path = f"/api/v1/candidates/{candidate.pk}/changes/"
    assert "note" in fields_of(api.post(path, {"stage": "ready_now"}))
    moved = api.post(path, {"stage": "ready_now", "note": "Led the spring pilot."})
    assert moved.status_code == 201, moved.content
    assert moved.json()["stage"] == "ready_now"
    change = CandidateChange.objects.get(note="Led the spring pilot.")
    assert change.changed_by == district_admin
    same = api.post(path, {"stage": "ready_now", "note": "Again."})
    assert "Nothing changed" in same.json()["error"]["message"]
    other = f"/api/v1/candidates/{theirs['candidate'].pk}/changes/"
    assert api.post(other, {"stage": "placed", "note": "x"}).status_code == 404


def test_it_refuses_a_body_that_is_not_a_json_object(world, api_for):
    api = api_for(WRITER)
    answer = api.client.post(
        "/api/v1/experience/", "[1, 2]", content_type="application/json", headers=api.headers
    )
    assert "JSON object" in answer.json()["error"]["message"]
    garbled = api.client.post(
        "/api/v1/experience/", "{not json", content_type="application/json", headers=api.headers
    )
    assert garbled.status_code == 400
    assert garbled.json()["error"]["code"] == "parse_error"
    form = api.client.post("/api/v1/experience/", {"title": "x"}, headers=api.headers)
    assert form.status_code == 415
