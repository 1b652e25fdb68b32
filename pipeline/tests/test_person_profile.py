"""/people/<id>/: a person's leadership profile, as a page and as the side panel's fragment;
"view as your principal"; reached from a name on every list a decision is made from; a
fixed number of queries."""

import datetime
import html

import pytest
from django.utils import timezone

from leadership.models import Membership, Role
from leadership.tests.helpers import assert_flat_query_count
from opportunities.models import Application, ExperienceEntry, Opportunity
from pipeline.models import CandidateChange
from pipeline.tests import profile_data as d
from programs.models import Cohort, Enrollment, Nomination, NominationEvidence, NominationStatus

PANEL = {"HX-Request": "true"}


@pytest.fixture
def world(cast, district, school):
    return d.person_world(cast, district, school)


def url(world, query=""):
    return f"/people/{world['person'].pk}/{query}"


def _text(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_it_requires_sign_in(world, client):
    assert client.get(url(world))["Location"].startswith("/accounts/login/")


def test_it_answers_404_for_nobody_at_all(cast, client_for):
    assert client_for(cast["admin"]).get("/people/999999/").status_code == 404


def test_it_refuses_post(world, cast, client_for):
    assert client_for(cast["admin"]).post(url(world)).status_code == 405


def test_it_gives_htmx_the_fragment_and_a_plain_request_the_page(world, cast, client_for):
    client = client_for(cast["admin"])
    page = _text(client.get(url(world)))
    panel = _text(client.get(url(world), headers=PANEL))
    assert "<html" in page and '<h1 class="h2 mb-1" id="profile-name"' in page
    assert "<html" not in panel and '<h2 class="h3 mb-1" id="profile-name"' in panel
    assert "Open Tom Teacher's profile as a page" in panel
    assert "chart.umd.min.js" in page  # the page loads Chart.js; the panel names it
    assert 'data-chart-scripts="/static/vendor/chartjs/chart.umd.min.js' in panel


def test_it_links_the_admin_to_the_candidate_page_to_change_the_stage(world, cast, client_for):
    body = _text(client_for(cast["admin"]).get(url(world)))
    assert f'href="/pipeline/candidates/{world["candidate"].pk}/">Change the stage' in body
    principal = _text(client_for(cast["principal"]).get(url(world)))
    assert "Open the candidate page" in principal and "Change the stage" not in principal


def test_it_links_the_candidate_page_to_the_profile(world, cast, client_for):
    body = _text(client_for(cast["admin"]).get(f"/pipeline/candidates/{world['candidate'].pk}/"))
    assert f'href="/people/{world["person"].pk}/"' in body


# --- View as your principal ------------------------------------------------------------


def test_it_offers_the_person_their_page_as_their_principal_sees_it(world, cast, client_for):
    own = _text(client_for(cast["teacher"]).get(url(world)))
    assert "See this page as your principal sees it" in own
    assert 'href="?as=principal"' in own
    for who in ("admin", "principal", "coach"):
        assert "as your principal" not in _text(client_for(cast[who]).get(url(world)))


def test_it_shows_the_person_exactly_what_their_principal_reads(world, cast, client_for):
    seen = client_for(cast["teacher"]).get(url(world, "?as=principal"))
    body = _text(seen)
    assert "This is your profile as your principal, Paula Principal, sees it" in body
    assert d.SHARED in body and d.FEEDBACK_SHARED in body
    assert d.SECRET not in body and d.FEEDBACK_SECRET not in body
    assert "1 reflection not shared with your principal: only you, your coaches and" in body
    assert "Ratings from 1 reflection not shared with your principal." in body
    assert d.DISTRICT_OPPORTUNITY not in body and d.SCHOOL_OPPORTUNITY in body
    # What the principal sees and the person may not: the district's judgement of them.
    assert d.JUDGEMENT not in body
    assert "Your principal also sees your stage and readiness" in body

    principal = client_for(cast["principal"]).get(url(world))
    mine, theirs = seen.context["sections"], principal.context["sections"]
    for section, other in zip(mine[1:], theirs[1:], strict=True):
        assert _shown(section) == _shown(other), section["template"]
    assert mine[0]["candidate"] == theirs[0]["candidate"]


def _shown(section):
    """What a section shows, without the words that name the viewer."""
    found = {}
    for key, value in section.items():
        if key == "notes":
            continue
        if key == "attributes":
            value = [(a.pk, a.timeline) for a in value]
        elif isinstance(value, list):
            value = [getattr(item, "pk", None) or getattr(item, "title", item) for item in value]
        found[key] = value
    return found


def test_it_says_when_no_principal_sees_the_profile(world, cast, client_for):
    Membership.objects.filter(user=cast["principal"]).update(is_active=False)
    body = _text(client_for(cast["teacher"]).get(url(world, "?as=principal")))
    assert "No principal of your school is in Deep Bench" in body
    assert d.SECRET in body  # the person's own view


def test_it_offers_each_of_two_principals(world, cast, client_for, district, school):
    second = cast["other_principal"]
    Membership.objects.create(user=second, district=district, role=Role.PRINCIPAL, school=school)
    body = _text(client_for(cast["teacher"]).get(url(world, "?as=principal")))
    assert "as your principal, Owen Otherprincipal, sees it" in body  # by name, first
    assert f'href="?as=principal&principal={cast["principal"].pk}">Paula Principal' in body
    chosen = _text(
        client_for(cast["teacher"]).get(
            url(world, f"?as=principal&principal={cast['principal'].pk}")
        )
    )
    assert "as your principal, Paula Principal, sees it" in chosen


def test_it_ignores_view_as_for_anybody_but_the_person(world, cast, client_for):
    body = _text(client_for(cast["admin"]).get(url(world, "?as=principal")))
    assert d.SECRET in body and "as your principal" not in body


# --- Reached from every decision point ---------------------------------------------------


def _profile_link(world):
    return f'<a href="/people/{world["person"].pk}/" data-profile-panel>'


def test_it_is_opened_from_the_applicant_list(world, cast, client_for):
    opportunity = Opportunity.objects.get(title=d.SCHOOL_OPPORTUNITY)
    body = client_for(cast["principal"]).get(f"/opportunities/{opportunity.pk}/applications/")
    assert _profile_link(world) in body.content.decode()


def test_it_is_opened_from_the_nomination_queue_and_its_decide_page(world, cast, client_for):
    client = client_for(cast["admin"])
    assert _profile_link(world) in client.get("/nominations/").content.decode()
    page = client.get(f"/nominations/{world['nomination'].pk}/").content.decode()
    assert _profile_link(world) in page


def test_it_is_opened_from_bulk_decisions(world, cast, client_for):
    page = client_for(cast["admin"]).post(
        "/nominations/decide/",
        {"nominations": [world["nomination"].pk], "decision": "waitlisted", "note": ""},
    )
    assert _profile_link(world) in page.content.decode()


def test_it_is_opened_from_the_cohort_roster(world, cast, client_for):
    page = client_for(cast["admin"]).get(f"/cohorts/{world['cohort'].pk}/")
    assert _profile_link(world) in page.content.decode()


def test_it_is_opened_from_the_candidate_list_and_its_drill_downs(world, cast, client_for):
    client = client_for(cast["principal"])
    for query in ("", "?stage=in_development", "?readiness=ready_later&target_level=school"):
        page = client.get(f"/pipeline/candidates/{query}").content.decode()
        assert _profile_link(world) in page, query
        assert f'href="/pipeline/candidates/{world["candidate"].pk}/">In development' in page


# --- Queries ------------------------------------------------------------------------------


def _more(world, cast, n):
    """n more of everything on the profile: reflections (shared and not, with rated
    feedback), judgements, nominations, enrollments, applications, lines on the record."""
    person, today = world["person"], timezone.localdate()
    for i in range(n):
        prompt = world["prompts"][i % 2]
        d.reflect(
            person,
            prompt,
            f"More {i}",
            rating=1 + i % 4,
            shared=i % 2 == 0,
            days_ago=30 + i,
            coach=cast["coach"],
            note=f"Note {i}",
            coach_rating=1 + (i + 1) % 4,
        )
        CandidateChange.objects.create(
            candidate=world["candidate"],
            field="stage",
            old_value="identified",
            new_value="nominated",
            note=f"Why {i}",
            changed_by=cast["admin"],
        )
        nomination = Nomination.objects.create(
            district=world["candidate"].district,
            program=world["program"],
            window=world["window"],
            nominee=person,
            school=world["candidate"].school,
            nominated_by=cast["principal"],
            rationale=f"Seen {i}",
            status=NominationStatus.DECLINED,
        )
        nomination.attributes.set(world["attributes"])
        for attribute in world["attributes"]:
            NominationEvidence.objects.create(
                nomination=nomination,
                attribute=attribute,
                seen=f"Seen {i}",
                link=f"https://e.test/{i}",
            )
        cohort = Cohort.objects.create(
            program=world["program"], name=f"Cohort {i}", starts_on=today, ends_on=today
        )
        Enrollment.objects.create(cohort=cohort, person=person)
        opportunity = Opportunity.objects.create(
            district=world["candidate"].district,
            kind=world["kind"],
            title=f"Opportunity {i}",
            description="x",
            time_asked="x",
            school=world["candidate"].school,
            closes_on=today,
            posted_by=cast["principal"],
        )
        Application.objects.create(
            opportunity=opportunity,
            applicant=person,
            status="selected",
            submitted_at=timezone.now(),
            decided_at=timezone.now(),
        )
        ExperienceEntry.objects.create(
            district=world["candidate"].district,
            person=person,
            title=f"Line {i}",
            started_on=today - datetime.timedelta(days=10),
            source="outside",
        )


# Growth plans and mentoring (issue 19) added three: the viewer's mentoring pairs in
# access.standings, the plan section's plan and its pairs (a fourth, whether an unreadable
# plan exists, when the viewer may not read it).
@pytest.mark.parametrize(("who", "budget"), [("admin", 30), ("principal", 30)])
def test_it_makes_a_fixed_number_of_queries(world, cast, client_for, who, budget):
    """Every section is fetched in a fixed number of queries: reflections with their
    addenda and feedback, ratings, nominations with their attributes, the record."""
    assert_flat_query_count(
        client_for(cast[who]), url(world), lambda: _more(world, cast, 6), budget=budget
    )


def test_it_makes_a_fixed_number_of_queries_as_the_principal_sees_it(world, cast, client_for):
    assert_flat_query_count(
        client_for(cast["teacher"]),
        url(world, "?as=principal"),
        lambda: _more(world, cast, 6),
        budget=34,
    )
