"""Demo content for seed_demo: Lakeview's leadership pipeline.

Every Lakeview teacher becomes a candidate, in every stage across the three schools;
Lakeview High has nobody ready, so its bench shows as thin. They aim at every level: most at
leading a school (assistant principal, instructional coach, principal), some at the district
office, a few at leading from the classroom. About four in five have shared their
demographics: with some 120 people the representation tables show real counts where a
group is large (women, White and Hispanic colleagues early in the pipeline) and hide the
small ones, as they should.

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
# What people aim at, in turn: (level they lead at now, level they aim at, role).
AIMS = [
    (Level.CLASSROOM, Level.SCHOOL, "Assistant principal"),
    (Level.CLASSROOM, Level.SCHOOL, "Instructional coach"),
    (Level.CLASSROOM, Level.DISTRICT, "Curriculum coordinator"),
    (Level.CLASSROOM, Level.SCHOOL, "Assistant principal"),
    (Level.SCHOOL, Level.SCHOOL, "Principal"),
    (Level.CLASSROOM, Level.CLASSROOM, "Grade-level team lead"),
    (Level.CLASSROOM, Level.SCHOOL, "Assistant principal"),
    (Level.SCHOOL, Level.DISTRICT, "Director of teaching and learning"),
]
GENDERS = ["woman"] * 11 + ["man"] * 5 + ["nonbinary", "another", "prefer_not"]
RACES = (
    ["white"] * 8
    + ["hispanic"] * 5
    + ["black"] * 3
    + ["asian", "asian", "multiple", "american_indian", "pacific_islander", "prefer_not"]
)
SHARED = 0.8  # the share of people who answered the questions about themselves


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
    for i, (membership, stage) in enumerate(zip(staff, _stages(len(staff)), strict=True)):
        leads_at, aims_at, role = AIMS[i % len(AIMS)]
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
                "current_level": leads_at,
                "target_level": aims_at,
                "target_role": role,
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
        if rng.random() < SHARED:
            Demographics.objects.get_or_create(
                user=membership.user,
                defaults={"gender": rng.choice(GENDERS), "race_ethnicity": rng.choice(RACES)},
            )
    succession_demo.seed(district)
