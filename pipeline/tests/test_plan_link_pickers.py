"""/plans/mine/'s opportunity and session of each goal as pickers (leadership/picker.py): typed
or picked among the open opportunities and coming sessions of the author's district, and
their search endpoints answer only with what the plan form offers that person."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from conftest import make_person
from leadership import picker
from leadership.models import Role, User
from leadership.tests.helpers import assert_flat_query_count
from leadership.tests.picking import BAD_INPUT
from opportunities.models import Opportunity
from pipeline.plans.models import GoalAction, GrowthPlan
from pipeline.tests import plans_data
from programs.models import Cohort, Program, Session

pytestmark = pytest.mark.django_db
URL = reverse("pipeline:plan_edit")
OPPORTUNITIES = reverse("pipeline:plan_opportunity_search")
SESSIONS = reverse("pipeline:plan_session_search")
SCRIPT = '<script src="/static/js/picker.js"></script>'


def label(opportunity):
    """What the picker shows for `opportunity`: its title, school and closing day."""
    where = opportunity.school.name if opportunity.school else "District-wide"
    return f"{opportunity.title} ({where}, closes {date_format(opportunity.closes_on)})"


def many_opportunities(district, count=picker.SHORT + 5, prefix="Extra opportunity"):
    """More open opportunities than a select shows, so each goal's box is a search box."""
    kind = plans_data.opportunity(district, title=f"{prefix} setup").kind
    closes = timezone.localdate() + timedelta(days=30)
    Opportunity.objects.bulk_create(
        Opportunity(
            district=district,
            kind=kind,
            title=f"{prefix} {i:03d}",
            description="-",
            time_asked="-",
            closes_on=closes,
        )
        for i in range(count)
    )


def cohort(district, program="Aspiring Principals", name="2026"):
    made, _ = Program.objects.get_or_create(district=district, name=program)
    today = timezone.localdate()
    return Cohort.objects.create(
        program=made, name=name, starts_on=today, ends_on=today + timedelta(days=90)
    )


def session(group, title="Data walk", days=3, **fields):
    start = timezone.now() + timedelta(days=days)
    return Session.objects.create(
        cohort=group, title=title, starts_at=start, ends_at=start + timedelta(hours=1), **fields
    )


def many_sessions(district, count=picker.SHORT + 5):
    """A "Session 2" in each of `count` cohorts, as a large district has."""
    for i in range(count):
        session(cohort(district, name=f"Cohort {i:03d}"), title="Session 2")


def _form(district, **extra):
    return {
        "goal1_attribute": plans_data.attribute(district).pk,
        "goal1_text": "Lead our grade team's meetings",
        "goal1_success": "Everybody speaks and decisions get made.",
        "goal1_target_on": plans_data.target_day().isoformat(),
        **extra,
    }


def test_it_suggests_the_districts_open_opportunities_only(
    client_for, teacher, district, other_district
):
    team = plans_data.opportunity(district, "Lead the grade 7 data team")
    closed = plans_data.opportunity(district, "Lead the grade 7 book club")
    closed.status = Opportunity.Status.CANCELLED
    closed.save(update_fields=["status"])
    plans_data.opportunity(other_district, "Lead the grade 7 garden")
    client = client_for(teacher)
    body = client.get(OPPORTUNITIES, {"goal2_opportunity": "grade 7"}).text
    assert body == f'<option value="{label(team)}"></option>'
    assert client.get(OPPORTUNITIES, {"goal1_opportunity": "garden"}).text == ""


def test_it_suggests_the_coming_sessions_of_the_district_told_apart_by_cohort(
    client_for, teacher, district, other_district
):
    session(cohort(district, name="Spring"))
    session(cohort(district, name="Fall"), title="Data walk")
    session(cohort(district, name="Past"), days=-2)
    session(cohort(district, name="Cancelled"), status=Session.Status.CANCELLED)
    session(cohort(district, name="Next year"), days=400)
    session(cohort(other_district, name="Far"))
    body = client_for(teacher).get(SESSIONS, {"goal3_session": "data walk"}).text
    assert body == (
        '<option value="Data walk (Aspiring Principals — Fall)"></option>'
        '<option value="Data walk (Aspiring Principals — Spring)"></option>'
    )


def test_another_districts_person_is_offered_their_own_districts_choices_only(
    client_for, district, other_district, outsider
):
    plans_data.opportunity(district, "Lead the grade 7 data team")
    session(cohort(district))
    far = make_person("fay@cedar.test", "Fay Farteacher", other_district, Role.TEACHER)
    garden = plans_data.opportunity(other_district, "Lead the grade 7 garden")
    for person in (outsider, far):
        client = client_for(person)
        assert client.get(OPPORTUNITIES, {"goal1_opportunity": "data team"}).text == ""
        assert client.get(SESSIONS, {"goal1_session": "data walk"}).text == ""
        found = client.get(OPPORTUNITIES, {"goal1_opportunity": "grade"}).text
        assert found == f'<option value="{label(garden)}"></option>'


def test_it_requires_login(client_for):
    for url in (OPPORTUNITIES, SESSIONS):
        response = client_for(None).get(url, {"goal1_opportunity": "lead"})
        assert response.status_code == 302 and response["Location"].startswith("/accounts/")


def test_it_refuses_somebody_in_no_district_as_the_page_does(client_for):
    nobody = User.objects.create_user(email="nobody@maple.test", password="x")
    client = client_for(nobody)
    assert client.get(URL).status_code == 403
    assert client.get(OPPORTUNITIES, {"goal1_opportunity": "lead"}).status_code == 403
    assert client.get(SESSIONS, {"goal1_session": "data"}).status_code == 403


@pytest.mark.parametrize("text", [*BAD_INPUT, ""])
def test_it_answers_bad_input_with_no_suggestions(client_for, teacher, district, text):
    plans_data.opportunity(district)
    session(cohort(district))
    client = client_for(teacher)
    for url, name in ((OPPORTUNITIES, "goal1_opportunity"), (SESSIONS, "goal2_session")):
        response = client.get(url, {name: text})
        assert response.status_code == 200 and response.text == ""


def test_it_caps_the_suggestions_and_keeps_its_query_count_flat(client_for, teacher, district):
    many_opportunities(district, 5)
    client = client_for(teacher)
    grow = lambda: many_opportunities(district, 300, prefix="Grown opportunity")  # noqa: E731
    query = f"{OPPORTUNITIES}?goal1_opportunity=opportunity"
    assert_flat_query_count(client, query, grow, budget=5)
    assert client.get(query).text.count("<option") == picker.LIMIT


def test_the_page_offers_labelled_search_boxes_instead_of_every_choice(
    client_for, teacher, district
):
    many_opportunities(district)
    many_sessions(district)
    page = client_for(teacher).get(URL).text
    assert "Extra opportunity 000" not in page and "Cohort 000" not in page
    assert page.count("<option") < 100
    assert SCRIPT in page
    for n in (1, 2, 3):
        for link, label in (("opportunity", "An opportunity"), ("session", "A session to")):
            box = f"id_goal{n}_{link}"
            assert re.search(rf'<label\s+for="{box}" class="form-label">\s*{label}', page)
            assert f'list="{box}-list"' in page and f'aria-describedby="{box}-hint"' in page
    assert page.count("Type part of the opportunity&#x27;s title or school.") == 3
    assert page.count("Type part of the session&#x27;s title, program or cohort.") == 3


def test_a_short_list_stays_a_select(client_for, teacher, district):
    team = plans_data.opportunity(district, "Lead the grade 7 data team")
    page = client_for(teacher).get(URL).text
    none = '<option value="" selected>None</option>'
    assert f'name="goal1_opportunity">{none}<option value="' in page
    assert f">{label(team)}</option>" in page
    assert f'name="goal1_session">{none}</select>' in page
    assert "data-picker" not in page


def test_it_saves_an_opportunity_and_a_session_typed_without_javascript(
    client_for, teacher, district
):
    many_opportunities(district)
    many_sessions(district)
    wanted = plans_data.opportunity(district, "Lead the grade 7 data team")
    walk = session(cohort(district, name="Spring"))
    data = _form(district, goal1_opportunity="lead the grade 7 data team", goal1_session="walk")
    response = client_for(teacher).post(URL, data, follow=True)
    assert "Your growth plan is saved." in response.text
    assert set(GoalAction.objects.values_list("opportunity", "session")) == {
        (wanted.pk, None),
        (None, walk.pk),
    }


def test_a_typed_title_others_contain_is_that_opportunity(client_for, teacher, district):
    many_opportunities(district)
    client_for(teacher).post(URL, _form(district, goal2_opportunity="Extra opportunity 01"))
    assert not GrowthPlan.objects.exists()  # "01" is in 010 to 019: several match
    client_for(teacher).post(URL, _form(district, goal1_opportunity="Extra opportunity 017"))
    assert GoalAction.objects.get().opportunity.title == "Extra opportunity 017"


def test_it_names_the_matches_and_saves_nothing_when_unclear_or_unknown(
    client_for, teacher, district
):
    many_opportunities(district)
    many_sessions(district)
    client = client_for(teacher)
    unclear = client.post(URL, _form(district, goal1_opportunity="Extra opportunity 00"))
    assert unclear.status_code == 400
    assert "Your plan was not saved; see the form below." in unclear.text
    assert "Several opportunities match “Extra opportunity 00”" in unclear.text
    first = Opportunity.objects.get(title="Extra opportunity 001")
    assert f'<option value="{label(first)}"></option>' in unclear.text
    assert 'value="Extra opportunity 00"' in unclear.text  # what was typed stays in the box
    sessions = client.post(URL, _form(district, goal1_session="Session 2")).text
    assert "Several sessions match “Session 2”" in sessions
    assert "Session 2 (Aspiring Principals — Cohort 000); Session 2 (Aspiring" in sessions
    unknown = client.post(URL, _form(district, goal1_opportunity="Zebra")).text
    assert "No opportunity is called “Zebra”" in unknown
    assert not GrowthPlan.objects.exists() and not GoalAction.objects.exists()


def test_it_refuses_another_districts_opportunity_or_session_by_id_or_title(
    client_for, teacher, district, other_district
):
    many_opportunities(district)
    many_sessions(district)
    far = plans_data.opportunity(other_district, "Lead the grade 7 garden")
    far_session = session(cohort(other_district), title="Far walk")
    client = client_for(teacher)
    by_id = client.post(URL, _form(district, goal1_opportunity=far.pk)).text
    by_title = client.post(URL, _form(district, goal1_opportunity=far.title)).text
    session_by_id = client.post(URL, _form(district, goal1_session=far_session.pk)).text
    assert "That opportunity is not one you can choose." in by_id
    assert "No opportunity is called “Lead the grade 7 garden”" in by_title
    assert "That session is not one you can choose." in session_by_id
    assert not GrowthPlan.objects.exists()


def test_the_plan_shows_its_chosen_opportunity_and_session_in_the_boxes(
    client_for, teacher, district
):
    many_opportunities(district)
    many_sessions(district)
    wanted = plans_data.opportunity(district, "Lead the grade 7 data team")
    walk = session(cohort(district, name="Spring"))
    links = {"opportunity": wanted, "session": walk}
    plans_data.plan(teacher, district, goals=[plans_data.goal(district, **links)])
    page = client_for(teacher).get(URL).text
    assert f'name="goal1_opportunity" type="search" value="{label(wanted)}"' in page
    assert 'value="Data walk (Aspiring Principals — Spring)"' in page


def plc_facilitators(district, school, other_school):
    """Three open "PLC facilitator" opportunities: at two schools closing the same day, and
    one for the whole district."""
    kind = plans_data.opportunity(district, title="Setup").kind
    year = timezone.localdate().year + 1
    made = {}
    for where, closes in ((school, date(year, 12, 3)), (other_school, date(year, 12, 3))):
        made[where.name] = Opportunity.objects.create(
            district=district,
            kind=kind,
            school=where,
            title="PLC facilitator",
            description="-",
            time_asked="-",
            closes_on=closes,
        )
    made["District-wide"] = Opportunity.objects.create(
        district=district,
        kind=kind,
        title="PLC facilitator",
        description="-",
        time_asked="-",
        closes_on=date(year, 1, 15),
    )
    return year, made


def test_opportunities_of_one_title_are_told_apart_by_school_and_closing_day(
    client_for, teacher, district, school, other_school
):
    year, _ = plc_facilitators(district, school, other_school)
    body = client_for(teacher).get(OPPORTUNITIES, {"goal1_opportunity": "plc facil"}).text
    assert body == (
        f'<option value="PLC facilitator (District-wide, closes 15 Jan {year})"></option>'
        f'<option value="PLC facilitator (Maple Grove High School, closes 3 Dec {year})">'
        "</option>"
        f'<option value="PLC facilitator (Maple Grove Middle School, closes 3 Dec {year})">'
        "</option>"
    )


def test_it_saves_the_opportunity_whose_whole_label_was_typed_and_shows_it(
    client_for, teacher, district, school, other_school
):
    many_opportunities(district)
    year, made = plc_facilitators(district, school, other_school)
    client = client_for(teacher)
    typed = f"PLC facilitator (Maple Grove High School, closes 3 Dec {year})"
    response = client.post(URL, _form(district, goal1_opportunity=typed), follow=True)
    assert "Your growth plan is saved." in response.text
    assert GoalAction.objects.get().opportunity == made["Maple Grove High School"]
    page = client.get(URL).text
    assert f'name="goal1_opportunity" type="search" value="{typed}"' in page


def test_the_bare_title_of_several_opportunities_names_them_and_saves_nothing(
    client_for, teacher, district, school, other_school
):
    many_opportunities(district)
    year, _ = plc_facilitators(district, school, other_school)
    response = client_for(teacher).post(URL, _form(district, goal1_opportunity="PLC facilitator"))
    assert response.status_code == 400
    assert (
        "Several opportunities match “PLC facilitator”: "
        f"PLC facilitator (District-wide, closes 15 Jan {year}); "
        f"PLC facilitator (Maple Grove High School, closes 3 Dec {year}); "
        f"PLC facilitator (Maple Grove Middle School, closes 3 Dec {year}). "
        "Type the whole name."
    ) in response.text
    assert not GrowthPlan.objects.exists() and not GoalAction.objects.exists()


def test_the_closing_day_reads_as_the_site_writes_dates_in_every_month(
    client_for, teacher, district
):
    """The label's date is built in SQL (_day in pipeline/plans/forms.py): each month's name and
    one- and two-digit days must read as date_format writes them ("3 Dec 2026")."""
    kind = plans_data.opportunity(district, title="Setup").kind
    year = timezone.localdate().year + 1
    for month in range(1, 13):
        Opportunity.objects.create(
            district=district,
            kind=kind,
            title=f"Month {month:02d}",
            description="-",
            time_asked="-",
            closes_on=date(year, month, 2 * month + 4),
        )
    body = client_for(teacher).get(OPPORTUNITIES, {"goal1_opportunity": "month"}).text
    expected = [label(o) for o in Opportunity.objects.filter(title__startswith="Month")]
    assert re.findall(r'<option value="([^"]*)">', body) == sorted(expected)
    assert f"Month 01 (District-wide, closes 6 Jan {year})" in expected
    assert f"Month 09 (District-wide, closes 22 Sep {year})" in expected
