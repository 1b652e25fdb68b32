"""In Chromium (issue 19): a teacher writes a growth plan with two goals, one linked to an
opportunity and one to a prompt, and her coach reviews it; a district admin matches a whole
cohort to mentors and sees who could not be matched, and why."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import PASSWORD, make_person
from leadership.models import Level, Mentorship, Role
from leadership.picker import labelled
from leadership.tests.fixtures_browser import audit, sign_in
from opportunities.models import Opportunity
from pipeline.mentoring.models import MentorOffer
from pipeline.plans.forms import PICKED
from pipeline.plans.models import GoalAction, GrowthPlan, PlanStatus
from pipeline.tests import plans_data
from programs.models import Cohort, Enrollment, Program

pytestmark = pytest.mark.browser


def _as(page, live_server, user):
    page.context.clear_cookies()
    sign_in(page, live_server, user.email, PASSWORD)


def _goal(page, n, attribute, text, success, day, link_label, link):
    goal = page.locator(f"#goal-{n}")
    goal.get_by_label("The attribute it grows").select_option(label=attribute)
    goal.get_by_label("What you will grow in").fill(text)
    goal.get_by_label("How success will show").fill(success)
    goal.get_by_label("By when").fill(day.isoformat())
    goal.get_by_label(link_label).select_option(label=link)


def test_a_teacher_writes_a_plan_and_her_coach_reviews_it(
    page, live_server, teacher, coach, district
):
    plans_data.coach_of(coach, teacher, district)
    opportunity = plans_data.opportunity(district)
    # The option reads as the picker labels it: title, school or district-wide, closing day.
    opportunity_label = (
        labelled(Opportunity.objects.filter(pk=opportunity.pk), PICKED["opportunity"]["label"])
        .get()
        .pick_label
    )
    prompt = plans_data.prompt(district, "advocacy")

    _as(page, live_server, teacher)
    page.get_by_role("link", name="Write your growth plan").click()
    audit(page)
    page.locator("#goal-1").get_by_label("What you will grow in").fill("Lead our data team")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_text("Choose the attribute goal 1 grows.")).to_be_visible()
    assert not GrowthPlan.objects.exists()
    _goal(
        page,
        1,
        "Collaboration",
        "Lead our grade team's data meetings",
        "Every teacher brings one student's work and we agree a next step.",
        plans_data.target_day(60),
        "An opportunity to apply for (optional)",
        opportunity_label,
    )
    _goal(
        page,
        2,
        "Advocacy",
        "Speak up for the students our data leaves out",
        "Our intervention list changes by spring.",
        plans_data.target_day(120),
        "A prompt to reflect on (optional)",
        str(prompt),  # the prompt's first 80 characters
    )
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_text("Your growth plan is saved.")).to_be_visible()
    expect(page.get_by_role("link", name=opportunity.title)).to_be_visible()
    expect(page.get_by_role("link", name=prompt.text)).to_be_visible()
    audit(page)
    page.get_by_role("button", name="Ask for a review").click()
    expect(page.get_by_text("Your plan is sent for review.")).to_be_visible()

    _as(page, live_server, coach)
    page.get_by_role("link", name="Tom Teacher's growth plan").click()
    expect(page.get_by_role("heading", name="Goal 2: Advocacy")).to_be_visible()
    page.get_by_label("Your review").fill("Strong goals. Add the spring data review to goal 2.")
    audit(page)
    page.get_by_role("button", name="Mark the plan reviewed").click()
    expect(page.get_by_text("You reviewed Tom Teacher's plan; they are told.")).to_be_visible()

    _as(page, live_server, teacher)
    expect(page.locator("#home-plan-progress")).to_contain_text("0 of 2 goals closed · Reviewed")
    plan = GrowthPlan.objects.get()
    assert plan.status == PlanStatus.REVIEWED and plan.reviewed_by == coach
    assert GoalAction.objects.filter(opportunity=opportunity).exists()
    assert GoalAction.objects.filter(prompt=prompt).exists()


def test_an_admin_matches_a_cohort_and_sees_who_could_not_be_matched(
    page, live_server, district_admin, teacher, other_teacher, principal, district, school
):
    program = Program.objects.create(district=district, name="Aspiring Principals")
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        program=program, name="2026", starts_on=today, ends_on=today + timedelta(days=200)
    )
    third = make_person("tia@maple.test", "Tia Third", district, Role.TEACHER, school)
    for person in (teacher, other_teacher, third):
        Enrollment.objects.create(cohort=cohort, person=person)
    mentor = make_person(
        "mentor@maple.test", "Mina Mentor", district, Role.COACH, level=Level.DISTRICT
    )
    MentorOffer.objects.create(district=district, person=mentor, capacity=1)
    MentorOffer.objects.create(district=district, person=principal, capacity=3)
    plans_data.plan(teacher, district, goals=[plans_data.goal(district, "collaboration")])

    _as(page, live_server, district_admin)
    page.goto(f"{live_server.url}/cohorts/{cohort.pk}/")
    page.get_by_role("link", name="Match the cohort to mentors").click()
    expect(page.get_by_role("heading", name="Proposed pairs (2)")).to_be_visible()
    unmatched = page.locator("#unmatched-list")
    expect(unmatched).to_contain_text("Tom Teacher: every mentor who fits them was taken")
    page.get_by_label("Mentors from").select_option(label="Their own school")
    page.get_by_role("button", name="Propose").click()
    expect(page.get_by_role("heading", name="Proposed pairs (0)")).to_be_visible()
    expect(unmatched).to_contain_text("Paula Principal is their supervisor")
    expect(unmatched).to_contain_text("Mina Mentor works at another school")
    audit(page)
    page.get_by_label("Mentors from").select_option(label="Any school")
    page.get_by_role("button", name="Propose").click()
    page.get_by_role("button", name="Make these 2 pairs and tell them").click()
    expect(page.get_by_text("Paired 2 people.")).to_be_visible()
    expect(page.get_by_role("heading", name="Not matched (3)")).to_be_visible()
    expect(unmatched).to_contain_text("already has a mentor")
    expect(unmatched).to_contain_text("Mina Mentor already mentors 1, their capacity")
    audit(page)
    assert Mentorship.objects.filter(mentor=mentor).count() == 1
    assert Mentorship.objects.get(person=other_teacher).mentor == principal
    assert not Mentorship.objects.filter(person=teacher).exists()
