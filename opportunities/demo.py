"""Demo content for seed_demo: a dozen opportunities of every kind in Lakeview, with
applications, selections and completed experience.

Idempotent: everything is looked up by a natural key (district and title; opportunity and
applicant) before it is made, so a second run changes nothing. Deterministic: the people
are picked with a seeded random generator from a fixed ordering.
"""

import datetime
import random

from django.utils import timezone

from leadership.models import District, Level, Membership, Role, School, User
from opportunities.models import (
    Application,
    ExperienceEntry,
    Follow,
    Opportunity,
    OpportunityKind,
)
from opportunities.services import kinds_ensure_defaults
from portrait.models import Attribute

# (title, kind, level, school or None, days until closing, seats, attribute slugs, time)
OPPORTUNITIES = [
    (
        "Join the district visioning team",
        "Visioning team",
        Level.DISTRICT,
        None,
        21,
        4,
        ["transformation", "collaboration"],
        "Four evening sessions this spring",
    ),
    (
        "Strategic plan: the learner-centred working group",
        "Strategic-planning working group",
        Level.DISTRICT,
        None,
        14,
        5,
        ["transformation", "advocacy"],
        "Two hours a month",
    ),
    (
        "Partner with Lakeview Community College on dual credit",
        "Community partnership",
        Level.DISTRICT,
        None,
        30,
        2,
        ["advocacy", "collaboration"],
        "A half day a month",
    ),
    (
        "Review the middle-school science units",
        "Curriculum-review committee",
        Level.SCHOOL,
        "Lakeview Middle School",
        10,
        3,
        ["collaboration"],
        "Three afternoons",
    ),
    (
        "Lead the grade 7 team",
        "Grade-level or content team lead",
        Level.SCHOOL,
        "Lakeview Middle School",
        7,
        1,
        ["human-centered-approaches", "collaboration"],
        "One hour a week",
    ),
    (
        "Mentor a first-year teacher",
        "Mentoring a new teacher",
        Level.CLASSROOM,
        "Lakeview Elementary School",
        12,
        2,
        ["human-centered-approaches", "authenticity"],
        "A weekly conversation",
    ),
    (
        "Attendance improvement project",
        "School improvement project",
        Level.SCHOOL,
        "Lakeview High School",
        18,
        3,
        ["advocacy"],
        "One planning meeting a week",
    ),
    # Finished: selection made, experience recorded.
    (
        "Family engagement partnership with the public library",
        "Community partnership",
        Level.SCHOOL,
        "Lakeview Elementary School",
        -60,
        2,
        ["collaboration"],
        "Monthly",
    ),
    (
        "Lead the maths department's assessment review",
        "Curriculum-review committee",
        Level.SCHOOL,
        "Lakeview High School",
        -75,
        2,
        ["authenticity"],
        "Two afternoons",
    ),
    (
        "Mentor new science teachers",
        "Mentoring a new teacher",
        Level.CLASSROOM,
        "Lakeview Middle School",
        -45,
        2,
        ["human-centered-approaches"],
        "Weekly",
    ),
    (
        "Last year's visioning team",
        "Visioning team",
        Level.DISTRICT,
        None,
        -300,
        3,
        ["transformation"],
        "Four sessions",
    ),
    (
        "Reading-recovery improvement project",
        "School improvement project",
        Level.SCHOOL,
        "Lakeview Elementary School",
        -90,
        2,
        ["advocacy", "human-centered-approaches"],
        "Two hours a week",
    ),
]

NOTES = [
    "I have piloted this with my own classes and would love to help others try it.",
    "I want to understand how decisions are made beyond my classroom.",
    "Our students would benefit, and I have time this term.",
    "I have done something similar at my last school.",
]
LEARNED = (
    "We met every other week and agreed a plan together. I learned to listen first and to "
    "keep a meeting to its purpose."
)


def _people(district, school=None):
    roles = Membership.objects.filter(district=district, is_active=True, role=Role.TEACHER)
    if school is not None:
        roles = roles.filter(school=school)
    return list(User.objects.filter(pk__in=roles.values("user")).order_by("email"))


def _poster(district, school):
    role = Role.PRINCIPAL if school else Role.DISTRICT_ADMIN
    found = Membership.objects.filter(district=district, role=role, school=school).first()
    return found.user if found else None


def seed():
    """Idempotent: a second run changes nothing."""
    district = District.objects.filter(slug="lakeview").first()
    if district is None:
        return
    kinds_ensure_defaults(district=district)
    kinds = {kind.name: kind for kind in OpportunityKind.objects.filter(district=district)}
    attributes = {
        a.slug: a
        for a in Attribute.objects.filter(framework__district=district, framework__is_current=True)
    }
    schools = {s.name: s for s in School.objects.filter(district=district)}
    rng = random.Random(6)
    today = timezone.localdate()
    star = User.objects.filter(email="teacher@lakeview.test").first()
    for title, kind, level, school_name, days, seats, slugs, time_asked in OPPORTUNITIES:
        school = schools.get(school_name) if school_name else None
        opportunity, created = Opportunity.objects.get_or_create(
            district=district,
            title=title,
            defaults={
                "kind": kinds[kind],
                "description": f"{title}. Bring your experience and your questions; "
                "no previous leadership role is needed.",
                "level": level,
                "time_asked": time_asked,
                "seats": seats,
                "school": school,
                "closes_on": today + datetime.timedelta(days=days),
                "starts_on": today + datetime.timedelta(days=days + 5),
                # Finished ones ended at least five days ago (they close 40+ days back).
                "ends_on": today + datetime.timedelta(days=days + 35),
                "posted_by": _poster(district, school),
                "status": Opportunity.Status.OPEN if days > 0 else Opportunity.Status.FILLED,
            },
        )
        if not created:
            continue
        opportunity.attributes.set([attributes[s] for s in slugs if s in attributes])
        pool = [p for p in _people(district, school) if p != star]
        applicants = rng.sample(pool, min(len(pool), seats + 2))
        for i, person in enumerate(applicants):
            _apply(opportunity, person, i, seats, rng)
    if star is not None:
        Follow.objects.get_or_create(district=district, person=star)[0].kinds.add(
            kinds["Curriculum-review committee"]
        )


def _apply(opportunity, person, i, seats, rng):
    finished = opportunity.status == Opportunity.Status.FILLED
    if not finished:
        status = Application.Status.DRAFT if i == 0 else Application.Status.SUBMITTED
    else:
        status = Application.Status.SELECTED if i < seats else Application.Status.NOT_SELECTED
    if finished:
        closed = datetime.datetime.combine(opportunity.closes_on, datetime.time(12))
        sent_on = timezone.make_aware(closed) - datetime.timedelta(days=3 + i)
    else:
        sent_on = timezone.now() - datetime.timedelta(days=1 + i)
    application, created = Application.objects.get_or_create(
        opportunity=opportunity,
        applicant=person,
        defaults={
            "note": NOTES[rng.randrange(len(NOTES))],
            "status": status,
            "submitted_at": None if status == Application.Status.DRAFT else sent_on,
            "decided_at": sent_on + datetime.timedelta(days=2) if finished else None,
            "decided_by": opportunity.posted_by if finished else None,
        },
    )
    if created and status == Application.Status.SELECTED:
        ExperienceEntry.objects.get_or_create(
            district=opportunity.district,
            person=person,
            source_key=f"opportunity:{opportunity.pk}",
            defaults={
                "title": opportunity.title,
                "kind": opportunity.kind.name,
                "level": opportunity.level,
                "started_on": opportunity.starts_on,
                "ended_on": opportunity.ends_on,
                "source": ExperienceEntry.Source.OPPORTUNITY,
                "opportunity": opportunity,
                "summary": LEARNED,
                "added_by": person,
            },
        )
