"""Growth plans (issue 19): writing one's plan for the school year, who reads and reviews it,
check-ins and closing a goal, and where its progress shows."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from leadership import school_year
from leadership.models import Mentorship
from leadership.tests.helpers import assert_flat_query_count
from notices.models import Outbox
from pipeline.models import Candidate, Stage
from pipeline.plans import services
from pipeline.plans.models import GoalAction, GrowthPlan, PlanNote, PlanStatus
from pipeline.tests import plans_data

YEAR = school_year.current_year()


def _form(district, **extra):
    collaboration = plans_data.attribute(district)
    return {
        "goal1_attribute": collaboration.pk,
        "goal1_text": "Lead our grade team's meetings",
        "goal1_success": "Everybody speaks and decisions get made.",
        "goal1_target_on": plans_data.target_day().isoformat(),
        **extra,
    }


def test_it_writes_a_plan_with_two_goals_linked_to_an_opportunity_and_a_prompt(
    client_for, teacher, district
):
    opportunity = plans_data.opportunity(district)
    prompt = plans_data.prompt(district, "advocacy")
    client = client_for(teacher)
    page = client.get(reverse("pipeline:plan_edit"))
    assert "Goal 3" in page.text and opportunity.title in page.text

    response = client.post(
        reverse("pipeline:plan_edit"),
        _form(
            district,
            goal1_opportunity=opportunity.pk,
            goal2_attribute=prompt.attribute.pk,
            goal2_text="Speak up for the students nobody counts",
            goal2_success="Our intervention list changes.",
            goal2_target_on=plans_data.target_day(90).isoformat(),
            goal2_prompt=prompt.pk,
        ),
        follow=True,
    )

    assert "Your growth plan is saved." in response.text
    plan = GrowthPlan.objects.get(author=teacher)
    assert plan.year == YEAR and plan.status == PlanStatus.DRAFT
    assert [g.attribute.slug for g in plan.goals.all()] == ["collaboration", "advocacy"]
    assert set(GoalAction.objects.values_list("opportunity", "prompt")) == {
        (opportunity.pk, None),
        (None, prompt.pk),
    }
    assert opportunity.title in response.text and prompt.text in response.text


def test_it_links_a_goal_to_a_session_and_a_program(client_for, teacher, district):
    from programs.models import Cohort, Program, Session

    program = Program.objects.create(district=district, name="Aspiring Principals")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        program=program, name="2026", starts_on=today, ends_on=today + timedelta(days=90)
    )
    start = timezone.now() + timedelta(days=3)
    session = Session.objects.create(
        cohort=cohort, title="Data walk", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    data = _form(district, goal1_session=session.pk, goal1_program=program.pk)

    response = client_for(teacher).post(reverse("pipeline:plan_edit"), data, follow=True)

    assert "Data walk" in response.text and "Aspiring Principals" in response.text
    assert set(GoalAction.objects.values_list("session", "program")) == {
        (session.pk, None),
        (None, program.pk),
    }


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"goal1_attribute": ""}, "Choose the attribute goal 1 grows."),
        (
            {"goal1_target_on": f"{YEAR + 1}-09-01"},
            f"Goal 1&#x27;s target date must fall in the school year {school_year.label(YEAR)}",
        ),
        ({"goal1_target_on": f"{YEAR}-07-31"}, "must fall in the school year"),
        ({"goal1_text": ""}, "Say what you will grow in for goal 1."),
        ({"sponsor": "nobody@maple.test"}, "Nobody with this email address works in the district."),
    ],
)
def test_it_refuses_a_goal_without_an_attribute_or_out_of_the_year(
    client_for, teacher, district, extra, message
):
    response = client_for(teacher).post(reverse("pipeline:plan_edit"), _form(district, **extra))

    assert response.status_code == 400
    assert message in response.text
    assert not GrowthPlan.objects.exists()


def test_it_refuses_a_plan_without_goals(client_for, teacher, district):
    response = client_for(teacher).post(reverse("pipeline:plan_edit"), {"target_level": "school"})

    assert "Write at least one goal" in response.text
    assert not GrowthPlan.objects.exists()


def test_it_refuses_the_author_as_their_own_sponsor(client_for, teacher, district):
    data = _form(district, sponsor=teacher.email)

    response = client_for(teacher).post(reverse("pipeline:plan_edit"), data)

    assert "Invite somebody else" in response.text
    assert not GrowthPlan.objects.exists()


def test_it_asks_for_a_sign_in(client):
    response = client.get(reverse("pipeline:plan_edit"))

    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.fixture
def handed_in(teacher, coach, district):
    plans_data.coach_of(coach, teacher, district)
    plan = plans_data.plan(teacher, district)
    services.plan_submit(plan=plan)
    return plan


def _detail(client, plan):
    return client.get(reverse("pipeline:plan_detail", args=[plan.pk]))


def test_it_keeps_a_draft_to_its_author(client_for, teacher, coach, district, district_admin):
    plans_data.coach_of(coach, teacher, district)
    plan = plans_data.plan(teacher, district)

    assert _detail(client_for(teacher), plan).status_code == 200
    assert _detail(client_for(coach), plan).status_code == 404
    assert _detail(client_for(district_admin), plan).status_code == 404


@pytest.mark.parametrize(
    ("who", "shared", "status"),
    [
        ("coach", False, 200),
        ("district_admin", False, 200),
        ("principal", False, 404),
        ("principal", True, 200),
        ("other_principal", True, 404),
        ("other_teacher", True, 404),
        ("outsider", True, 404),
    ],
)
def test_it_follows_the_reflection_rules_once_handed_in(
    client_for, handed_in, who, shared, status, request
):
    handed_in.shared_with_principal = shared
    handed_in.save(update_fields=["shared_with_principal"])

    response = _detail(client_for(request.getfixturevalue(who)), handed_in)

    assert response.status_code == status
    if status == 200:
        assert "Lead our team&#x27;s meetings" in response.text


def test_it_lets_a_mentor_read_a_shared_plan(client_for, handed_in, district, other_teacher):
    Mentorship.objects.create(district=district, mentor=other_teacher, person=handed_in.author)

    assert _detail(client_for(other_teacher), handed_in).status_code == 404
    handed_in.shared_with_principal = True
    handed_in.save(update_fields=["shared_with_principal"])
    assert _detail(client_for(other_teacher), handed_in).status_code == 200


def test_it_tells_the_coach_and_the_sponsor_once(client_for, teacher, coach, district, principal):
    plans_data.coach_of(coach, teacher, district)
    plan = plans_data.plan(teacher, district, sponsor=principal)
    url = reverse("pipeline:plan_submit", args=[plan.pk])
    client = client_for(teacher)

    client.post(url)
    client.post(url)

    rows = Outbox.objects.filter(kind="plan.review_requested")
    assert sorted(r.to_email for r in rows) == [coach.email, principal.email]
    assert _detail(client_for(principal), plan).status_code == 200


def test_it_says_when_nobody_reviews_it(client_for, teacher, district):
    plan = plans_data.plan(teacher, district)

    response = client_for(teacher).post(
        reverse("pipeline:plan_submit", args=[plan.pk]), follow=True
    )

    assert "nobody reviews it yet" in response.text
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_it_lets_the_coach_review_and_tells_the_author(client_for, handed_in, coach, teacher):
    url = reverse("pipeline:plan_review", args=[handed_in.pk])

    response = client_for(coach).post(url, {"text": "Strong goals; add a date for goal 1."})

    assert response.status_code == 302
    handed_in.refresh_from_db()
    assert handed_in.status == PlanStatus.REVIEWED and handed_in.reviewed_by == coach
    email = Outbox.objects.get(kind="plan.reviewed")
    assert email.to_email == teacher.email and "add a date for goal 1" in email.text
    page = _detail(client_for(teacher), handed_in)
    assert "Strong goals" in page.text and "Reviewed" in page.text


def test_it_refuses_an_empty_review(client_for, handed_in, coach):
    url = reverse("pipeline:plan_review", args=[handed_in.pk])

    response = client_for(coach).post(url, {"text": ""}, follow=True)

    assert "Write what you think of the plan" in response.text
    handed_in.refresh_from_db()
    assert handed_in.status == PlanStatus.SUBMITTED


@pytest.mark.parametrize(("who", "status"), [("teacher", 403), ("district_admin", 403)])
def test_it_refuses_a_review_by_anybody_else(client_for, handed_in, who, status, request):
    url = reverse("pipeline:plan_review", args=[handed_in.pk])

    response = client_for(request.getfixturevalue(who)).post(url, {"text": "Fine."})

    assert response.status_code == status
    assert not PlanNote.objects.exists()


def test_it_answers_get_on_actions_with_405(client_for, handed_in, coach):
    for name in ("plan_review", "plan_submit", "plan_comment"):
        url = reverse(f"pipeline:{name}", args=[handed_in.pk])
        assert client_for(coach).get(url).status_code == 405


def test_it_asks_for_a_review_again_after_a_change(client_for, handed_in, coach, teacher):
    services.plan_review(plan=handed_in, reviewer=coach, text="Good.")
    district = handed_in.district

    client_for(teacher).post(reverse("pipeline:plan_edit"), _form(district, goal1_text="New"))

    handed_in.refresh_from_db()
    assert handed_in.status == PlanStatus.SUBMITTED
    assert handed_in.goals.get().text == "New"


def test_it_records_check_ins_and_closes_a_goal_with_a_reflection(client_for, handed_in, teacher):
    goal = handed_in.goals.get()
    client = client_for(teacher)

    client.post(
        reverse("pipeline:goal_check_in", args=[goal.pk]),
        {"progress": "on_track", "text": "Ran two meetings."},
    )
    refused = client.post(
        reverse("pipeline:goal_close", args=[goal.pk]), {"reflection": ""}, follow=True
    )
    assert "Write a short reflection to close the goal." in refused.text
    client.post(
        reverse("pipeline:goal_close", args=[goal.pk]), {"reflection": "Listening first works."}
    )

    goal.refresh_from_db()
    assert goal.is_closed and goal.closing_reflection == "Listening first works."
    assert goal.check_ins.get().progress == "on_track"


def test_it_keeps_a_goals_check_ins_when_its_words_change(client_for, handed_in, teacher):
    goal = handed_in.goals.get()
    services.goal_check_in(goal=goal, author=teacher, progress="behind", text="Slow start.")
    district = handed_in.district

    client_for(teacher).post(
        reverse("pipeline:plan_edit"), _form(district, goal1_text="Lead the whole grade")
    )

    goal.refresh_from_db()
    assert goal.text == "Lead the whole grade"
    assert goal.check_ins.get().text == "Slow start."


def test_it_refuses_check_ins_by_anybody_but_the_author(client_for, handed_in, coach, outsider):
    goal = handed_in.goals.get()
    url = reverse("pipeline:goal_check_in", args=[goal.pk])
    data = {"progress": "on_track", "text": "Not mine."}

    assert client_for(coach).post(url, data).status_code == 403
    assert client_for(outsider).post(url, data).status_code == 404
    assert not PlanNote.objects.exists()


def test_it_refuses_a_check_in_without_words(client_for, handed_in, teacher):
    goal = handed_in.goals.get()
    url = reverse("pipeline:goal_check_in", args=[goal.pk])

    response = client_for(teacher).post(url, {"progress": "on_track", "text": ""}, follow=True)

    assert "Say what happened since the last check-in." in response.text
    assert not PlanNote.objects.exists()


def test_it_shows_progress_on_home_and_profile(client_for, handed_in, teacher, coach):
    goal = handed_in.goals.get()
    services.goal_close(goal=goal, reflection="Done.")

    home = client_for(teacher).get("/")
    profile = client_for(coach).get(reverse("pipeline:person", args=[teacher.pk]))

    assert "1 of 1 goal closed" in home.text
    assert "1 of 1 goal closed" in profile.text


def test_it_tells_the_principal_a_plan_exists_without_showing_it(client_for, handed_in, principal):
    profile = client_for(principal).get(reverse("pipeline:person", args=[handed_in.author.pk]))

    assert "has a growth plan for" in profile.text and "not shared with you" in profile.text
    assert "goal closed" not in profile.text


def test_it_counts_candidates_with_a_reviewed_plan_per_school(
    client_for, handed_in, coach, district_admin, teacher, district, school
):
    Candidate.objects.create(district=district, user=teacher, school=school, stage=Stage.NOMINATED)
    client = client_for(district_admin)
    url = reverse("pipeline:schools") + "?sort=-reviewed_plans"

    assert "Candidates with a reviewed growth plan" in client.get(url).text
    services.plan_review(plan=handed_in, reviewer=coach, text="Good.")
    rows = client.get(url).text
    row = rows[rows.index(school.name) :].split("</tr>", 1)[0]
    assert ">1<" in row or "> 1<" in row or ">1 <" in row


def test_it_keeps_the_plan_page_flat(client_for, handed_in, teacher, coach):
    def grow():
        goal = handed_in.goals.get()
        for i in range(5):
            services.goal_check_in(goal=goal, author=teacher, progress="on_track", text=f"{i}")
            services.plan_comment(plan=handed_in, author=coach, text=f"Comment {i}")
        handed_in.goals.update(target_on=timezone.localdate() + timedelta(days=1))

    url = reverse("pipeline:plan_detail", args=[handed_in.pk])
    assert_flat_query_count(client_for(teacher), url, grow, budget=12)


def test_it_keeps_the_plans_list_flat(client_for, handed_in, district_admin, district, school):
    from conftest import make_person
    from leadership.models import Role

    def grow():
        for i in range(5):
            person = make_person(f"p{i}@maple.test", f"Pat {i}", district, Role.TEACHER, school)
            plans_data.plan(person, district, status=PlanStatus.SUBMITTED)

    url = reverse("pipeline:plan_home")
    assert_flat_query_count(client_for(district_admin), url, grow, budget=8)


def test_it_reads_each_list_of_the_plan_form_once(client_for, teacher, district):
    """The three goals offer the same attributes, prompts, programs, resources, opportunities
    and sessions: each list is read once for the page (it was read once per goal), and each
    goal still shows its own choice."""
    from programs.models import Program

    programs = [Program.objects.create(district=district, name=f"Program {n}") for n in (1, 2)]
    opportunities = [plans_data.opportunity(district, f"Team {n}") for n in (1, 2)]
    plans_data.plan(
        teacher,
        district,
        goals=[
            plans_data.goal(district, "collaboration", program=programs[1]),
            plans_data.goal(district, "advocacy", opportunity=opportunities[0]),
            plans_data.goal(district, "authenticity", program=programs[0]),
        ],
    )

    def grow():
        for n in range(3, 8):
            Program.objects.create(district=district, name=f"Program {n}")
            plans_data.opportunity(district, f"Team {n}")

    url = reverse("pipeline:plan_edit")
    page = assert_flat_query_count(client_for(teacher), url, grow, budget=14).text

    def chosen(name):
        options = page.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
        return re.findall(r'<option value="(\d*)" selected>', options)

    assert chosen("goal1_program") == [str(programs[1].pk)]
    assert chosen("goal2_opportunity") == [str(opportunities[0].pk)]
    assert chosen("goal3_program") == [str(programs[0].pk)]
    assert chosen("goal1_opportunity") == chosen("goal2_program") == [""]
