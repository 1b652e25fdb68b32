"""Demo content for seed_demo: two programs in Lakeview with cohorts, sessions, assignments,
an open nomination window and nominations in every state of the workflow.

Idempotent: programs, cohorts, sessions and assignments are looked up by name; a nomination
is made only when its nominee has none for that program yet. Dates are relative to the day
of the first run. Nominations go through programs.services, so their history, candidate
records, notifications and emails are what the app itself would have written.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from leadership.models import District, Level, Membership, Role, School, User
from portrait.services import framework_for_district
from programs import services
from programs.models import (
    Assignment,
    Attendance,
    Cohort,
    Enrollment,
    Nomination,
    NominationStatus,
    NominationWindow,
    Program,
    Session,
)

S = NominationStatus

# What the nominator saw of the program's first two focus attributes, and a link or not.
SEEN = {
    "tlf": [
        (
            "{name} turned our grade-level meetings around this year: clear agendas, every "
            "voice heard, and decisions that stick.",
            "",
        ),
        (
            "Colleagues now ask for {name}'s help unprompted; {name} co-planned the new "
            "reading unit with three teachers and shared the plan with the whole school.",
            "https://example.org/lakeview/reading-unit-plan",
        ),
    ],
    "apa": [
        (
            "{name} led our school's attendance work this year and handles hard conversations "
            "with families calmly and well.",
            "https://example.org/lakeview/attendance-review",
        ),
        (
            "{name} coached two new teachers through their first semester; both now lead "
            "their own grade-level meetings.",
            "",
        ),
    ],
}


def _at(day, hour):
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def _staff(school, exclude=()):
    """The school's teachers from leadership.demo (later seeders add others: not these)."""
    return list(
        User.objects.filter(
            memberships__school=school,
            memberships__role=Role.TEACHER,
            memberships__is_active=True,
            email__regex=r"^[a-z]+\.[a-z]+\.[0-9]+@lakeview\.test$",
        )
        .exclude(email__in=exclude)
        .order_by("email")
        .distinct()
    )


def _program(district, name, level, description, attributes):
    program, created = Program.objects.get_or_create(
        district=district,
        name=name,
        defaults={"description": description, "target_level": level},
    )
    if created:
        program.focus_attributes.set(attributes)
    return program


def _cohort(program, name, starts_on, capacity, facilitator):
    cohort, _ = Cohort.objects.get_or_create(
        program=program,
        name=name,
        defaults={
            "starts_on": starts_on,
            "ends_on": starts_on + timedelta(days=240),
            "capacity": capacity,
            "facilitator": facilitator,
        },
    )
    return cohort


def _sessions(cohort, plan):
    made = []
    for title, day, location in plan:
        start = _at(day, 16)
        session, _ = Session.objects.get_or_create(
            cohort=cohort,
            title=title,
            defaults={
                "starts_at": start,
                "ends_at": start + timedelta(hours=2),
                "location": location,
            },
        )
        made.append(session)
    return made


def _nominate(program, nominee, by, today=None):
    """A nomination of `nominee`, unless they already have one for the program."""
    existing = Nomination.objects.filter(program=program, nominee=nominee).first()
    if existing:
        return existing, False
    nomination = services.nomination_create(
        actor=by,
        program=program,
        nominee=nominee,
        evidence=[
            services.Seen(attribute, text.format(name=nominee.get_short_name()), link)
            for attribute, (text, link) in zip(
                program.focus_attributes.order_by("order", "name")[:2],
                SEEN["apa" if program.target_level == Level.DISTRICT else "tlf"],
                strict=False,
            )
        ],
        today=today,
    )
    return nomination, True


def _walk(nomination, steps, *, principal, admin, cohort=None):
    """Move a fresh nomination through `steps` (target statuses), as the right people."""
    for to in steps:
        if to in (S.ACCEPTED, S.NOMINEE_DECLINED):
            services.nomination_respond(
                actor=nomination.nominee,
                nomination_id=nomination.pk,
                accept=to == S.ACCEPTED,
                note="Thank you, I would love to." if to == S.ACCEPTED else "Not this year.",
            )
        elif to in (S.ENDORSED, S.NOT_ENDORSED):
            services.nomination_endorse(
                actor=principal,
                nomination_id=nomination.pk,
                endorse=to == S.ENDORSED,
                note="" if to == S.ENDORSED else "Let's talk about timing first.",
            )
        elif to == S.WITHDRAWN:
            services.nomination_withdraw(
                actor=nomination.nominated_by,
                nomination_id=nomination.pk,
                note="I will apply next year, once my grade-level team is settled.",
            )
        else:
            services.nomination_decide(
                actor=admin,
                nomination_id=nomination.pk,
                decision=to,
                note={
                    S.APPROVED: "Welcome to the cohort.",
                    S.WAITLISTED: "The cohort is nearly full; you are first in line.",
                    S.DECLINED: "Please apply again next year with your principal's support.",
                }[to],
                cohort_id=cohort.pk if cohort else None,
            )


def seed():
    """Idempotent: a second run changes nothing."""
    lakeview = District.objects.filter(slug="lakeview").first()
    if lakeview is None:
        return
    today = timezone.localdate()
    framework = framework_for_district(lakeview)
    attributes = list(framework.attributes.order_by("order"))
    prompts = [a.prompts.active().first() for a in attributes]
    prompts = [p for p in prompts if p is not None]

    admin = User.objects.get(email="admin@lakeview.test")
    coach = User.objects.get(email="coach@lakeview.test")
    teacher = User.objects.get(email="teacher@lakeview.test")
    schools = {s.name: s for s in School.objects.filter(district=lakeview)}
    middle = schools["Lakeview Middle School"]
    elementary = schools["Lakeview Elementary School"]
    high = schools["Lakeview High School"]
    principal_of = {
        m.school_id: m.user
        for m in Membership.objects.filter(district=lakeview, role=Role.PRINCIPAL).select_related(
            "user"
        )
    }

    fellowship = _program(
        lakeview,
        "Teacher Leader Fellowship",
        Level.SCHOOL,
        "A year-long fellowship for classroom teachers ready to lead colleagues: facilitating "
        "teams, coaching peers and leading a school improvement project.",
        attributes[:2],
    )
    academy = _program(
        lakeview,
        "Aspiring Principals Academy",
        Level.DISTRICT,
        "For assistant principals and teacher leaders preparing for a principalship: "
        "instructional leadership, school operations, and leading change with a community.",
        attributes[2:4],
    )
    fellowship_cohort = _cohort(fellowship, "2026–27 cohort", today - timedelta(days=30), 12, coach)
    academy_cohort = _cohort(academy, "2026–27 cohort", today - timedelta(days=45), 8, admin)
    NominationWindow.objects.get_or_create(
        program=fellowship,
        defaults={"opens_on": today - timedelta(days=7), "closes_on": today + timedelta(days=14)},
    )
    academy_window, _ = NominationWindow.objects.get_or_create(
        program=academy,
        defaults={"opens_on": today - timedelta(days=90), "closes_on": today - timedelta(days=60)},
    )

    fellowship_sessions = _sessions(
        fellowship_cohort,
        [
            (
                "Opening retreat: leading from the classroom",
                today - timedelta(days=14),
                "Board room",
            ),
            (
                "Facilitating teams that decide",
                today + timedelta(days=7),
                "Lakeview Middle, room 112",
            ),
            ("Peer coaching in practice", today + timedelta(days=28), "Lakeview High library"),
        ],
    )
    _sessions(
        academy_cohort,
        [
            ("Instructional leadership walk-throughs", today - timedelta(days=10), "Lakeview High"),
            ("Budgets and staffing", today + timedelta(days=12), "District office, room 3"),
        ],
    )
    if len(prompts) >= 4:
        Assignment.objects.get_or_create(
            cohort=fellowship_cohort,
            prompt=prompts[0],
            defaults={"due_on": today - timedelta(days=3), "note": "Bring it to the next session."},
        )
        Assignment.objects.get_or_create(
            cohort=fellowship_cohort,
            prompt=prompts[1],
            defaults={"due_on": today + timedelta(days=2)},
        )
        Assignment.objects.get_or_create(
            cohort=academy_cohort,
            prompt=prompts[2],
            defaults={"due_on": today + timedelta(days=10)},
        )
        Assignment.objects.get_or_create(
            cohort=academy_cohort, prompt=prompts[3], defaults={"due_on": today - timedelta(days=5)}
        )

    mid = _staff(middle, exclude=[teacher.email])
    elem = _staff(elementary)
    hs = _staff(high)
    marcus = principal_of[middle.pk]
    plan = [
        # (program, nominee, nominated by, steps, cohort)
        (fellowship, teacher, marcus, [], None),
        (fellowship, mid[0], marcus, [S.ACCEPTED], None),
        (fellowship, mid[1], mid[1], [], None),
        (fellowship, elem[0], elem[0], [S.ENDORSED], None),
        (fellowship, elem[1], elem[1], [S.NOT_ENDORSED], None),
        (fellowship, elem[3], elem[3], [S.WITHDRAWN], None),
        (fellowship, hs[0], principal_of[high.pk], [S.NOMINEE_DECLINED], None),
        (fellowship, mid[2], marcus, [S.ACCEPTED, S.APPROVED], fellowship_cohort),
        (fellowship, elem[2], principal_of[elementary.pk], [S.ACCEPTED, S.APPROVED], None),
        (fellowship, hs[1], principal_of[high.pk], [S.ACCEPTED, S.WAITLISTED], None),
        (fellowship, hs[2], principal_of[high.pk], [S.ACCEPTED, S.DECLINED], None),
        (academy, mid[3], marcus, [S.ACCEPTED, S.APPROVED], academy_cohort),
        (academy, hs[3], principal_of[high.pk], [S.ACCEPTED, S.APPROVED], academy_cohort),
    ]
    for program, nominee, by, steps, cohort in plan:
        past = academy_window.opens_on + timedelta(days=1) if program == academy else None
        nomination, created = _nominate(program, nominee, by, today=past)
        if created:
            _walk(
                nomination,
                steps,
                principal=principal_of[nomination.school_id],
                admin=admin,
                cohort=cohort,
            )

    # Attendance at the fellowship's first session.
    first = fellowship_sessions[0]
    for enrollment in fellowship_cohort.enrollments.filter(status=Enrollment.Status.ACTIVE):
        Attendance.objects.get_or_create(
            session=first,
            enrollment=enrollment,
            defaults={"status": Attendance.Status.PRESENT, "recorded_by": coach},
        )
