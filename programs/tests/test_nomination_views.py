"""/nominations/new/, /nominations/, /nominations/<id>/ and the moves, through the views."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from conftest import make_person
from leadership.tests.confirming import confirm
from leadership.tests.helpers import assert_flat_query_count
from notices.models import Outbox
from pipeline.models import Candidate, Stage
from programs import services
from programs.models import (
    Enrollment,
    Nomination,
    NominationEvent,
    NominationStatus,
    NominationWindow,
)

from .conftest import RATIONALE

NEW = "/nominations/new/"
S = NominationStatus


def _form(program, nominee, attributes, seen=RATIONALE):
    """What the form sends: the same words as what was seen of the first two attributes."""
    return {
        "program": program.pk,
        "nominee": nominee.pk,
        **{f"seen_{a.pk}": seen for a in attributes[:2]},
    }


def test_it_lets_a_principal_nominate_their_staff(
    client_for, principal, teacher, program, window, attributes, cohort
):
    client = client_for(principal)
    page = client.get(NEW)
    assert "Tom Teacher" in page.text and "Teacher Leader Fellowship" in page.text
    response = client.post(NEW, _form(program, teacher, attributes), follow=True)
    assert "has been asked to accept the nomination" in response.text
    nomination = Nomination.objects.get()
    assert (nomination.nominee, nomination.status) == (teacher, S.SUBMITTED)
    assert Outbox.objects.filter(to_email=teacher.email).exists()


def test_it_returns_404_for_a_nominee_outside_my_school(
    client_for, principal, other_teacher, program, window, attributes
):
    response = client_for(principal).post(NEW, _form(program, other_teacher, attributes))
    assert response.status_code == 404
    assert not Nomination.objects.exists()


def test_it_returns_404_for_another_districts_program(
    client_for, principal, teacher, other_district, window, attributes
):
    from programs.models import Program

    foreign = Program.objects.create(district=other_district, name="Elsewhere")
    response = client_for(principal).post(NEW, _form(foreign, teacher, attributes))
    assert response.status_code == 404


def test_it_keeps_the_text_when_what_was_seen_is_too_short(
    client_for, principal, teacher, program, window, attributes
):
    response = client_for(principal).post(
        NEW, _form(program, teacher, attributes, seen="Great with kids.")
    )
    assert response.status_code == 200
    assert "at least 30 characters; you wrote 16" in response.text
    assert "Great with kids." in response.text
    assert not Nomination.objects.exists()


def test_it_says_so_when_the_window_is_closed(
    client_for, principal, teacher, program, window, attributes
):
    client = client_for(principal)
    data = _form(program, teacher, attributes)
    window.closes_on = window.opens_on
    window.save()
    response = client.post(NEW, data)
    assert "are closed right now" in response.text
    assert not Nomination.objects.exists()


def test_it_links_to_the_open_nomination_of_the_same_person(
    client_for, principal, teacher, program, window, attributes, nominate
):
    first = nominate(principal, teacher)
    response = client_for(principal).post(NEW, _form(program, teacher, attributes))
    assert "already has an open nomination" in response.text
    assert f'href="/nominations/{first.pk}/"' in response.text


def test_it_lets_a_teacher_nominate_only_themself(
    client_for, teacher, other_teacher, principal, program, window, attributes
):
    client = client_for(teacher)
    assert client.post(NEW, _form(program, other_teacher, attributes)).status_code == 404
    client.post(NEW, _form(program, teacher, attributes))
    nomination = Nomination.objects.get()
    assert nomination.is_self_nomination and nomination.status == S.AWAITING_ENDORSEMENT
    assert Outbox.objects.filter(to_email=principal.email).exists()


def test_it_refuses_admins_and_coaches_the_form(client_for, district_admin, coach):
    assert client_for(district_admin).get(NEW).status_code == 403
    assert client_for(coach).get(NEW).status_code == 403


def test_it_walks_the_whole_journey_through_the_views(
    client_for, principal, teacher, district_admin, nominate, cohort
):
    nomination = nominate(principal, teacher)
    url = reverse("programs:nomination", args=[nomination.pk])
    page = client_for(teacher).get(url)
    assert "Accept the nomination" in page.text
    confirm(
        client_for(teacher),
        reverse("programs:nomination_respond", args=[nomination.pk]),
        {"answer": "accept", "note": "Yes please"},
    )
    page = client_for(district_admin).get(url)
    assert "Record the decision" in page.text and "Yes please" in page.text
    confirm(
        client_for(district_admin),
        reverse("programs:nomination_decide", args=[nomination.pk]),
        {"decision": "approved", "cohort": cohort.pk, "note": "Welcome aboard"},
    )
    nomination.refresh_from_db()
    assert nomination.status == S.APPROVED
    assert Enrollment.objects.filter(person=teacher, cohort=cohort).exists()
    assert Candidate.objects.get(user=teacher).stage == Stage.IN_DEVELOPMENT
    home = client_for(teacher).get("/")
    assert "Fall cohort" in home.text


def test_it_answers_a_second_accept_with_a_message(client_for, principal, teacher, nominate):
    nomination = nominate(principal, teacher)
    client = client_for(teacher)
    respond = reverse("programs:nomination_respond", args=[nomination.pk])
    confirm(client, respond, {"answer": "accept"})
    response = client.post(respond, {"answer": "accept"}, follow=True)
    assert "cannot be accepted now. Nothing was changed." in response.text
    assert nomination.events.count() == 2


def test_it_refuses_an_admin_approving_a_declined_nomination(
    client_for, principal, teacher, district_admin, nominate
):
    nomination = nominate(principal, teacher)
    services.nomination_respond(actor=teacher, nomination_id=nomination.pk, accept=False)
    response = client_for(district_admin).post(
        reverse("programs:nomination_decide", args=[nomination.pk]),
        {"decision": "approved"},
        follow=True,
    )
    assert "Declined by the nominee" in response.text and "Nothing was changed" in response.text
    nomination.refresh_from_db()
    assert nomination.status == S.NOMINEE_DECLINED


def test_it_gives_403_to_people_who_may_see_but_not_act(
    client_for, principal, teacher, district_admin, nominate
):
    nomination = nominate(principal, teacher)
    decide = reverse("programs:nomination_decide", args=[nomination.pk])
    respond = reverse("programs:nomination_respond", args=[nomination.pk])
    assert client_for(principal).post(decide, {"decision": "approved"}).status_code == 403
    assert client_for(district_admin).post(respond, {"answer": "accept"}).status_code == 403


def test_it_gives_404_to_other_schools_and_districts(
    client_for, principal, teacher, other_principal, outsider, nominate
):
    nomination = nominate(principal, teacher)
    url = reverse("programs:nomination", args=[nomination.pk])
    assert client_for(other_principal).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404
    decide = reverse("programs:nomination_decide", args=[nomination.pk])
    assert client_for(outsider).post(decide, {"decision": "approved"}).status_code == 404


def test_it_lets_the_principal_endorse_a_self_nomination(client_for, principal, teacher, nominate):
    nomination = nominate(teacher, teacher)
    _, response = confirm(
        client_for(principal),
        reverse("programs:nomination_endorse", args=[nomination.pk]),
        {"answer": "endorse", "note": "Strong yes"},
    )
    assert "You endorsed the nomination." in response.text
    nomination.refresh_from_db()
    assert nomination.status == S.ENDORSED


def test_it_decides_many_from_the_queue(
    client_for, district_admin, principal, other_principal, teacher, other_teacher, nominate
):
    first = nominate(principal, teacher)
    second = nominate(other_principal, other_teacher)
    for n, who in ((first, teacher), (second, other_teacher)):
        services.nomination_respond(actor=who, nomination_id=n.pk, accept=True)
    _, response = confirm(
        client_for(district_admin),
        reverse("programs:nominations_decide"),
        {"nominations": [first.pk, second.pk], "decision": "waitlisted", "note": "Next round"},
    )
    assert "2 nominations waitlisted." in response.text
    assert set(Nomination.objects.values_list("status", flat=True)) == {S.WAITLISTED}


def test_it_changes_nothing_when_the_bulk_form_is_empty(client_for, district_admin):
    response = client_for(district_admin).post(
        reverse("programs:nominations_decide"), {"decision": "approved"}, follow=True
    )
    assert "Nothing was changed" in response.text


def test_it_shows_each_person_only_the_nominations_they_may_see(
    client_for, principal, other_principal, teacher, other_teacher, district_admin, nominate
):
    nominate(principal, teacher)
    nominate(other_principal, other_teacher)
    assert "Olga Otherteacher" not in client_for(principal).get("/nominations/").text
    assert "Olga Otherteacher" not in client_for(teacher).get("/nominations/").text
    admin_view = client_for(district_admin).get("/nominations/?status=submitted").text
    assert "Olga Otherteacher" in admin_view and "Tom Teacher" in admin_view
    assert "Tom Teacher" not in client_for(district_admin).get("/nominations/?status=approved").text


def test_it_keeps_the_queue_query_count_flat(
    client_for, district_admin, principal, district, school, nominate
):
    from conftest import make_person

    nominate(principal, make_person("a@maple.test", "A Person", district, "teacher", school))

    def grow():
        for i in range(6):
            person = make_person(f"p{i}@maple.test", f"Person {i}", district, "teacher", school)
            nominate(principal, person)

    assert_flat_query_count(client_for(district_admin), "/nominations/", grow, budget=11)


def test_it_answers_an_htmx_filter_with_the_results_fragment(
    client_for, district_admin, principal, teacher, nominate
):
    nominate(principal, teacher)
    response = client_for(district_admin).get(
        "/nominations/?status=submitted", headers={"HX-Request": "true"}
    )
    assert "Tom Teacher" in response.text
    assert "<h1" not in response.text and "<html" not in response.text


def test_it_pages_the_admins_queue_and_keeps_the_filter(
    client_for, district_admin, principal, district, school, nominate
):
    from conftest import make_person

    for i in range(51):
        person = make_person(f"q{i}@maple.test", f"Queued {i:02d}", district, "teacher", school)
        nominate(principal, person)
    first = client_for(district_admin).get("/nominations/?status=submitted").text
    assert "51 nominations" in first and "Page 1 of 2" in first
    assert "Queued 50" in first and "Queued 00" not in first
    assert "?status=submitted&amp;page=2" in first
    second = client_for(district_admin).get("/nominations/?status=submitted&page=2").text
    assert "Queued 00" in second and "Queued 50" not in second


def test_it_keeps_the_chosen_school_and_offers_running_cohorts(
    client_for, district_admin, principal, teacher, school, cohort, nominate
):
    nominate(principal, teacher)
    body = client_for(district_admin).get(f"/nominations/?school={school.pk}").text
    assert f'<option value="{school.pk}" selected>{school.name}</option>' in body
    assert f'<option value="{cohort.pk}">{cohort.program.name}: {cohort.name}</option>' in body
    assert 'for="bulk-cohort"' in body and "Tom Teacher" in body


def test_it_keeps_the_history_page_flat(
    client_for, principal, teacher, district_admin, coach, other_teacher, nominate
):
    """A long history (notes by many people) must not cost a query per step."""
    nomination = nominate(principal, teacher)
    url = reverse("programs:nomination", args=[nomination.pk])

    def grow():
        for number, actor in enumerate([teacher, principal, district_admin, coach, other_teacher]):
            NominationEvent.objects.create(
                nomination=nomination,
                from_status=S.SUBMITTED,
                to_status=S.SUBMITTED,
                actor=actor,
                note=f"Note {number}",
            )

    assert_flat_query_count(client_for(district_admin), url, grow, budget=9)


def test_it_narrows_the_queue_to_the_window_open_today(
    client_for, district_admin, principal, teacher, district, school, program, window, nominate
):
    """The dashboard's "nominations this window" links here with ?window=current."""
    nominate(principal, teacher)
    past = timezone.localdate() - timedelta(days=300)
    NominationWindow.objects.filter(pk=window.pk).update(opens_on=past, closes_on=past)
    NominationWindow.objects.create(
        program=program, opens_on=timezone.localdate(), closes_on=timezone.localdate()
    )
    nominate(principal, make_person("now@maple.test", "Nora Now", district, "teacher", school))
    client = client_for(district_admin)
    current = client.get("/nominations/?window=current").text
    assert "Nora Now" in current and "Tom Teacher" not in current
    assert '<option value="current" selected>Open today</option>' in current
    for anything in ("", "?window=someday"):
        every = client.get(f"/nominations/{anything}").text
        assert "Nora Now" in every and "Tom Teacher" in every
