"""Demo people for `manage.py seed_demo`: two districts, their schools and staff.

Idempotent: everything is looked up by a natural key first, and passwords are set only
when a person is created, so a second run changes nothing.
"""

from functools import cache

from django.contrib.auth.hashers import make_password

from leadership.models import District, Level, Membership, Role, School, User

DEMO_PASSWORD = "deepbench-demo"

FIRST_NAMES = [
    "Avery",
    "Jordan",
    "Maria",
    "Samuel",
    "Priya",
    "Diego",
    "Hannah",
    "Kwame",
    "Lena",
    "Marcus",
    "Nadia",
    "Owen",
    "Rosa",
    "Tariq",
    "Uma",
    "Victor",
    "Wen",
    "Yasmin",
    "Zoe",
    "Elijah",
    "Fatima",
    "Gabriel",
    "Isabel",
    "Jamal",
    "Keiko",
    "Luis",
    "Mei",
    "Noah",
    "Olivia",
    "Pablo",
    "Quinn",
    "Ruth",
    "Sofia",
    "Theo",
    "Amara",
    "Ben",
    "Chloe",
    "Dev",
    "Erin",
    "Felix",
]
LAST_NAMES = [
    "Nguyen",
    "Okafor",
    "Garcia",
    "Smith",
    "Patel",
    "Hernandez",
    "Cohen",
    "Mensah",
    "Berg",
    "Johnson",
    "Haddad",
    "Walsh",
    "Ortiz",
    "Rahman",
    "Iyer",
    "Alvarez",
    "Zhang",
    "Karimi",
    "Brooks",
    "Turner",
    "Ali",
    "Moreau",
    "Santos",
    "Washington",
    "Sato",
    "Romero",
    "Li",
    "Friedman",
    "Adeyemi",
    "Ruiz",
    "Kelly",
    "Stone",
    "Rossi",
    "Larsen",
    "Diallo",
    "Baker",
    "Chen",
    "Mehta",
    "Ward",
    "Fischer",
]

LAKEVIEW_TEACHERS = 120
LAKEVIEW_SCHOOLS = ["Lakeview Elementary School", "Lakeview Middle School", "Lakeview High School"]
TEACHER_TITLES = [
    "Grade 3 teacher",
    "Grade 5 teacher",
    "Math teacher",
    "English teacher",
    "Science teacher",
    "Special education teacher",
    "Music teacher",
    "Social studies teacher",
    "Art teacher",
    "Instructional specialist",
]


@cache
def _password():
    """One hash for every demo account: they share the password, and hashing it once per
    person (a hundred and more) made seeding take minutes."""
    return make_password(DEMO_PASSWORD)


def person(email, full_name):
    user, _ = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "password": _password()}
    )
    return user


def member(user, district, role, school=None, level=Level.CLASSROOM, job_title=""):
    Membership.objects.get_or_create(
        user=user,
        district=district,
        role=role,
        school=school,
        defaults={"level": level, "job_title": job_title},
    )


def _staff(district, domain, schools, count, offset):
    """`count` teachers spread over `schools`, with names that are the same on every run."""
    for i in range(count):
        first = FIRST_NAMES[(i + offset) % len(FIRST_NAMES)]
        # i // 40: past forty people, first names come round again with other last names.
        last = LAST_NAMES[(i * 7 + i // len(FIRST_NAMES) + offset) % len(LAST_NAMES)]
        email = f"{first}.{last}.{i}@{domain}".lower()
        school = schools[i % len(schools)]
        title = TEACHER_TITLES[i % len(TEACHER_TITLES)]
        member(person(email, f"{first} {last}"), district, Role.TEACHER, school, job_title=title)


def seed():
    lakeview, _ = District.objects.get_or_create(
        slug="lakeview", defaults={"name": "Lakeview School District"}
    )
    riverside, _ = District.objects.get_or_create(
        slug="riverside", defaults={"name": "Riverside Unified"}
    )
    schools = [School.objects.get_or_create(district=lakeview, name=n)[0] for n in LAKEVIEW_SCHOOLS]
    elementary, middle, high = schools
    riverside_school, _ = School.objects.get_or_create(
        district=riverside, name="Riverside Community School"
    )

    admin = person("admin@lakeview.test", "Dana Whitfield")
    member(
        admin,
        lakeview,
        Role.DISTRICT_ADMIN,
        level=Level.DISTRICT,
        job_title="Director of Leadership Development",
    )
    principal = person("principal@lakeview.test", "Marcus Bell")
    member(principal, lakeview, Role.PRINCIPAL, middle, Level.SCHOOL, "Principal")
    teacher = person("teacher@lakeview.test", "Rosa Alvarez")
    member(teacher, lakeview, Role.TEACHER, middle, job_title="Grade 7 science teacher")
    coach = person("coach@lakeview.test", "Theo Okafor")
    member(coach, lakeview, Role.COACH, middle, Level.SCHOOL, "Instructional coach")
    for school, email, name in [
        (elementary, "principal.elementary@lakeview.test", "Grace Huang"),
        (high, "principal.high@lakeview.test", "Samuel Ortiz"),
    ]:
        member(person(email, name), lakeview, Role.PRINCIPAL, school, Level.SCHOOL, "Principal")
    second_coach = person("coach.elementary@lakeview.test", "Imani Carter")
    member(second_coach, lakeview, Role.COACH, elementary, Level.SCHOOL, "Literacy coach")
    # Enough people that the pipeline's representation tables show real counts beside the
    # hidden ones (pipeline/demo.py), as a district of three schools has.
    _staff(lakeview, "lakeview.test", schools, LAKEVIEW_TEACHERS, offset=0)

    riverside_admin = person("admin@riverside.test", "Helen Park")
    member(
        riverside_admin,
        riverside,
        Role.DISTRICT_ADMIN,
        level=Level.DISTRICT,
        job_title="Assistant Superintendent",
    )
    member(
        person("principal@riverside.test", "Omar Haddad"),
        riverside,
        Role.PRINCIPAL,
        riverside_school,
        Level.SCHOOL,
        "Principal",
    )
    _staff(riverside, "riverside.test", [riverside_school], 8, offset=11)
    return {"lakeview": lakeview, "riverside": riverside}
