"""Demo succession for seed_demo (called from pipeline/demo.py): Lakeview's positions in every
school and the district office, with role history, a retirement next June, an announced
departure, an interim director, and slates on which one person (Nora Whitaker, an assistant
principal) is ranked first twice.

Idempotent: rows are found by natural keys and only created; dates are relative to the day
the demo is first seeded.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from leadership.demo import member, person
from leadership.models import Level, Membership, Role, School, User
from pipeline.models import Candidate, Readiness, Stage
from pipeline.succession.kinds import kinds_ensure_defaults
from pipeline.succession.models import (
    Position,
    PositionKind,
    RoleTerm,
    Slate,
    SlateEntry,
    SlateReadiness,
)

# (email, name, school name or None, job title, level): new demo people who hold positions.
HOLDERS = [
    (
        "nora.whitaker@lakeview.test",
        "Nora Whitaker",
        "Lakeview Middle School",
        "Assistant principal",
        Level.SCHOOL,
    ),
    (
        "felix.brandt@lakeview.test",
        "Felix Brandt",
        "Lakeview High School",
        "Assistant principal",
        Level.SCHOOL,
    ),
    (
        "priya.raman@lakeview.test",
        "Priya Raman",
        None,
        "Director of curriculum (interim)",
        Level.DISTRICT,
    ),
    ("henry.osei@lakeview.test", "Henry Osei", None, "Chief academic officer", Level.DISTRICT),
    (
        "june.castillo@lakeview.test",
        "June Castillo",
        "Lakeview High School",
        "Dean of students",
        Level.SCHOOL,
    ),
]
HOLDER_EMAILS = [email for email, *_ in HOLDERS]
# People who held a position before and have left the district (no sign-in).
FORMER = {
    "walter.greene": "Walter Greene",
    "anita.ross": "Anita Ross",
    "kim.lopez": "Kim Lopez",
    "joan.meyer": "Joan Meyer",
    "raj.patel": "Raj Patel",
}


def _next_june(today):
    june = datetime.date(today.year, 6, 30)
    return june if june > today else datetime.date(today.year + 1, 6, 30)


def _years_ago(today, years, month=8, day=1):
    return datetime.date(today.year - years, month, day)


def _former(key):
    user, _ = User.objects.get_or_create(
        email=f"{key}@former.lakeview.test",
        defaults={"full_name": FORMER[key], "password": make_password(None)},
    )
    return user


def _position(district, kinds, key, school=None, level=None):
    kind = kinds[key]
    found, _ = Position.objects.get_or_create(
        district=district, kind=kind, school=school, defaults={"level": level or kind.level}
    )
    return found


def _term(position, user, started_on, **fields):
    term, _ = RoleTerm.objects.get_or_create(
        position=position,
        person=user,
        started_on=started_on,
        defaults={"district_id": position.district_id, **fields},
    )
    return term


def _candidate(district, user, school, stage, readiness, target_role, current_level):
    found, _ = Candidate.objects.get_or_create(
        district=district,
        user=user,
        defaults={
            "school": school,
            "stage": stage,
            "readiness": readiness,
            "current_level": current_level,
            "target_level": Level.SCHOOL,
            "target_role": target_role,
            "readiness_set_at": timezone.now(),
        },
    )
    return found


def _slate(position, admin, entries):
    slate = Slate.objects.filter(position=position).order_by("pk").first()
    if slate is None:
        slate = Slate.objects.create(
            district_id=position.district_id, position=position, created_by=admin
        )
    for rank, (candidate, readiness, reasons) in enumerate(entries, start=1):
        SlateEntry.objects.get_or_create(
            slate=slate,
            candidate=candidate,
            defaults={"rank": rank, "readiness": readiness, "reasons": reasons, "added_by": admin},
        )
    return slate


def seed(district):
    """Lakeview's succession; needs its schools, principals, coaches and candidates."""
    schools = {s.name: s for s in School.objects.filter(district=district)}
    if len(schools) < 3:
        return
    today = timezone.localdate()
    kinds_ensure_defaults(district=district)
    kinds = {k.key: k for k in PositionKind.objects.filter(district=district).exclude(key="")}
    admin = User.objects.filter(email="admin@lakeview.test").first()
    people = {}
    for email, name, school_name, title, level in HOLDERS:
        user = person(email, name)
        school = schools.get(school_name) if school_name else None
        member(user, district, Role.TEACHER, school, level, title)
        people[email.split("@")[0]] = user
    staff = {
        m.user.email: m.user
        for m in Membership.objects.filter(district=district).select_related("user")
    }
    elementary = schools["Lakeview Elementary School"]
    middle = schools["Lakeview Middle School"]
    high = schools["Lakeview High School"]

    # Principals: an announced departure at the elementary school, a retirement next June at
    # the high school, and before them the principals who left (the turnover history).
    principal = {
        school: _position(district, kinds, "principal", school)
        for school in (elementary, middle, high)
    }
    _term(
        principal[elementary],
        _former("walter.greene"),
        _years_ago(today, 12),
        ended_on=_years_ago(today, 7, 6, 30),
        end_reason=RoleTerm.EndReason.RETIRED,
    )
    _term(
        principal[elementary],
        staff["principal.elementary@lakeview.test"],
        _years_ago(today, 7),
        departure_on=today + datetime.timedelta(days=120),
        note="Moving to another state with her family.",
    )
    _term(
        principal[middle],
        _former("anita.ross"),
        _years_ago(today, 9),
        ended_on=_years_ago(today, 3, 6, 30),
        end_reason=RoleTerm.EndReason.LEFT,
    )
    _term(principal[middle], staff["principal@lakeview.test"], _years_ago(today, 3))
    _term(
        principal[high],
        staff["principal.high@lakeview.test"],
        _years_ago(today, 14),
        retirement_eligible_on=_next_june(today),
    )

    ap_middle = _position(district, kinds, "assistant_principal", middle)
    ap_high = _position(district, kinds, "assistant_principal", high)
    _term(ap_middle, people["nora.whitaker"], _years_ago(today, 4))
    _term(
        ap_high,
        _former("kim.lopez"),
        _years_ago(today, 6),
        ended_on=_years_ago(today, 2, 6, 30),
        end_reason=RoleTerm.EndReason.MOVED,
    )
    _term(ap_high, people["felix.brandt"], _years_ago(today, 2))
    dean = _position(district, kinds, "dean", high)
    # Nobody is on the dean's slate: the high school shows as likely to lose its holder.
    _term(
        dean,
        people["june.castillo"],
        _years_ago(today, 5),
        retirement_eligible_on=today + datetime.timedelta(days=150),
    )
    for school, email in [
        (elementary, "coach.elementary@lakeview.test"),
        (middle, "coach@lakeview.test"),
    ]:
        _term(
            _position(district, kinds, "instructional_coach", school),
            staff[email],
            _years_ago(today, 3),
        )
    chair = _position(district, kinds, "chair", high)
    _term(
        chair,
        _former("raj.patel"),
        _years_ago(today, 5),
        ended_on=_years_ago(today, 1, 6, 30),
        end_reason=RoleTerm.EndReason.LEFT,
    )
    director = _position(district, kinds, "district_director")
    _term(
        director,
        _former("joan.meyer"),
        _years_ago(today, 8),
        ended_on=today - datetime.timedelta(days=90),
        end_reason=RoleTerm.EndReason.RETIRED,
    )
    _term(
        director,
        people["priya.raman"],
        today - datetime.timedelta(days=89),
        is_interim=True,
        term_ends_on=_next_june(today),
    )
    cabinet = _position(district, kinds, "cabinet")
    _term(cabinet, people["henry.osei"], _years_ago(today, 6))

    # The principals' bench: both assistant principals, and a teacher ready to be one.
    nora = _candidate(
        district,
        people["nora.whitaker"],
        middle,
        Stage.READY_NOW,
        Readiness.READY_NOW,
        "Principal",
        Level.SCHOOL,
    )
    felix = _candidate(
        district,
        people["felix.brandt"],
        high,
        Stage.READY_LATER,
        Readiness.READY_LATER,
        "Principal",
        Level.SCHOOL,
    )
    teacher = (
        Candidate.objects.filter(
            district=district, stage=Stage.READY_NOW, target_role__iexact="assistant principal"
        )
        .select_related("user")
        .order_by("user__email")
        .first()
    )
    _slate(
        principal[elementary],
        admin,
        [
            (
                nora,
                SlateReadiness.READY_NOW,
                "Led the middle school's move to standards-based grading; acting principal for "
                "summer school two years running.",
            ),
            (
                felix,
                SlateReadiness.READY_LATER,
                "Strong with families; a year leading the high school's master schedule first.",
            ),
        ],
    )
    _slate(
        principal[high],
        admin,
        [
            (
                nora,
                SlateReadiness.READY_NOW,
                "Has taught at the high school; knows its staff and its improvement plan.",
            ),
        ],
    )
    if teacher is not None:
        _slate(
            ap_high,
            admin,
            [
                (
                    teacher,
                    SlateReadiness.READY_NOW,
                    "Completed the aspiring leaders program; ran summer school.",
                ),
            ],
        )
