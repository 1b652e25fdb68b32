from leadership.models import AuditEvent
from pipeline.models import CandidateChange, Readiness, Stage
from pipeline.tests.pipeline_data import candidate


def url(c):
    return f"/pipeline/candidates/{c.pk}/change/"


def post(client, person, **data):
    fields = {"stage": person.stage, "readiness": person.readiness, "note": "Because."}
    fields.update(data)
    return client.post(url(person), fields, follow=True)


def test_it_changes_stage_and_readiness_with_a_note(cast, client_for, district, school):
    person = candidate(district, school, "Cara Change")
    response = post(
        client_for(cast["admin"]),
        person,
        stage=Stage.READY_LATER,
        readiness=Readiness.READY_LATER,
        note="Finished the aspiring leaders program",
    )
    assert "stage and readiness are saved" in response.content.decode()
    person.refresh_from_db()
    assert person.stage == Stage.READY_LATER
    assert person.readiness == Readiness.READY_LATER
    assert person.readiness_set_by == cast["admin"]
    assert CandidateChange.objects.filter(candidate=person).count() == 2
    events = AuditEvent.objects.filter(object_id=str(person.pk)).order_by("action")
    assert [e.action for e in events] == ["candidate.readiness", "candidate.stage"]
    assert events[1].before == {"stage": "identified"}
    assert events[1].after["stage"] == "ready_later"


def test_it_refuses_a_change_without_a_note(cast, client_for, district, school):
    person = candidate(district, school, "Nora Nonote")
    response = post(client_for(cast["admin"]), person, stage=Stage.PLACED, note="  ")
    assert "say why" in response.content.decode() or "Write a short note" in (
        response.content.decode()
    )
    person.refresh_from_db()
    assert person.stage == Stage.IDENTIFIED
    assert not CandidateChange.objects.exists()
    assert not AuditEvent.objects.exists()


def test_it_says_when_nothing_changed(cast, client_for, district, school):
    person = candidate(district, school, "Ned Nothing")
    response = post(client_for(cast["admin"]), person)
    assert "Nothing changed" in response.content.decode()
    assert not CandidateChange.objects.exists()


def test_it_refuses_an_unknown_stage(cast, client_for, district, school):
    person = candidate(district, school, "Una Unknown")
    post(client_for(cast["admin"]), person, stage="promoted")
    person.refresh_from_db()
    assert person.stage == Stage.IDENTIFIED


def test_it_refuses_the_principal(cast, client_for, district, school):
    person = candidate(district, school, "Pat Principalpost")
    response = client_for(cast["principal"]).post(
        url(person), {"stage": Stage.PLACED, "readiness": "ready_now", "note": "x"}
    )
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.stage == Stage.IDENTIFIED


def test_it_hides_the_candidate_from_other_districts(cast, client_for, district, school):
    person = candidate(district, school, "Oz Other")
    response = client_for(cast["outsider"]).post(
        url(person), {"stage": Stage.PLACED, "readiness": "ready_now", "note": "x"}
    )
    assert response.status_code == 404


def test_it_is_post_only(cast, client_for, district, school):
    person = candidate(district, school, "Gus Get")
    assert client_for(cast["admin"]).get(url(person)).status_code == 405
