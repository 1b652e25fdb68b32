"""Demo content for seed_demo: Lakeview's leadership pipeline.

Every Lakeview teacher becomes a candidate, in every stage across the three schools;
Lakeview High has nobody ready, so its bench shows as thin. With about 35 people, most
representation counts on the dashboard stay under 10 and are hidden, as they should be.
About two in three people have shared their demographics.

Idempotent: rows are found by natural keys (email, district + person) and only created,
so a second run changes nothing. Deterministic: one seeded random generator.
"""

import random
from datetime import timedelta

from django.utils import timezone

from leadership.models import District, Level, Membership, Role, School
from pipeline.models import Candidate, CandidateChange, Demographics, Readiness, Stage
from pipeline.succession import demo as succession_demo

# How many candidates sit at each stage, in pipeline order (they add up to the staff count).
STAGE_WEIGHTS = [
    (Stage.IDENTIFIED, 6),
    (Stage.NOMINATED, 3),
    (Stage.IN_DEVELOPMENT, 6),
    (Stage.READY_LATER, 3),
    (Stage.READY_NOW, 2),
    (Stage.PLACED, 1),
    (Stage.EXITED, 1),
]
READINESS_FOR = {
    Stage.IDENTIFIED: Readiness.NOT_ASSESSED,
    Stage.NOMINATED: Readiness.NOT_ASSESSED,
    Stage.IN_DEVELOPMENT: Readiness.NOT_YET,
    Stage.READY_LATER: Readiness.READY_LATER,
    Stage.READY_NOW: Readiness.READY_NOW,
    Stage.PLACED: Readiness.READY_NOW,
    Stage.EXITED: Readiness.NOT_ASSESSED,
}
NOTES = {
    Stage.NOMINATED: "Nominated by their principal for the aspiring leaders program.",
    Stage.IN_DEVELOPMENT: "Started the aspiring leaders cohort.",
    Stage.READY_LATER: "Strong growth this year; one more year leading the grade team.",
    Stage.READY_NOW: "Completed the program and a successful summer school leadership role.",
    Stage.PLACED: "Appointed assistant principal.",
    Stage.EXITED: "Chose to stay in the classroom for now.",
}
GENDERS = ["woman", "woman", "man", "woman", "man", "nonbinary", "prefer_not"]
RACES = ["white", "hispanic", "black", "asian", "white", "multiple", "hispanic", "prefer_not"]


def _stages(count):
    pattern = [stage for stage, weight in STAGE_WEIGHTS for _ in range(weight)]
    return [pattern[i % len(pattern)] for i in range(count)]


def seed():
    """Idempotent: a second run changes nothing."""
    district = District.objects.filter(slug="lakeview").first()
    if district is None:
        return
    schools = list(School.objects.filter(district=district).order_by("name"))
    if not schools:
        return
    rng = random.Random(5)
    admin = (
        Membership.objects.filter(district=district, role=Role.DISTRICT_ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    principals = {
        m.school_id: m.user
        for m in Membership.objects.filter(district=district, role=Role.PRINCIPAL).select_related(
            "user"
        )
    }
    staff = list(
        Membership.objects.filter(district=district, role=Role.TEACHER, is_active=True)
        .exclude(user__email__in=succession_demo.HOLDER_EMAILS)  # they hold positions
        .select_related("user", "school")
        .order_by("user__email")
    )
    now = timezone.now()
    for membership, stage in zip(staff, _stages(len(staff)), strict=True):
        school = membership.school
        # Nobody at Lakeview High is ready yet: the dashboard marks its bench as thin.
        high = school is not None and school.name.endswith("High School")
        if high and stage == Stage.READY_NOW:
            stage = Stage.READY_LATER
        assessed = READINESS_FOR[stage] != "not_assessed"
        candidate, created = Candidate.objects.get_or_create(
            district=district,
            user=membership.user,
            defaults={
                "school": school,
                "stage": stage,
                "readiness": READINESS_FOR[stage],
                "current_level": Level.CLASSROOM,
                "target_level": Level.SCHOOL,
                "target_role": "Assistant principal",
                "sponsor": principals.get(school.pk) if school else admin.user if admin else None,
                # Nobody has judged the readiness of people not assessed yet.
                "readiness_set_by": admin.user if admin and assessed else None,
                "readiness_set_at": now if assessed else None,
            },
        )
        days = rng.randint(10, 200)
        if created and stage != Stage.IDENTIFIED:
            CandidateChange.objects.create(
                candidate=candidate,
                field=CandidateChange.Field.STAGE,
                old_value=Stage.IDENTIFIED,
                new_value=stage,
                note=NOTES[stage],
                changed_by=admin.user if admin else None,
                changed_at=now - timedelta(days=days),
            )
        if rng.random() < 0.67:
            Demographics.objects.get_or_create(
                user=membership.user,
                defaults={"gender": rng.choice(GENDERS), "race_ethnicity": rng.choice(RACES)},
            )
    succession_demo.seed(district)
