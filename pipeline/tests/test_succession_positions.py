"""Positions and their holders: the list, a position's page, adding and editing by hand,
what is known about a holder's departure, ending a role (kept as history), kinds."""

import pytest

from conftest import make_person
from leadership.models import AuditEvent, Role, User
from leadership.tests.helpers import assert_flat_query_count
from pipeline.models import Readiness
from pipeline.succession.models import (
    Position,
    PositionKind,
    RoleTerm,
    SchoolSupervisor,
    SuccessionSetting,
)
from pipeline.succession.suggestions import suggest
from pipeline.tests.pipeline_data import framework, rate
from pipeline.tests.succession_data import (
    READY_NOW,
    days,
    holder,
    kind,
    position,
    ready_candidate,
    slate,
)


@pytest.fixture
def post(district, school):
    found = position(district, school)
    holder(found, "Hal Holder", started_days_ago=800, departure_on=days(90))
    return found


def url(post, suffix=""):
    return f"/positions/{post.pk}/{suffix}"


# --- the list -------------------------------------------------------------------------------


def test_the_list_shows_each_position_with_its_holder_and_opening(cast, client_for, post):
    position(post.district, title="Director of curriculum", key="district_director")
    body = client_for(cast["admin"]).get("/positions/").content.decode()
    assert "Hal Holder" in body and "announced departure" in body
    assert "Director of curriculum" in body and "Vacant" in body
    assert AuditEvent.objects.filter(action="succession.view", summary__contains="list").exists()


def test_the_list_filters_by_what_the_succession_page_links(cast, client_for, post, district):
    position(district, title="Vacant post")
    client = client_for(cast["admin"])
    vacant = client.get("/positions/?state=vacant").content.decode()
    assert "Vacant post" in vacant and "Hal Holder" not in vacant
    soon = client.get("/positions/?state=1").content.decode()
    assert "Hal Holder" in soon
    later = client.get("/positions/?state=2").content.decode()
    assert "Hal Holder" not in later
    by_kind = client.get(f"/positions/?kind={post.kind_id}&level=district").content.decode()
    assert "No positions match" in by_kind


def test_the_list_query_count_is_flat(cast, client_for, district, school, post):
    def grow():
        for i in range(8):
            found = position(district, school, title=f"Post {i}")
            holder(found, f"Holder {i}", retirement_eligible_on=days(20 + i))
            slate(found, (ready_candidate(district, school, f"Ready {i}"), READY_NOW))

    assert_flat_query_count(client_for(cast["admin"]), "/positions/", grow, budget=11)


# --- a position's page ---------------------------------------------------------------------


def test_a_position_shows_holders_time_in_role_slate_suggestions_and_history(
    cast, client_for, district, school, post
):
    holder(post, "Old Holder", started_days_ago=3000, ended_on=days(-800))
    nora = ready_candidate(district, school, "Nora Ready")
    slate(post, (nora, READY_NOW))
    ready_candidate(district, school, "Sam Suggested")
    ready_candidate(district, school, "Aimed Elsewhere", target_role="Dean")
    body = client_for(cast["admin"]).get(url(post)).content.decode()
    assert "Hal Holder" in body and "2 years, 2 months" in body
    assert "announced departure" in body
    history = body[body.index('id="role-history"') :]
    assert "Old Holder" in history and "Hal Holder" in history
    entries = body[body.index('id="slate-entries"') : body.index('id="add-heading"')]
    # Her name opens her leadership profile; her pipeline record is a link of its own.
    assert f'<a href="/people/{nora.user_id}/" data-profile-panel>Nora Ready</a>' in entries
    assert (
        f'<a class="small" href="/pipeline/candidates/{nora.pk}/">Pipeline record'
        '<span class="visually-hidden"> of Nora Ready</span></a>'
    ) in entries
    suggestions = body[body.index('id="suggestions"') :]
    sam = User.objects.get(full_name="Sam Suggested")
    assert f'<a href="/people/{sam.pk}/" data-profile-panel>Sam Suggested</a>' in suggestions
    assert "Sam Suggested" in suggestions and "Aimed Elsewhere" not in suggestions
    assert "Nora Ready" not in suggestions  # already on the slate
    assert "Aims to be principal at school level" in suggestions


def test_suggestions_are_ordered_by_readiness_then_growth_then_experience(district, school, post):
    later = ready_candidate(district, school, "Later Person", readiness=Readiness.READY_LATER)
    flat = ready_candidate(district, school, "Flat Grower")
    grower = ready_candidate(district, school, "Big Grower")
    _, _, prompt = framework(district)
    rate(grower.user, district, prompt, 1, days_ago=30)
    rate(grower.user, district, prompt, 4, days_ago=1)
    rate(flat.user, district, prompt, 2, days_ago=30)
    rate(flat.user, district, prompt, 2, days_ago=1)
    found, matched = suggest(district=district, kind=post.kind, level=post.level)
    assert [s["candidate"] for s in found] == [grower, flat, later]
    assert matched == 3
    assert "Grew +3 steps over 1 attribute" in found[0]["reasons"]


def test_a_position_of_another_district_is_not_found(cast, client_for, post):
    assert client_for(cast["outsider"]).get(url(post)).status_code == 404


@pytest.mark.parametrize("who", ["principal", "teacher", "coach", "other_principal"])
def test_a_position_is_refused_to_everybody_but_admins(cast, client_for, post, who):
    assert client_for(cast[who]).get(url(post)).status_code == 403


def test_the_holder_and_the_people_on_the_slate_never_see_it(client_for, district, school, post):
    nora = ready_candidate(district, school, "Nora Ready")
    slate(post, (nora, READY_NOW))
    assert client_for(nora.user).get(url(post)).status_code == 403
    assert client_for(post.terms.get().person).get(url(post)).status_code == 403


def test_a_supervisor_reads_their_schools_position_but_not_a_slate_naming_them(
    client_for, district, school, other_school, post
):
    supervisor = make_person("sup@maple.test", "Sue Pervisor", district, Role.COACH, school)
    SchoolSupervisor.objects.create(district=district, supervisor=supervisor, school=school)
    SuccessionSetting.objects.create(district=district, supervisors_see_succession=True)
    body = client_for(supervisor).get(url(post)).content.decode()
    assert "Hal Holder" in body and "Add someone to the slate" not in body
    assert "Fill the position" not in body and "Suggestions" not in body
    assert client_for(supervisor).get(url(post, "edit/")).status_code == 403
    elsewhere = position(district, other_school)
    assert client_for(supervisor).get(url(elsewhere)).status_code == 403
    candidacy = ready_candidate(district, school, "Sup Candidate")
    candidacy.user = supervisor
    candidacy.save()
    slate(post, (candidacy, READY_NOW))
    body = client_for(supervisor).get(url(post)).content.decode()
    assert "You are named on this slate, so it is not shown to you" in body


def test_a_positions_page_query_count_is_flat(cast, client_for, district, school, post):
    """History, slate and suggestions grow; the page's statements do not."""
    slate(post, (ready_candidate(district, school, "First On Slate"), READY_NOW))
    ready_candidate(district, school, "First Suggested")

    def grow():
        for i in range(6):
            holder(post, f"Past {i}", started_days_ago=4000 - i * 300, ended_on=days(-1000 - i))
            slate(post, (ready_candidate(district, school, f"On Slate {i}"), READY_NOW))
            ready_candidate(district, school, f"Suggested {i}")

    assert_flat_query_count(client_for(cast["admin"]), url(post), grow, budget=19)


# --- adding and editing by hand ------------------------------------------------------------


def test_an_admin_adds_a_position_then_its_holder(cast, client_for, district, school):
    client = client_for(cast["admin"])
    assert client.get("/positions/add/").status_code == 200
    response = client.post(
        "/positions/add/",
        {"kind": kind(district, "dean").pk, "school": school.pk, "level": "school", "title": ""},
    )
    added = Position.objects.get(kind__key="dean")
    assert response["Location"] == url(added)
    response = client.post(
        url(added, "holders/add/"),
        {
            "email": cast["teacher"].email,
            "started_on": days(-400).isoformat(),
            "retirement_eligible_on": days(300).isoformat(),
        },
    )
    term = RoleTerm.objects.get(position=added)
    assert term.person == cast["teacher"] and term.source == RoleTerm.Source.ENTERED
    assert AuditEvent.objects.filter(action="position.create").exists()
    assert AuditEvent.objects.filter(action="role_term.add", object_id=str(term.pk)).exists()


def test_an_admin_edits_a_position(cast, client_for, district, post):
    response = client_for(cast["admin"]).post(
        url(post, "edit/"),
        {"kind": post.kind_id, "school": "", "level": "district", "title": "Principal on loan"},
    )
    post.refresh_from_db()
    assert response.status_code == 302 and post.school is None and post.level == "district"
    event = AuditEvent.objects.get(action="position.update")
    assert event.before["level"] == "school" and event.after["level"] == "district"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"departure_on": -1}, "An announced departure is in the future"),
        ({"retirement_eligible_on": -500}, "The retirement eligibility date is before the start"),
        ({"email": "nobody@elsewhere.test"}, "Nobody on the district&#x27;s roster"),
    ],
)
def test_bad_holder_input_gets_a_message_and_saves_nothing(
    cast, client_for, district, school, fields, message
):
    empty = position(district, school)
    data = {"email": cast["teacher"].email, "started_on": days(-400).isoformat()}
    for name, value in fields.items():
        data[name] = days(value).isoformat() if isinstance(value, int) else value
    response = client_for(cast["admin"]).post(url(empty, "holders/add/"), data)
    assert response.status_code == 200 and message in response.content.decode()
    assert not RoleTerm.objects.filter(position=empty).exists()


def test_someone_from_another_district_cannot_be_made_a_holder(cast, client_for, district, post):
    response = client_for(cast["admin"]).post(
        url(post, "holders/add/"),
        {"email": cast["outsider"].email, "started_on": days(-10).isoformat()},
    )
    assert "Nobody on the district" in response.content.decode()


def test_an_announced_departure_is_recorded_on_the_term(cast, client_for, post):
    term = post.terms.get()
    client_for(cast["admin"]).get(f"/succession/roles/{term.pk}/")
    assert AuditEvent.objects.filter(action="succession.view", object_id=str(term.pk)).exists()
    response = client_for(cast["admin"]).post(
        f"/succession/roles/{term.pk}/",
        {"started_on": term.started_on.isoformat(), "departure_on": days(40).isoformat()},
    )
    term.refresh_from_db()
    assert response.status_code == 302 and term.departure_on == days(40)
    event = AuditEvent.objects.get(action="role_term.update")
    assert event.after == {"departure_on": days(40).isoformat()}


def test_an_ended_role_is_kept_in_the_history(cast, client_for, post):
    term = post.terms.get()
    client = client_for(cast["admin"])
    response = client.post(
        f"/succession/roles/{term.pk}/end/",
        {"ended_on": days(-1).isoformat(), "reason": RoleTerm.EndReason.RETIRED},
    )
    term.refresh_from_db()
    assert response["Location"] == url(post)
    assert term.ended_on == days(-1) and term.end_reason == "retired"
    body = client.get(url(post)).content.decode()
    assert "Vacant: nobody holds this position now" in body
    assert "Retired" in body[body.index('id="role-history"') :]


def test_a_role_cannot_end_before_it_began(cast, client_for, post):
    term = post.terms.get()
    response = client_for(cast["admin"]).post(
        f"/succession/roles/{term.pk}/end/",
        {"ended_on": days(-5000).isoformat(), "reason": RoleTerm.EndReason.LEFT},
    )
    term.refresh_from_db()
    assert term.ended_on is None
    assert response["Location"] == f"/succession/roles/{term.pk}/"


@pytest.mark.parametrize("who, status", [("principal", 403), ("teacher", 403), ("outsider", 404)])
def test_only_the_districts_admins_change_positions_and_roles(cast, client_for, post, who, status):
    client = client_for(cast[who])
    term = post.terms.get()
    assert client.get(url(post, "edit/")).status_code == status
    assert client.post(url(post, "holders/add/"), {}).status_code == status
    assert client.get(f"/succession/roles/{term.pk}/").status_code == status
    assert client.post(f"/succession/roles/{term.pk}/end/", {}).status_code == status
    assert client.get(f"/positions/kinds/{post.kind_id}/").status_code == status


def test_a_role_cannot_be_ended_with_get(cast, client_for, post):
    term = post.terms.get()
    assert client_for(cast["admin"]).get(f"/succession/roles/{term.pk}/end/").status_code == 405


# --- kinds ---------------------------------------------------------------------------------


def test_an_admin_adds_a_kind_of_their_own_and_renames_one(cast, client_for, district):
    client = client_for(cast["admin"])
    body = client.get("/positions/kinds/").content.decode()
    assert "Superintendent&#x27;s cabinet" in body and "Instructional coach" in body
    client.post("/positions/kinds/", {"name": "Family engagement lead", "level": "school"})
    added = PositionKind.objects.get(district=district, name="Family engagement lead")
    assert added.key == ""
    dean = kind(district, "dean")
    client.post(
        f"/positions/kinds/{dean.pk}/",
        {"name": "Dean of students", "level": "school", "aims": "dean"},
    )
    dean.refresh_from_db()
    assert dean.name == "Dean of students"
    response = client.post("/positions/kinds/", {"name": "dean of STUDENTS", "level": "school"})
    assert "already has a kind with this name" in response.content.decode()
    assert AuditEvent.objects.filter(action__startswith="position_kind.").count() == 2


def test_kinds_are_the_admins_alone(cast, client_for, district):
    kind(district)
    assert client_for(cast["principal"]).get("/positions/kinds/").status_code == 403
    assert client_for(None).get("/positions/kinds/").status_code == 302
    assert client_for(cast["outsider"]).get("/positions/add/").status_code == 200
    body = client_for(cast["outsider"]).get("/positions/add/").content.decode()
    assert "Maple Grove Middle School" not in body
