"""A person adds their own experience from outside Deep Bench; a district admin may verify
it, and the verification (who, when) shows on the record and the export; an edit by the
person clears it. Every step is in the audit log."""

import datetime

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from leadership.models import AuditEvent
from leadership.tests.helpers import assert_flat_query_count
from opportunities.models import ExperienceEntry
from opportunities.record import export_experience
from pipeline.models import Candidate

NEW = "/experience/new/"


def _data(**changes):
    data = {
        "title": "Science department chair, Oak Ridge Middle",
        "kind": "Department chair",
        "level": "school",
        "started_on": "2018-08-01",
        "ended_on": "2021-06-30",
        "summary": "Ran the department's meetings and its budget.",
    }
    data.update(changes)
    return data


def _own(person, district, verified_by=None, **fields):
    return ExperienceEntry.objects.create(
        district=district,
        person=person,
        title=fields.pop("title", "Science department chair"),
        started_on=fields.pop("started_on", datetime.date(2018, 8, 1)),
        ended_on=fields.pop("ended_on", datetime.date(2021, 6, 30)),
        source=fields.pop("source", ExperienceEntry.Source.OUTSIDE),
        added_by=person,
        verified_by=verified_by,
        verified_at=timezone.now() if verified_by else None,
        **fields,
    )


def _edit(entry):
    return f"/experience/{entry.pk}/edit/"


def _verify(entry):
    return f"/experience/{entry.pk}/verify/"


# Adding


def test_it_lets_a_teacher_add_her_own_outside_experience(cast, client_for):
    client = client_for(cast["teacher"])

    response = client.post(NEW, _data(), follow=True)

    entry = ExperienceEntry.objects.get()
    assert (entry.person, entry.added_by, entry.source) == (
        cast["teacher"],
        cast["teacher"],
        "outside",
    )
    assert entry.verified_at is None and entry.verified_by is None
    body = response.content.decode()
    assert "is on your leadership record" in body
    assert "Science department chair, Oak Ridge Middle" in body
    assert "From outside Deep Bench, not verified" in body
    event = AuditEvent.objects.get(action="experience.add_own")
    assert (event.actor, event.object_id) == (cast["teacher"], str(entry.pk))


def test_the_record_page_offers_the_form(cast, client_for):
    body = client_for(cast["teacher"]).get("/experience/").content.decode()
    assert f'href="{NEW}"' in body
    assert (
        "a district administrator may verify it"
        in client_for(cast["teacher"]).get(NEW).content.decode()
    )


def test_adding_requires_sign_in(client, db):
    response = client.get(NEW)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ended_on": "2010-01-01"}, "The end date is before the start date."),
        ({"started_on": "2999-01-01", "ended_on": ""}, "The start date is in the future."),
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"started_on": "not a date"}, "Enter a valid date."),
        ({"level": "galaxy"}, "Select a valid choice."),
    ],
)
def test_it_refuses_bad_input_and_saves_nothing(cast, client_for, changes, message):
    response = client_for(cast["teacher"]).post(NEW, _data(**changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ExperienceEntry.objects.exists()
    assert not AuditEvent.objects.filter(action="experience.add_own").exists()


def test_it_puts_it_in_the_persons_own_district_whatever_is_posted(
    cast, client_for, other_district
):
    client_for(cast["teacher"]).post(
        NEW, _data(district=other_district.pk, person=cast["admin"].pk)
    )

    entry = ExperienceEntry.objects.get()
    assert (entry.person, entry.district) == (
        cast["teacher"],
        cast["admin"].memberships.get().district,
    )


# Editing


def test_she_edits_her_own_and_it_is_audited(cast, client_for, district):
    entry = _own(cast["teacher"], district)

    client_for(cast["teacher"]).post(_edit(entry), _data(title="Science chair"))

    entry.refresh_from_db()
    assert entry.title == "Science chair"
    event = AuditEvent.objects.get(action="experience.edit")
    assert event.before["title"] == "Science department chair"
    assert event.after["title"] == "Science chair"


def test_the_edit_form_says_a_change_clears_the_verification(cast, client_for, district):
    entry = _own(cast["teacher"], district, verified_by=cast["admin"])

    body = client_for(cast["teacher"]).get(_edit(entry)).content.decode()

    assert "Alice Admin verified this on" in body
    assert "If you change it, the verification is cleared" in body


def test_an_edit_after_verification_clears_it(cast, client_for, district):
    entry = _own(cast["teacher"], district, verified_by=cast["admin"])

    response = client_for(cast["teacher"]).post(
        _edit(entry), _data(title="Science chair", ended_on="2022-06-30"), follow=True
    )

    entry.refresh_from_db()
    assert (entry.title, entry.ended_on) == ("Science chair", datetime.date(2022, 6, 30))
    assert entry.verified_at is None and entry.verified_by is None
    assert "Its verification is cleared" in response.content.decode()
    assert "From outside Deep Bench, not verified" in response.content.decode()
    event = AuditEvent.objects.get(action="experience.edit")
    assert "clears its verification" in event.summary
    assert event.after["verified_at"] is None and event.before["verified_at"]


def test_saving_without_a_change_keeps_the_verification(cast, client_for, district):
    entry = _own(
        cast["teacher"],
        district,
        verified_by=cast["admin"],
        title="Science chair",
        kind="Department chair",
        level="school",
        summary="Ran it.",
    )
    same = _data(
        title="Science chair", started_on="2018-08-01", ended_on="2021-06-30", summary="Ran it."
    )

    response = client_for(cast["teacher"]).post(_edit(entry), same, follow=True)

    entry.refresh_from_db()
    assert entry.verified_by == cast["admin"]
    assert "Nothing changed." in response.content.decode()
    assert not AuditEvent.objects.filter(action="experience.edit").exists()


def test_a_bad_edit_changes_nothing(cast, client_for, district):
    entry = _own(cast["teacher"], district, verified_by=cast["admin"])

    response = client_for(cast["teacher"]).post(_edit(entry), _data(ended_on="2001-01-01"))

    assert "The end date is before the start date." in response.content.decode()
    entry.refresh_from_db()
    assert entry.ended_on == datetime.date(2021, 6, 30)
    assert entry.verified_by == cast["admin"]


def test_nobody_else_edits_it(cast, client_for, district):
    entry = _own(cast["teacher"], district)

    assert client_for(None).get(_edit(entry)).status_code == 302
    # They see it on the person's record (admin, principal), but it is not theirs: 403.
    assert client_for(cast["admin"]).post(_edit(entry), _data()).status_code == 403
    assert client_for(cast["principal"]).get(_edit(entry)).status_code == 403
    # They do not see it at all: 404.
    for who in ["other_teacher", "other_principal", "coach", "outsider"]:
        assert client_for(cast[who]).get(_edit(entry)).status_code == 404, who
    entry.refresh_from_db()
    assert entry.title == "Science department chair"


def test_a_line_from_deep_bench_is_not_edited_this_way(cast, client_for, district):
    entry = _own(cast["teacher"], district, source=ExperienceEntry.Source.OPPORTUNITY)

    assert client_for(cast["teacher"]).get(_edit(entry)).status_code == 403


# Verifying


def test_an_admin_verifies_it_and_the_record_says_who_and_when(cast, client_for, district, school):
    entry = _own(cast["teacher"], district)
    candidate = Candidate.objects.create(district=district, user=cast["teacher"], school=school)

    response = client_for(cast["admin"]).post(_verify(entry), {"verified": "yes"}, follow=True)

    entry.refresh_from_db()
    assert entry.verified_by == cast["admin"]
    assert entry.verified_at is not None
    assert "is verified" in response.content.decode()
    event = AuditEvent.objects.get(action="experience.verify")
    assert (event.actor, event.object_id) == (cast["admin"], str(entry.pk))
    when = date_format(timezone.localdate(entry.verified_at))
    record = client_for(cast["teacher"]).get("/experience/").content.decode()
    assert f"by Alice Admin on {when}" in record
    profile = client_for(cast["principal"]).get(f"/people/{cast['teacher'].pk}/").content.decode()
    assert f"by Alice Admin on {when}" in profile
    assert f"verified by Alice Admin on {when}" in export_experience([candidate])[candidate.pk]


def test_an_admin_takes_a_verification_back(cast, client_for, district):
    entry = _own(cast["teacher"], district, verified_by=cast["admin"])

    client_for(cast["admin"]).post(_verify(entry), {"verified": "no"})

    entry.refresh_from_db()
    assert entry.verified_at is None
    assert AuditEvent.objects.filter(action="experience.unverify").count() == 1


def test_the_admin_page_lists_what_waits_for_verification(cast, client_for, district):
    waiting = _own(cast["teacher"], district, title="Waiting one")
    _own(cast["other_teacher"], district, title="Done one", verified_by=cast["admin"])

    body = client_for(cast["admin"]).get("/experience/add/").content.decode()
    section = body.split('id="unverified-heading"', 1)[1].split("</section>", 1)[0]

    assert "Waiting one" in section
    assert f'action="{_verify(waiting)}"' in section
    assert "Done one" not in section


def test_only_the_districts_admins_verify(cast, client_for, district):
    entry = _own(cast["teacher"], district)

    assert client_for(None).post(_verify(entry), {"verified": "yes"}).status_code == 302
    assert client_for(cast["admin"]).get(_verify(entry)).status_code == 405
    for who in ["teacher", "principal"]:
        response = client_for(cast[who]).post(_verify(entry), {"verified": "yes"})
        assert response.status_code == 403, who
    assert client_for(cast["outsider"]).post(_verify(entry), {"verified": "yes"}).status_code == 404
    entry.refresh_from_db()
    assert entry.verified_at is None
    assert not AuditEvent.objects.filter(action="experience.verify").exists()


@pytest.mark.parametrize("value", ["", "maybe", "yes' OR 1=1", "\x00"])
def test_it_refuses_a_bad_answer(cast, client_for, district, value):
    entry = _own(cast["teacher"], district)

    response = client_for(cast["admin"]).post(_verify(entry), {"verified": value}, follow=True)

    assert "Nothing was changed: Say whether it is verified." in response.content.decode()
    entry.refresh_from_db()
    assert entry.verified_at is None


def test_nobody_verifies_their_own(cast, client_for, district):
    entry = _own(cast["admin"], district)

    response = client_for(cast["admin"]).post(_verify(entry), {"verified": "yes"}, follow=True)

    assert "Another administrator verifies your own experience." in response.content.decode()
    entry.refresh_from_db()
    assert entry.verified_at is None


def test_only_outside_experience_is_verified(cast, client_for, district):
    entry = _own(cast["teacher"], district, source=ExperienceEntry.Source.OPPORTUNITY)

    response = client_for(cast["admin"]).post(_verify(entry), {"verified": "yes"}, follow=True)

    assert "Only experience from outside Deep Bench is verified." in response.content.decode()
    entry.refresh_from_db()
    assert entry.verified_at is None


def test_what_an_admin_adds_for_somebody_counts_as_verified_by_them(cast, client_for):
    client_for(cast["admin"]).post("/experience/add/", {**_data(), "person": cast["teacher"].pk})

    entry = ExperienceEntry.objects.get()
    assert entry.verified_by == cast["admin"]
    assert entry.verified_at is not None


def test_the_admin_page_keeps_its_query_count_flat(cast, client_for, district):
    """Verification columns must not cost a query per line."""
    _own(cast["teacher"], district)

    def grow():
        for number in range(6):
            _own(cast["teacher"], district, title=f"Waiting {number}")
            _own(cast["other_teacher"], district, title=f"Done {number}", verified_by=cast["admin"])

    assert_flat_query_count(client_for(cast["admin"]), "/experience/add/", grow, budget=9)


def test_the_record_page_keeps_its_query_count_flat(cast, client_for, district):
    """Who verified each line must not cost a query per line."""
    _own(cast["teacher"], district)

    def grow():
        for number in range(6):
            _own(cast["teacher"], district, title=f"Line {number}", verified_by=cast["admin"])

    assert_flat_query_count(client_for(cast["teacher"]), "/experience/", grow, budget=10)
