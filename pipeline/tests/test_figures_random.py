"""After any series of changes, the kept figures are what a fresh count finds.

A seeded random series of changes to what the figures count (people and their memberships,
candidates, nominations, enrollments, reflections, growth plans, experience, applications,
demographics, schools); after each one the dashboard's and the schools page's figures as an
admin and a principal would be served them (kept) must equal a count made from the rows
there and then (fresh). Kept figures that miss a change, or a per-school count kept up to
date wrongly, show up as a difference at the step that caused it.
"""

import datetime
import random
import uuid
from collections import defaultdict

import pytest
from django.db.models import Count, F, RowRange, Window
from django.db.models.functions import FirstValue, LastValue, RowNumber
from django.utils import timezone

from conftest import make_person
from leadership import access, school_year
from leadership.models import Level, Membership, Role, School
from opportunities import reach
from opportunities.models import Application, ExperienceEntry, Opportunity, OpportunityKind
from pipeline import dashboard, figures, schools, sections
from pipeline.models import Candidate, Demographics, Readiness, Stage
from pipeline.plans.models import GrowthPlan, PlanStatus
from pipeline.scope import pipeline_scope, scoped_candidates
from pipeline.tests.pipeline_data import framework
from portrait.models import Attribute, Reflection
from programs.models import Assignment, Cohort, Enrollment, Nomination, NominationWindow, Program

SEEDS = [18, 2026]
STEPS = 40


def kept(user):
    """What the dashboard and the schools page show `user`, through the kept figures."""
    access.forget_memberships(user)
    district, visible, is_admin = pipeline_scope(user)
    return {
        "people": figures.dashboard_people(user, district, visible, is_admin),
        "reflections": figures.dashboard_reflections(user, district, visible, is_admin),
        "schools": figures.school_table(user, district, visible, is_admin),
    }


def growth_from_reflections(candidates, district, is_admin):
    """Growth per attribute counted from the reflections themselves (each person's first and
    latest rating found by window functions), not from the ratings the database keeps."""
    attributes = list(
        Attribute.objects.filter(framework__district=district, framework__is_current=True)
    )
    reflections = Reflection.objects.submitted().filter(
        district=district,
        author__in=candidates.values("user"),
        attribute__in=attributes,
        self_rating__isnull=False,
    )
    if not is_admin:
        reflections = reflections.filter(shared_with_principal=True)

    def over(function):
        return Window(
            function,
            partition_by=[F("author_id"), F("attribute_id")],
            order_by=[F("submitted_at"), F("id")],
            frame=RowRange(start=None, end=None),
        )

    found = defaultdict(list)
    for row in reflections.values(
        "attribute_id",
        first=over(FirstValue("self_rating")),
        last=over(LastValue("self_rating")),
        position=over(RowNumber()),
        times=over(Count("id")),
    ):
        if row["position"] == 1 and row["times"] > 1:
            found[row["attribute_id"]].append(row["last"] - row["first"])
    return [
        {
            "attribute": attribute,
            "people": len(found[attribute.pk]),
            "average": round(sum(found[attribute.pk]) / len(found[attribute.pk]), 2)
            if found[attribute.pk]
            else None,
            "url": dashboard.list_url(attribute=attribute.pk),
        }
        for attribute in attributes
    ]


def fresh(user):
    """The same figures counted from the rows now, nothing kept (growth from the reflections
    themselves, fair reach and nominations from their rows)."""
    access.forget_memberships(user)
    district, visible, is_admin = pipeline_scope(user)
    candidates = scoped_candidates(user, district)
    with reach.afresh():  # reach and nominations from the rows, not the counts kept per school
        people = dashboard.people_figures(user, district, visible, candidates)
        people["sections"] = sections.pipeline_sections(user, district, visible)
        table = schools.table(user, district, visible, candidates)
    return {
        "people": people,
        "reflections": {
            "completion": dashboard.reflection_completion(district, visible, is_admin),
            "growth": growth_from_reflections(candidates, district, is_admin),
        },
        "schools": table,
    }


def without_stamp(found):
    return {
        name: {k: v for k, v in part.items() if k != "counted_at"} for name, part in found.items()
    }


class World:
    """The district's programs, windows and opportunities, and the changes made to it."""

    def __init__(self, rng, cast, district, schools_here):
        self.rng = rng
        self.cast = cast
        self.district = district
        self.schools = schools_here
        self.made = 0
        today = timezone.localdate()
        _, self.attribute, self.prompt = framework(district)
        program = Program.objects.create(district=district, name="Aspiring Principals")
        self.program = program
        self.cohort = Cohort.objects.create(
            program=program,
            name="Cohort 1",
            starts_on=today - datetime.timedelta(days=30),
            ends_on=today + datetime.timedelta(days=200),
        )
        Assignment.objects.create(
            cohort=self.cohort, prompt=self.prompt, due_on=today + datetime.timedelta(days=10)
        )
        self.open_window = NominationWindow.objects.create(
            program=program, opens_on=today - datetime.timedelta(days=3), closes_on=today
        )
        self.old_window = NominationWindow.objects.create(
            program=program,
            opens_on=today - datetime.timedelta(days=400),
            closes_on=today - datetime.timedelta(days=300),
        )
        kind = OpportunityKind.objects.create(district=district, name="Lead a team")
        self.opportunities = [
            Opportunity.objects.create(
                district=district,
                kind=kind,
                title=f"Team lead {i}",
                description="Run the team.",
                time_asked="An hour a week",
                level=level,
                closes_on=today + datetime.timedelta(days=5),
            )
            for i, level in enumerate([Level.CLASSROOM, Level.SCHOOL])
        ]

    # --- picking -----------------------------------------------------------------------

    def pick(self, queryset):
        found = list(queryset.order_by("pk"))
        return self.rng.choice(found) if found else None

    def staff(self):
        return Membership.objects.filter(district=self.district, school__isnull=False)

    def some_person(self):
        membership = self.pick(self.staff().filter(role=Role.TEACHER))
        return membership.user if membership else None

    def some_candidate(self):
        return self.pick(Candidate.objects.filter(district=self.district))

    # --- changes -----------------------------------------------------------------------

    def new_staff(self):
        self.made += 1
        school = self.rng.choice(self.schools)
        return make_person(
            f"person{self.made}@maple.test",
            f"Person {self.made}",
            self.district,
            Role.TEACHER,
            school,
        )

    def add_candidate(self):
        user = self.new_staff() if self.rng.random() < 0.7 else self.some_person()
        if Candidate.objects.filter(district=self.district, user=user).exists():
            return
        Candidate.objects.create(
            district=self.district,
            user=user,
            school=self.rng.choice([*self.schools, None]),
            stage=self.rng.choice(Stage.values),
            readiness=self.rng.choice(Readiness.values),
            current_level=self.rng.choice(Level.values),
            target_level=self.rng.choice(Level.values),
        )

    def remove_candidate(self):
        if found := self.some_candidate():
            found.delete()

    def change_candidate(self):
        if found := self.some_candidate():
            found.stage = self.rng.choice(Stage.values)
            found.readiness = self.rng.choice(Readiness.values)
            found.target_level = self.rng.choice([Level.SCHOOL, found.target_level])
            found.save()

    def move_candidate(self):
        if found := self.some_candidate():
            found.school = self.rng.choice([*self.schools, None])
            found.save(update_fields=["school"])

    def add_membership(self):
        """A second school for somebody (counted once per school, once in the district)."""
        user = self.some_person()
        school = self.rng.choice(self.schools)
        if user and not self.staff().filter(user=user, role=Role.COACH, school=school).exists():
            Membership.objects.create(
                user=user, district=self.district, role=Role.COACH, school=school
            )

    def toggle_membership(self):
        if found := self.pick(self.staff().filter(role__in=[Role.TEACHER, Role.COACH])):
            found.is_active = not found.is_active
            found.save(update_fields=["is_active"])

    def remove_membership(self):
        if found := self.pick(self.staff().filter(role=Role.COACH)):
            found.delete()

    def toggle_school(self):
        school = self.rng.choice(self.schools[1:])  # the principal's own school stays open
        school.is_active = not school.is_active
        school.save(update_fields=["is_active"])

    def nominate(self):
        membership = self.pick(self.staff().filter(role=Role.TEACHER))
        if membership is None:
            return
        Nomination.objects.create(
            district=self.district,
            program=self.program,
            window=self.rng.choice([self.open_window, self.open_window, self.old_window]),
            nominee=membership.user,
            school=membership.school,
            nominated_by=self.cast["principal"],
            rationale="Ready to grow",
        )

    def withdraw_nomination(self):
        if found := self.pick(Nomination.objects.filter(district=self.district)):
            found.delete()

    def enroll(self):
        user = self.some_person()
        if user is None:
            return
        enrollment, _ = Enrollment.objects.get_or_create(cohort=self.cohort, person=user)
        enrollment.status = self.rng.choice(Enrollment.Status.values)
        enrollment.save()

    def reflect(self):
        """A rating by one of a few people, so that people are rated several times."""
        rated = list(Candidate.objects.filter(district=self.district).order_by("pk")[:4])
        if not rated:
            return
        draft = self.rng.random() < 0.2
        Reflection.objects.create(
            district=self.district,
            author=self.rng.choice(rated).user,
            prompt=self.prompt,
            attribute=self.attribute,
            response="What I tried this week.",
            self_rating=self.rng.randint(1, 4),
            shared_with_principal=self.rng.random() < 0.5,
            status=Reflection.Status.DRAFT if draft else Reflection.Status.SUBMITTED,
            submitted_at=None if draft else timezone.now() - datetime.timedelta(days=self.made),
            draft_key=uuid.uuid4() if draft else None,
        )
        self.made += 1

    def change_reflection(self):
        """A rating changed, a draft submitted, or a rating's sharing turned on or off."""
        found = self.pick(Reflection.objects.filter(district=self.district))
        if found is None:
            return
        if found.status == Reflection.Status.DRAFT:
            found.status = Reflection.Status.SUBMITTED
            found.submitted_at = timezone.now()
            found.draft_key = None
        found.self_rating = self.rng.randint(1, 4)
        found.shared_with_principal = self.rng.random() < 0.5
        found.save()

    def remove_reflection(self):
        if found := self.pick(Reflection.objects.filter(district=self.district)):
            found.delete()

    def plan(self):
        user = self.some_person()
        if user is None:
            return
        plan, _ = GrowthPlan.objects.get_or_create(
            district=self.district, author=user, year=school_year.current_year()
        )
        plan.status = self.rng.choice(PlanStatus.values)
        plan.save()

    def experience(self):
        user = self.some_person()
        if user is None:
            return
        started = timezone.localdate() - datetime.timedelta(days=self.rng.choice([0, 30, 500]))
        ExperienceEntry.objects.create(
            district=self.district,
            person=user,
            title="Led the grade team",
            started_on=started,
            source=ExperienceEntry.Source.OUTSIDE,
        )

    def apply(self):
        user = self.some_person()
        opportunity = self.rng.choice(self.opportunities)
        if user is None or Application.objects.filter(opportunity=opportunity, applicant=user):
            return
        status = self.rng.choice(
            [Application.Status.SUBMITTED, Application.Status.SELECTED, Application.Status.DRAFT]
        )
        now = timezone.now()
        Application.objects.create(
            opportunity=opportunity,
            applicant=user,
            status=status,
            submitted_at=None if status == Application.Status.DRAFT else now,
            decided_at=now if status == Application.Status.SELECTED else None,
        )

    def change_experience(self):
        """A role that ended before this school year, starts later in it, or is gone."""
        found = self.pick(ExperienceEntry.objects.filter(district=self.district))
        if found is None:
            return
        if self.rng.random() < 0.25:
            found.delete()
            return
        today = timezone.localdate()
        since = school_year.school_year_start(today)
        found.started_on, found.ended_on = self.rng.choice(
            [
                (since - datetime.timedelta(days=400), since - datetime.timedelta(days=1)),
                (since - datetime.timedelta(days=400), since),
                (today + datetime.timedelta(days=1), None),
                (today, today + datetime.timedelta(days=30)),
                (since - datetime.timedelta(days=9), None),
            ]
        )
        found.save()

    def decide_application(self):
        """An application selected, not selected, withdrawn, or sent before this school year."""
        found = self.pick(Application.objects.filter(opportunity__district=self.district))
        if found is None:
            return
        now = timezone.now()
        last_year = now - datetime.timedelta(days=400)
        found.status, found.submitted_at, found.decided_at = self.rng.choice(
            [
                (Application.Status.SELECTED, found.submitted_at or now, now),
                (Application.Status.SELECTED, last_year, last_year),
                (Application.Status.SELECTED, last_year, now),
                (Application.Status.NOT_SELECTED, found.submitted_at or now, now),
                (Application.Status.WITHDRAWN, found.submitted_at, None),
                (Application.Status.SUBMITTED, last_year, None),
            ]
        )
        found.save()
        if self.rng.random() < 0.1:
            found.delete()

    def move_membership(self):
        """Somebody moves to another school."""
        found = self.pick(self.staff().filter(role=Role.TEACHER))
        if found is not None:
            found.school = self.rng.choice(self.schools)
            found.save(update_fields=["school"])

    def share_demographics(self):
        user = self.some_person()
        if user is None:
            return
        Demographics.objects.update_or_create(
            user=user,
            defaults={
                "gender": self.rng.choice(Demographics.Gender.values),
                "race_ethnicity": self.rng.choice(Demographics.RaceEthnicity.values),
            },
        )

    CHANGES = [
        add_candidate,
        add_candidate,
        remove_candidate,
        change_candidate,
        change_candidate,
        move_candidate,
        add_membership,
        toggle_membership,
        remove_membership,
        toggle_school,
        nominate,
        nominate,
        withdraw_nomination,
        enroll,
        reflect,
        reflect,
        reflect,
        change_reflection,
        remove_reflection,
        plan,
        experience,
        apply,
        apply,
        change_experience,
        decide_application,
        move_membership,
        share_demographics,
    ]


@pytest.fixture(params=SEEDS)
def world(request, cast, district, school, other_school):
    third = School.objects.create(district=district, name="Maple Grove Elementary")
    return World(random.Random(request.param), cast, district, [school, other_school, third])


def test_the_kept_figures_equal_a_fresh_count_after_every_change(world, cast):
    viewers = {"admin": cast["admin"], "principal": cast["principal"]}
    for _ in range(8):  # people to change, before the series starts
        world.add_candidate()
    for _ in range(6):
        world.reflect()
    done = []
    for step in range(STEPS):
        for name, user in viewers.items():
            assert without_stamp(kept(user)) == without_stamp(fresh(user)), (
                f"{name}'s figures differ after {done or 'no change'}"
            )
        change = world.rng.choice(World.CHANGES)
        change(world)
        done.append(f"{step}: {change.__name__}")
    for name, user in viewers.items():
        assert without_stamp(kept(user)) == without_stamp(fresh(user)), (
            f"{name}'s figures differ after {done}"
        )
    growth = fresh(cast["admin"])["reflections"]["growth"]
    assert growth[0]["people"] > 0, "nobody was rated twice: growth was never compared"


def test_the_large_seed_leaves_the_kept_ratings_right(db):
    """The seed inserts its reflections with the triggers off and counts them all at the end."""
    from django.core.management import call_command

    from leadership.models import User
    from pipeline import scale

    call_command("seed_demo", scale="large", size_factor=0.002)
    grown = {}
    for who in ("admin", "principal"):
        user = User.objects.get(email=scale.SIGN_INS[who])
        district, visible, is_admin = pipeline_scope(user)
        candidates = scoped_candidates(user, district)
        grown[who] = dashboard.growth(candidates, district, is_admin)
        assert grown[who] == growth_from_reflections(candidates, district, is_admin)
    assert any(row["people"] for row in grown["admin"])
    # Reach, nominations and the bench, kept with the triggers paused and counted once at
    # the end of the seed, are what the rows give.
    for who in ("admin", "principal"):
        user = User.objects.get(email=scale.SIGN_INS[who])
        assert without_stamp(kept(user)) == without_stamp(fresh(user)), who
    # The triggers are back: a changed rating is kept at once.
    admin = User.objects.get(email=scale.SIGN_INS["admin"])
    district, _, _ = pipeline_scope(admin)
    candidates = scoped_candidates(admin, district)
    for reflection in Reflection.objects.filter(district=district, status="submitted")[:20]:
        reflection.self_rating = 4 if reflection.self_rating != 4 else 1
        reflection.save()
    after = dashboard.growth(candidates, district, True)
    assert after == growth_from_reflections(candidates, district, True)
    assert after != grown["admin"]


def test_triggers_a_migration_dropped_are_made_again_after_migrate(cast, district, school):
    """SQLite drops a table's triggers when a migration rebuilds it; `migrate` makes them
    again (post_migrate) and counts every kept rating again."""
    from django.db import connection

    from pipeline import rating_spans

    _, attribute, prompt = framework(district)
    rate_twice = Candidate.objects.create(district=district, user=cast["teacher"], school=school)
    rating_spans.uninstall(connection)  # as a rebuilt table would leave it
    for rating in (1, 4):
        Reflection.objects.create(
            district=district,
            author=cast["teacher"],
            prompt=prompt,
            attribute=attribute,
            response="What I tried.",
            self_rating=rating,
            status=Reflection.Status.SUBMITTED,
            submitted_at=timezone.now() + datetime.timedelta(minutes=rating),
        )
    candidates = Candidate.objects.filter(pk=rate_twice.pk)
    assert dashboard.growth(candidates, district, True)[0]["people"] == 0  # not kept
    rating_spans.reinstall_if_missing(sender=None, using="default")
    assert dashboard.growth(candidates, district, True)[0]["average"] == 3.0
    Reflection.objects.filter(author=cast["teacher"], self_rating=4).update(self_rating=2)
    assert dashboard.growth(candidates, district, True)[0]["average"] == 1.0
