"""Slates: adding people (by email or from a suggestion), ranking, readiness and reasons,
taking people off; the slate of a kind's expected openings; bad input refused."""

import pytest
from django.utils import timezone

from conftest import make_person
from leadership.models import AuditEvent, Role
from pipeline.models import Stage
from pipeline.succession.models import SchoolSupervisor, Slate, SlateEntry, SuccessionSetting
from pipeline.tests.pipeline_data import candidate
from pipeline.tests.succession_data import (
    READY_LATER,
    READY_NOW,
    holder,
    kind,
    position,
    ready_candidate,
    slate,
)


@pytest.fixture
def post(district, school):
    found = position(district, school)
    holder(found, "Hal Holder")
    return found


def add(client, post, **data):
    data.setdefault("readiness", "ready_now")
    return client.post(f"/positions/{post.pk}/slate/add/", data)


def ranked(post):
    found = Slate.objects.get(position=post, filled_at__isnull=True)
    return [(e.candidate.user.full_name, e.rank) for e in found.entries.all()]


def test_an_admin_adds_people_by_email_and_from_suggestions(
    cast, client_for, district, school, post
):
    nora = ready_candidate(district, school, "Nora Ready")
    felix = ready_candidate(district, school, "Felix Later")
    client = client_for(cast["admin"])
    response = add(client, post, email=nora.user.email, reasons="Ran summer school.")
    assert response["Location"] == f"/positions/{post.pk}/"
    add(client, post, candidate=felix.pk, readiness="ready_later")
    assert ranked(post) == [("Nora Ready", 1), ("Felix Later", 2)]
    entry = SlateEntry.objects.get(candidate=nora)
    assert entry.reasons == "Ran summer school." and entry.added_by == cast["admin"]
    assert AuditEvent.objects.filter(action="slate_entry.add").count() == 2
    body = client.get(f"/positions/{post.pk}/").content.decode()
    assert "Nora Ready is on the slate at rank 1." in body
    assert "Felix Later is on the slate at rank 2." in body


def test_the_same_person_twice_is_refused(cast, client_for, district, school, post):
    nora = ready_candidate(district, school, "Nora Ready")
    client = client_for(cast["admin"])
    add(client, post, email=nora.user.email)
    response = add(client, post, candidate=nora.pk, readiness="ready_later")
    body = client.get(response["Location"]).content.decode()
    assert "Nora Ready is already on this slate (ranked 1); nobody is on a slate twice." in body
    assert SlateEntry.objects.filter(candidate=nora).count() == 1


def test_someone_from_another_district_is_not_found(
    cast, client_for, other_district, post, outsider
):
    stranger = candidate(other_district, None, "Far Away")
    client = client_for(cast["admin"])
    assert add(client, post, candidate=stranger.pk).status_code == 404
    response = add(client, post, email=stranger.user.email)
    body = client.get(response["Location"]).content.decode()
    assert "Nobody in the district&#x27;s pipeline has this email address" in body
    assert not SlateEntry.objects.exists()


def test_an_unknown_or_missing_person_gets_a_message(cast, client_for, post):
    client = client_for(cast["admin"])
    response = add(client, post)
    assert (
        "Give the email address of the person to add"
        in client.get(response["Location"]).content.decode()
    )
    response = add(client, post, readiness="ready_soonish", email="x@maple.test")
    assert "Nothing was saved" in client.get(response["Location"]).content.decode()
    assert not SlateEntry.objects.exists()


def test_a_placed_person_is_not_added(cast, client_for, district, school, post):
    gone = candidate(district, school, "Gone Already", Stage.PLACED)
    client = client_for(cast["admin"])
    response = add(client, post, candidate=gone.pk)
    body = client.get(response["Location"]).content.decode()
    assert "Gone Already is placed: move them back into the pipeline first." in body
    assert not SlateEntry.objects.exists()


def test_an_admin_reranks_edits_and_removes(cast, client_for, district, school, post):
    a, b, c = (ready_candidate(district, school, name) for name in ("Ann A", "Ben B", "Cy C"))
    found = slate(post, (a, READY_NOW), (b, READY_NOW), (c, READY_LATER))
    entries = {e.candidate_id: e for e in found.entries.all()}
    client = client_for(cast["admin"])
    client.post(f"/succession/entries/{entries[c.pk].pk}/move/", {"direction": "up"})
    assert ranked(post) == [("Ann A", 1), ("Cy C", 2), ("Ben B", 3)]
    response = client.post(f"/succession/entries/{entries[a.pk].pk}/move/", {"direction": "up"})
    assert "Ann A is already first." in client.get(response["Location"]).content.decode()
    client.post(
        f"/succession/entries/{entries[b.pk].pk}/",
        {"readiness": "emergency", "reasons": "Interim cover only."},
    )
    entries[b.pk].refresh_from_db()
    assert (entries[b.pk].readiness, entries[b.pk].reasons) == ("emergency", "Interim cover only.")
    client.post(f"/succession/entries/{entries[a.pk].pk}/remove/")
    assert ranked(post) == [("Cy C", 1), ("Ben B", 2)]
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"slate_entry.move", "slate_entry.update", "slate_entry.remove"} <= actions


@pytest.mark.parametrize("who, status", [("principal", 403), ("teacher", 403), ("outsider", 404)])
def test_only_the_districts_admins_change_a_slate(
    cast, client_for, district, school, post, who, status
):
    nora = ready_candidate(district, school, "Nora Ready")
    entry = slate(post, (nora, READY_NOW)).entries.get()
    client = client_for(cast[who])
    assert add(client, post, candidate=nora.pk).status_code == status
    assert client.post(
        f"/succession/entries/{entry.pk}/move/", {"direction": "down"}
    ).status_code == (status)
    assert client.post(
        f"/succession/entries/{entry.pk}/", {"readiness": "emergency"}
    ).status_code == (status)
    assert client.post(f"/succession/entries/{entry.pk}/remove/").status_code == status
    assert SlateEntry.objects.filter(pk=entry.pk, readiness="ready_now").exists()


def test_slate_changes_need_a_post(cast, client_for, district, school, post):
    entry = slate(post, (ready_candidate(district, school, "Nora Ready"), READY_NOW)).entries.get()
    client = client_for(cast["admin"])
    for path in ("", "move/", "remove/"):
        assert client.get(f"/succession/entries/{entry.pk}/{path}").status_code == 405


def test_a_slate_for_the_expected_openings_of_a_kind(cast, client_for, district, school):
    ap = kind(district, "assistant_principal")
    client = client_for(cast["admin"])
    response = client.post("/succession/slates/open/", {"kind": ap.pk, "level": "school"})
    found = Slate.objects.get(kind=ap, level="school")
    assert response["Location"] == f"/succession/slates/{found.pk}/"
    again = client.post("/succession/slates/open/", {"kind": ap.pk, "level": "school"})
    assert again["Location"] == response["Location"]
    person = ready_candidate(district, school, "Aspiring Assistant", target_role="AP")
    body = client.get(response["Location"]).content.decode()
    assert "Aspiring Assistant" in body[body.index('id="suggestions"') :]
    client.post(
        f"/succession/slates/{found.pk}/add/", {"candidate": person.pk, "readiness": "ready_now"}
    )
    assert found.entries.get().candidate == person
    # It counts on the succession page even with no assistant principal position yet.
    page = client.get("/succession/").content.decode()
    row = page[page.index('<th scope="row" class="fw-normal">Assistant principal</th>') :]
    assert 'successors ready now">1</a>' in row[: row.index("</tr>")]


def test_a_kind_slate_is_the_admins_alone(cast, client_for, district):
    ap = kind(district, "assistant_principal")
    found = Slate.objects.create(district=district, kind=ap, level="school")
    assert client_for(cast["principal"]).get(f"/succession/slates/{found.pk}/").status_code == 403
    assert client_for(cast["outsider"]).get(f"/succession/slates/{found.pk}/").status_code == 404
    response = client_for(cast["outsider"]).post(
        "/succession/slates/open/", {"kind": ap.pk, "level": "school"}
    )
    assert response.status_code == 404
    response = client_for(cast["admin"]).post(
        "/succession/slates/open/", {"kind": ap.pk, "level": "galaxy"}
    )
    assert response["Location"] == "/succession/"
    assert Slate.objects.count() == 1


def test_a_filled_slate_cannot_change(cast, client_for, district, school, post):
    found = slate(post, (ready_candidate(district, school, "Nora Ready"), READY_NOW))
    found.filled_at = timezone.now()
    found.save()
    entry = found.entries.get()
    client = client_for(cast["admin"])
    response = client.post(f"/succession/entries/{entry.pk}/remove/")
    assert "kept as history; it cannot change" in client.get(response["Location"]).content.decode()
    assert SlateEntry.objects.filter(pk=entry.pk).exists()
    body = client.get(f"/succession/slates/{found.pk}/").content.decode()
    assert "Filled on" in body and "Nora Ready" in body and "Take off the slate" not in body


def test_a_name_on_a_slate_opens_the_persons_profile(cast, client_for, district, school, post):
    ap = kind(district, "assistant_principal")
    found = Slate.objects.create(district=district, kind=ap, level="school")
    nora = ready_candidate(district, school, "Nora Ready", target_role="AP")
    SlateEntry.objects.create(slate=found, candidate=nora, rank=1, readiness=READY_NOW)
    body = client_for(cast["admin"]).get(f"/succession/slates/{found.pk}/").content.decode()
    entries = body[body.index('id="slate-entries"') : body.index('id="add-heading"')]
    profile = f'<a href="/people/{nora.user_id}/" data-profile-panel>Nora Ready</a>'
    assert profile in entries
    # The pipeline record is a link of its own, named as such.
    record = f'href="/pipeline/candidates/{nora.pk}/">Pipeline record'
    assert record in entries and f'/pipeline/candidates/{nora.pk}/">Nora Ready' not in entries
    # A filled slate, kept as history, still names people by their profile.
    found.filled_at = timezone.now()
    found.save()
    body = client_for(cast["admin"]).get(f"/succession/slates/{found.pk}/").content.decode()
    assert profile in body


def test_a_supervisor_reads_names_without_links_to_pages_they_may_not_open(
    client_for, district, school, post
):
    supervisor = make_person("sup@maple.test", "Sue Pervisor", district, Role.COACH, school)
    SchoolSupervisor.objects.create(district=district, supervisor=supervisor, school=school)
    SuccessionSetting.objects.create(district=district, supervisors_see_succession=True)
    nora = ready_candidate(district, school, "Nora Ready")
    slate(post, (nora, READY_NOW))
    body = client_for(supervisor).get(f"/positions/{post.pk}/").content.decode()
    entries = body[body.index('id="slate-entries"') :]
    assert "Nora Ready" in entries
    assert "/pipeline/candidates/" not in entries and f"/people/{nora.user_id}/" not in entries
