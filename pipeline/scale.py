"""A large district for the benchmark: `manage.py seed_demo --scale large`.

One district the size of the largest in the country (1,800 schools, 150,000 staff) with
a pipeline, reflections, programs, nominations and opportunities in proportion. Built with
`bulk_create` in batches; `factor` shrinks every count so a test can run it in a second.

Deterministic (one seeded `random.Random`) and run once: if the district exists, nothing
changes. Everybody gets an unusable password except the few benchmark sign-ins below.
"""

import random
from datetime import datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from leadership.demo import DEMO_PASSWORD, FIRST_NAMES, LAST_NAMES
from leadership.models import CoachAssignment, District, Level, Membership, Role, School, User
from opportunities.models import DEFAULT_KINDS, Application, Opportunity, OpportunityKind
from pipeline import figures, kept, rating_spans
from pipeline.models import Candidate, Demographics, Readiness, Stage
from pipeline.succession import scale as succession
from portrait.models import Feedback, Reflection
from portrait.services import framework_copy_default
from programs.models import (
    Assignment,
    Cohort,
    Enrollment,
    Nomination,
    NominationStatus,
    NominationWindow,
    Program,
    Session,
)

DISTRICT_SLUG = "metro-large"
DISTRICT_NAME = "Metro City Public Schools"
BATCH = 5000

# The full-size counts; `sizes(factor)` scales them.
FULL = {
    "schools": 1800,
    "staff": 150_000,
    "candidates": 30_000,
    "reflections": 300_000,
    "nominations": 60_000,
    "cohorts": 600,
    "opportunities": 3_000,
    "applications": 30_000,
}
PROGRAMS = 20
SESSIONS_PER_COHORT = 4
ASSIGNMENTS_PER_COHORT = 3
ENROLLED_PER_COHORT = 20
COACHES_PER_1000_STAFF = 4

# Sign-ins for the benchmark (password deepbench-demo), all at the first school.
SIGN_INS = {
    "admin": "bench-admin@large.test",
    "principal": "bench-principal@large.test",
    "teacher": "bench-teacher@large.test",
    "coach": "bench-coach@large.test",
}


def sizes(factor=1.0):
    """How many of each thing the seed makes at `factor` (1.0 is the full district)."""
    minimum = {"schools": 2, "cohorts": 2, "staff": 40, "candidates": 10}
    counts = {key: max(minimum.get(key, 4), round(n * factor)) for key, n in FULL.items()}
    counts["candidates"] = min(counts["candidates"], counts["staff"] // 2)
    return counts


def _batched(model, objects, batch=BATCH):
    """Insert `objects` (any iterable) in batches; return the new primary keys in order."""
    ids, chunk = [], []
    for obj in objects:
        chunk.append(obj)
        if len(chunk) == batch:
            ids += [o.pk for o in model.objects.bulk_create(chunk)]
            chunk = []
    if chunk:
        ids += [o.pk for o in model.objects.bulk_create(chunk)]
    return ids


def _name(rng):
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


class _Seed:
    def __init__(self, factor, out):
        self.n = sizes(factor)
        self.rng = random.Random(20261123)
        self.out = out
        self.now = timezone.now().replace(microsecond=0)
        self.today = timezone.localdate()

    def say(self, text):
        if self.out:
            self.out(text)

    def run(self):
        self.district = District.objects.create(name=DISTRICT_NAME, slug=DISTRICT_SLUG)
        self.framework = framework_copy_default(district=self.district)
        self.prompts = list(
            self.framework.attributes.values_list("prompts__id", "id").exclude(
                prompts__id__isnull=True
            )
        )
        self.attribute_ids = sorted({a for _, a in self.prompts})
        self.schools()
        self.people()
        self.candidates()
        self.reflections()
        self.programs()
        self.nominations()
        self.opportunities()
        self.say(succession.seed(self, _batched))

    def schools(self):
        count = self.n["schools"]
        self.school_ids = _batched(
            School,
            (
                School(district=self.district, name=f"School {i:04d}", sourced_id=f"sch-{i:04d}")
                for i in range(1, count + 1)
            ),
        )
        self.say(f"{count} schools")

    def people(self):
        """Staff: a principal per school, a few admins, coaches, and teachers."""
        count, schools = self.n["staff"], self.school_ids
        coaches = max(2, count * COACHES_PER_1000_STAFF // 1000)
        admins = 5
        unusable = "!" + "bench-unusable"
        usable = make_password(DEMO_PASSWORD)
        named = {email: key for key, email in SIGN_INS.items()}

        # (email, full name, role, school index or None, level)
        plan = [
            (SIGN_INS["admin"], "Bench Admin", Role.DISTRICT_ADMIN, None, Level.DISTRICT),
            (SIGN_INS["principal"], "Bench Principal", Role.PRINCIPAL, 0, Level.SCHOOL),
            (SIGN_INS["teacher"], "Bench Teacher", Role.TEACHER, 0, Level.CLASSROOM),
            (SIGN_INS["coach"], "Bench Coach", Role.COACH, None, Level.DISTRICT),
        ]
        for i in range(1, len(schools)):
            plan.append((f"principal{i:04d}@large.test", None, Role.PRINCIPAL, i, Level.SCHOOL))
        for i in range(admins - 1):
            plan.append((f"admin{i:02d}@large.test", None, Role.DISTRICT_ADMIN, None, "district"))
        for i in range(coaches - 1):
            plan.append((f"coach{i:04d}@large.test", None, Role.COACH, None, Level.DISTRICT))
        i = 0
        while len(plan) < count:
            school = (i + 1) % len(schools)  # the first school gets no more than its share
            plan.append((f"t{i:06d}@large.test", None, Role.TEACHER, school, Level.CLASSROOM))
            i += 1

        rng = self.rng
        users = (
            User(
                email=email,
                full_name=full_name or _name(rng),
                password=usable if email in named else unusable,
                date_joined=self.now,
            )
            for email, full_name, *_ in plan
        )
        user_ids = _batched(User, users)
        rows = list(zip(user_ids, plan, strict=True))
        memberships = (
            Membership(
                user_id=user_id,
                district=self.district,
                role=role,
                school_id=None if school is None else schools[school],
                level=level,
                job_title=Role(role).label,
                sourced_id=f"p-{user_id}",
            )
            for user_id, (_, _, role, school, level) in rows
        )
        _batched(Membership, memberships)

        self.named = {named[p[0]]: uid for uid, p in rows if p[0] in named}
        self.teachers = [(uid, schools[p[3]]) for uid, p in rows if p[2] == Role.TEACHER]
        self.coach_ids = [uid for uid, p in rows if p[2] == Role.COACH]
        self.principal_of = {schools[p[3]]: uid for uid, p in rows if p[2] == Role.PRINCIPAL}
        self.admin_ids = [uid for uid, p in rows if p[2] == Role.DISTRICT_ADMIN]
        self.say(f"{len(user_ids)} staff")

    def candidates(self):
        rng, count = self.rng, self.n["candidates"]
        # The named teacher first, then every fifth teacher or so, spread over schools.
        chosen = [self.teachers[0]] + rng.sample(self.teachers[1:], count - 1)
        stages = [s for s, _ in Stage.choices]
        readiness = [r for r, _ in Readiness.choices]
        objects = (
            Candidate(
                district=self.district,
                user_id=user_id,
                school_id=school_id,
                current_level=Level.CLASSROOM,
                target_level=Level.SCHOOL,
                target_role="Assistant principal",
                stage=rng.choice(stages),
                readiness=rng.choice(readiness),
                sponsor_id=self.principal_of[school_id],
            )
            for user_id, school_id in chosen
        )
        self.candidate_ids = _batched(Candidate, objects)
        self.candidate_people = chosen
        genders = [g for g, _ in Demographics.Gender.choices]
        races = [r for r, _ in Demographics.RaceEthnicity.choices]
        _batched(
            Demographics,
            (
                Demographics(
                    user_id=user_id, gender=rng.choice(genders), race_ethnicity=rng.choice(races)
                )
                for user_id, _ in chosen
                if rng.random() < 0.6
            ),
        )
        # Each coach reads the reflections of a share of the candidates.
        coaches = self.coach_ids
        _batched(
            CoachAssignment,
            (
                CoachAssignment(
                    district=self.district, coach_id=coaches[i % len(coaches)], person_id=user_id
                )
                for i, (user_id, _) in enumerate(chosen)
            ),
        )
        self.say(f"{count} candidates")

    def reflections(self):
        rng, count = self.rng, self.n["reflections"]
        people = self.candidate_people
        coaches = self.coach_ids
        coach_of = {uid: coaches[i % len(coaches)] for i, (uid, _) in enumerate(people)}
        texts = [
            "I listened to a colleague's worry before proposing a change, and we agreed on a "
            "smaller first step.",
            "Our team looked at student work together and chose one practice to try next week.",
            "I asked families what they wanted from conferences and rearranged the schedule.",
            "I led the planning meeting and made sure every voice was heard before deciding.",
        ]

        def build():
            drafted = set()  # one draft per person and prompt (a database constraint)
            for i in range(count):
                # The named teacher writes the first twelve; the rest are spread out.
                author = people[0][0] if i < 12 else people[i % len(people)][0]
                prompt_id, attribute_id = self.prompts[i % len(self.prompts)]
                submitted = rng.random() < 0.8 or (author, prompt_id) in drafted
                if not submitted:
                    drafted.add((author, prompt_id))
                when = self.now - timedelta(days=rng.randint(0, 365), minutes=rng.randint(0, 600))
                yield Reflection(
                    district=self.district,
                    author_id=author,
                    prompt_id=prompt_id,
                    attribute_id=attribute_id,
                    response=rng.choice(texts),
                    self_rating=rng.randint(1, 4),
                    shared_with_principal=rng.random() < 0.5,
                    status=Reflection.Status.SUBMITTED if submitted else Reflection.Status.DRAFT,
                    submitted_at=when if submitted else None,
                )

        with rating_spans.counted_at_the_end(connection):
            ids = _batched(Reflection, build())
        authors = Reflection.objects.filter(pk__in=ids[: count // 10], status="submitted")
        feedback = (
            Feedback(
                reflection_id=rid,
                author_id=coach_of[author],
                text="Thank you: the next step you chose is specific and doable.",
                rating=rng.randint(1, 4),
                created_at=self.now,
            )
            for rid, author in authors.values_list("pk", "author_id").iterator(chunk_size=BATCH)
        )
        _batched(Feedback, feedback)
        self.say(f"{count} reflections")

    def programs(self):
        rng, today = self.rng, self.today
        program_ids = _batched(
            Program,
            (
                Program(
                    district=self.district,
                    name=f"Aspiring Leaders Program {i + 1:02d}",
                    description="A year of sessions, reflection and coaching.",
                )
                for i in range(PROGRAMS)
            ),
        )
        self.program_ids = program_ids
        self.window_ids = _batched(
            NominationWindow,
            (
                NominationWindow(
                    program_id=pid,
                    opens_on=today - timedelta(days=20),
                    closes_on=today + timedelta(days=40),
                )
                for pid in program_ids
            ),
        )
        count = self.n["cohorts"]
        facilitators = self.coach_ids
        began = today - timedelta(days=60)
        cohort_ids = _batched(
            Cohort,
            (
                Cohort(
                    program_id=program_ids[i % PROGRAMS],
                    name=f"Cohort {i + 1:03d}",
                    starts_on=began,
                    ends_on=today + timedelta(days=240),
                    capacity=ENROLLED_PER_COHORT + 5,
                    facilitator_id=facilitators[i % len(facilitators)],
                )
                for i in range(count)
            ),
        )
        self.cohort_ids = cohort_ids
        zone = timezone.get_current_timezone()
        sessions = (
            Session(
                cohort_id=cid,
                title=f"Session {s + 1}",
                starts_at=datetime.combine(today + timedelta(days=7 * s - 7), time(16), zone),
                ends_at=datetime.combine(today + timedelta(days=7 * s - 7), time(18), zone),
                location="District office, room 2",
            )
            for cid in cohort_ids
            for s in range(SESSIONS_PER_COHORT)
        )
        _batched(Session, sessions)
        prompts = sorted({p for p, _ in self.prompts})
        assignments = (
            Assignment(
                cohort_id=cid,
                prompt_id=prompts[(c + a) % len(prompts)],
                due_on=today + timedelta(days=14 * a - 7),
            )
            for c, cid in enumerate(cohort_ids)
            for a in range(ASSIGNMENTS_PER_COHORT)
        )
        _batched(Assignment, assignments)
        # The named teacher is in the first cohort; the rest are candidates in turn.
        people = [uid for uid, _ in self.candidate_people]
        # Enrolled when the cohort began: their reflections since then count toward its
        # assignments (programs.models.EnrollmentQuerySet.by_assignment).
        enrollments = []
        for c, cid in enumerate(cohort_ids):
            members = {people[(c * ENROLLED_PER_COHORT + k) % len(people)] for k in range(20)}
            enrollments += [
                Enrollment(cohort_id=cid, person_id=p, enrolled_on=began) for p in sorted(members)
            ]
        _batched(Enrollment, enrollments)
        del rng
        self.say(f"{count} cohorts")

    def nominations(self):
        rng, count = self.rng, self.n["nominations"]
        statuses = [s for s, _ in NominationStatus.choices]
        teachers = self.teachers

        def build():
            for i in range(count):
                nominee, school = teachers[i % len(teachers)]
                program = i % PROGRAMS
                self_nominated = rng.random() < 0.3
                when = self.now - timedelta(days=rng.randint(0, 19), minutes=rng.randint(0, 900))
                yield Nomination(
                    district=self.district,
                    program_id=self.program_ids[program],
                    window_id=self.window_ids[program],
                    nominee_id=nominee,
                    school_id=school,
                    nominated_by_id=nominee if self_nominated else self.principal_of[school],
                    is_self_nomination=self_nominated,
                    rationale="Leads the grade-level team with care and a clear plan.",
                    status=rng.choice(statuses),
                    created_at=when,
                    updated_at=when,
                )

        ids = _batched(Nomination, build())
        through = Nomination.attributes.through
        attributes = self.attribute_ids
        _batched(
            through,
            (
                through(nomination_id=nid, attribute_id=attributes[(i + k) % len(attributes)])
                for i, nid in enumerate(ids)
                for k in range(1 + i % 2)
            ),
        )
        self.say(f"{count} nominations")

    def opportunities(self):
        rng, today = self.rng, self.today
        kind_ids = _batched(
            OpportunityKind,
            (
                OpportunityKind(district=self.district, name=name, order=i)
                for i, name in enumerate(DEFAULT_KINDS)
            ),
        )
        count = self.n["opportunities"]
        schools = self.school_ids
        opportunity_ids = _batched(
            Opportunity,
            (
                Opportunity(
                    district=self.district,
                    kind_id=kind_ids[i % len(kind_ids)],
                    title=f"Lead the {DEFAULT_KINDS[i % len(DEFAULT_KINDS)].lower()} #{i + 1}",
                    description="A chance to lead colleagues on a focused piece of work.",
                    level=Level.SCHOOL,
                    time_asked="Two hours a month",
                    seats=1 + i % 3,
                    school_id=None if i % 3 == 0 else schools[i % len(schools)],
                    closes_on=today + timedelta(days=rng.randint(-30, 60)),
                    status=Opportunity.Status.OPEN,
                    posted_by_id=self.admin_ids[0],
                )
                for i in range(count)
            ),
        )
        through = Opportunity.attributes.through
        attributes = self.attribute_ids
        _batched(
            through,
            (
                through(opportunity_id=oid, attribute_id=attributes[i % len(attributes)])
                for i, oid in enumerate(opportunity_ids)
            ),
        )
        people = [uid for uid, _ in self.candidate_people]
        spread = len(opportunity_ids)
        # Distinct applicants per opportunity: the k-th applicant of opportunity o.
        applications = [
            (opportunity_ids[i % spread], people[(i // spread + (i % spread) * 13) % len(people)])
            for i in range(self.n["applications"])
        ]
        _batched(
            Application,
            (
                Application(
                    opportunity_id=oid,
                    applicant_id=person,
                    note="I would like to try this.",
                    status=Application.Status.SUBMITTED,
                    submitted_at=self.now - timedelta(days=rng.randint(0, 20)),
                )
                for oid, person in applications
            ),
        )
        self.say(f"{count} opportunities, {len(applications)} applications")


def seed(*, factor=1.0, out=None):
    """Build the large district once; return False if it already exists."""
    if District.objects.filter(slug=DISTRICT_SLUG).exists():
        return False
    with transaction.atomic():
        # Reach and nominations kept per school: counted once at the end, not once a row.
        with kept.counted_at_the_end(connection):
            _Seed(factor, out).run()
        # Bulk inserts send no signals: the pipeline figures must count again.
        figures.changed(figures.PEOPLE)
        figures.changed(figures.REFLECTIONS)
    return True
