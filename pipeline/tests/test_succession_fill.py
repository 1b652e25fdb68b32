"""Filling a position from its slate: a page that says exactly what will change, then the
placement: the person's stage becomes placed, they gain the role, the old holder's role ends,
the slate is kept as history."""

import pytest
from django.utils.formats import date_format

from leadership.models import AuditEvent
from pipeline.models import CandidateChange, Stage
from pipeline.succession.models import Placement, RoleTerm, Slate
from pipeline.tests.pipeline_data import candidate
from pipeline.tests.succession_data import (
    READY_LATER,
    READY_NOW,
    days,
    holder,
    position,
    ready_candidate,
    slate,
)


@pytest.fixture
def vacancy(district, school, other_school):
    """A principal leaving, Nora first on the slate and already an assistant principal."""
    post = position(district, school)
    old = holder(post, "Paul Leaving", departure_on=days(30))
    nora = ready_candidate(district, other_school, "Nora Ready")
    ap = position(district, other_school, key="assistant_principal")
    ap_term = RoleTerm.objects.create(
        district=district, position=ap, person=nora.user, started_on=days(-900)
    )
    felix = ready_candidate(district, school, "Felix Later")
    found = slate(post, (nora, READY_NOW), (felix, READY_LATER))
    other = position(district, other_school)
    slate(other, (nora, READY_NOW))
    return {
        "post": post,
        "old": old,
        "nora": nora,
        "ap_term": ap_term,
        "slate": found,
        "entry": found.entries.get(candidate=nora),
        "other": other,
    }


def fill(client, v, confirmed=False, **data):
    data = {
        "entry": v["entry"].pk,
        "starts_on": days(31).isoformat(),
        "end_other_roles": "on",
        "note": "Chosen by the panel.",
        **data,
    }
    if confirmed:
        data.update(confirmed="yes", told="")
    return client.post(f"/positions/{v['post'].pk}/fill/", data)


def test_it_asks_first_saying_exactly_what_changes(cast, client_for, vacancy):
    response = fill(client_for(cast["admin"]), vacancy)
    body = response.content.decode()
    assert response.status_code == 200
    when = date_format(days(31))
    assert "Place Nora Ready as Principal, Maple Grove Middle School?" in body
    assert f"Nora Ready becomes Principal, Maple Grove Middle School from {when}" in body
    last = date_format(days(30))
    middle, high = "Maple Grove Middle School", "Maple Grove High School"
    assert f"Paul Leaving&#x27;s role as Principal, {middle} ends: {last} is the last day" in body
    assert f"Nora Ready&#x27;s role as Assistant principal, {high} ends: {last} is the last" in body
    assert "stage in the pipeline becomes Placed (from Ready now)" in body
    assert "This slate is kept as history" in body
    assert "Nora Ready stays on 1 other slate(s), marked placed" in body
    assert "Nobody is emailed." in body
    # Nothing changed yet.
    assert not Placement.objects.exists()
    vacancy["nora"].refresh_from_db()
    assert vacancy["nora"].stage == Stage.READY_NOW


def test_confirmed_it_records_the_placement(cast, client_for, vacancy):
    client = client_for(cast["admin"])
    response = fill(client, vacancy, confirmed=True)
    assert response["Location"] == f"/positions/{vacancy['post'].pk}/"
    placement = Placement.objects.get()
    nora = vacancy["nora"]
    nora.refresh_from_db()
    assert nora.stage == Stage.PLACED
    change = CandidateChange.objects.get(candidate=nora, field="stage")
    assert change.new_value == Stage.PLACED and "Placed as Principal" in change.note
    assert change.changed_by == cast["admin"]
    term = placement.term
    assert (term.person, term.position, term.started_on) == (nora.user, vacancy["post"], days(31))
    assert term.source == RoleTerm.Source.PLACEMENT
    vacancy["old"].refresh_from_db()
    assert vacancy["old"].ended_on == days(30) and vacancy["old"].end_reason == "replaced"
    vacancy["ap_term"].refresh_from_db()
    assert vacancy["ap_term"].ended_on == days(30) and vacancy["ap_term"].end_reason == "moved"
    kept = Slate.objects.get(pk=vacancy["slate"].pk)
    assert kept.filled_at is not None and kept.entries.count() == 2
    assert AuditEvent.objects.filter(action="placement.record").exists()
    # The person's page, the dashboard and the succession page all show it.
    record = client.get(f"/pipeline/candidates/{nora.pk}/").content.decode()
    positions = record[record.index('id="candidate-positions"') :]
    assert (
        "Principal, Maple Grove Middle School" in positions and "Placed from a slate" in positions
    )
    assert "Placed" in record
    dashboard = client.get("/pipeline/").content.decode()
    placed = dashboard[dashboard.index('id="dashboard-placements"') :]
    # The name opens Nora's leadership profile; her pipeline record is a link of its own.
    assert f'<a href="/people/{nora.user_id}/" data-profile-panel>Nora Ready</a>' in placed
    assert f'<a class="small" href="/pipeline/candidates/{nora.pk}/">Pipeline record' in placed
    page = client.get("/succession/").content.decode()
    assert "Nora Ready</a> placed as" in page[page.index('id="recent-placements"') :]


def test_other_roles_stay_when_asked(cast, client_for, vacancy):
    fill(client_for(cast["admin"]), vacancy, confirmed=True, end_other_roles="")
    vacancy["ap_term"].refresh_from_db()
    assert vacancy["ap_term"].ended_on is None


def test_placing_someone_already_placed_elsewhere_that_day_is_refused_saying_where(
    cast, client_for, vacancy
):
    client = client_for(cast["admin"])
    other_entry = vacancy["other"].slates.get().entries.get()
    response = client.post(
        f"/positions/{vacancy['other'].pk}/fill/",
        {
            "entry": other_entry.pk,
            "starts_on": days(31).isoformat(),
            "confirmed": "yes",
            "told": "",
        },
    )
    assert Placement.objects.count() == 1
    # Nora is placed at the high school; she is still on the middle school's slate.
    vacancy["nora"].refresh_from_db()
    response = fill(client, vacancy)
    body = client.get(response["Location"]).content.decode()
    when = date_format(days(31))
    assert (
        f"Nora Ready is already placed as Principal, Maple Grove High School from {when}; "
        "nobody starts two positions on the same day." in body
    )
    response = fill(client, vacancy, confirmed=True)
    assert Placement.objects.count() == 1


def test_a_start_before_the_current_holders_start_is_refused(cast, client_for, vacancy):
    client = client_for(cast["admin"])
    response = fill(client, vacancy, confirmed=True, starts_on=days(-5000).isoformat())
    body = client.get(response["Location"]).content.decode()
    assert "choose a later start date" in body
    assert not Placement.objects.exists()


def test_someone_not_on_this_slate_cannot_be_placed(cast, client_for, vacancy):
    other_entry = vacancy["other"].slates.get().entries.get()
    client = client_for(cast["admin"])
    response = fill(client, vacancy, confirmed=True, entry=other_entry.pk)
    assert "not on this slate" in client.get(response["Location"]).content.decode()
    assert not Placement.objects.exists()


def test_bad_input_is_refused(cast, client_for, vacancy):
    client = client_for(cast["admin"])
    response = fill(client, vacancy, starts_on="next spring")
    assert "Nothing was changed" in client.get(response["Location"]).content.decode()
    assert not Placement.objects.exists()


@pytest.mark.parametrize("who, status", [("principal", 403), ("teacher", 403), ("outsider", 404)])
def test_only_the_districts_admins_place(cast, client_for, vacancy, who, status):
    assert fill(client_for(cast[who]), vacancy, confirmed=True).status_code == status
    assert not Placement.objects.exists()


def test_an_entry_of_another_district_is_not_found(
    cast, client_for, vacancy, other_district, outsider
):
    far = position(other_district)
    stranger = candidate(other_district, None, "Far Away")
    entry = slate(far, (stranger, READY_NOW)).entries.get()
    response = fill(client_for(cast["admin"]), vacancy, confirmed=True, entry=entry.pk)
    assert response.status_code == 404


def test_filling_needs_a_post(cast, client_for, vacancy):
    response = client_for(cast["admin"]).get(f"/positions/{vacancy['post'].pk}/fill/")
    assert response.status_code == 405
