"""The fixed cast every test uses, and settings every test shares.

One district ("Maple Grove") with two schools; a district admin, a principal of the first
school, a teacher and a coach there, a teacher at the second school with its own
principal; and an outsider: the admin of another district.
"""

import importlib.util

import pytest
from django.core.cache import cache

from leadership.models import District, Level, Membership, Role, School, User

pytest_plugins = (
    ["leadership.tests.fixtures_browser"]
    if importlib.util.find_spec("leadership.tests.fixtures_browser")
    else []
)

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # Plain static storage: the manifest only exists after collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # A cache of this process only, empty for every test (counted figures must not leak
    # from one test's database into the next).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    settings.FIGURES_RECOUNT_SECONDS = 0  # tests that want the worker's recount turn it on


def make_person(email, name, district, role, school=None, level=Level.CLASSROOM):
    user = User.objects.create_user(email=email, password=PASSWORD, full_name=name)
    Membership.objects.create(user=user, district=district, role=role, school=school, level=level)
    return user


@pytest.fixture
def district(db):
    return District.objects.create(name="Maple Grove Schools", slug="maple-grove")


@pytest.fixture
def other_district(db):
    return District.objects.create(name="Cedar Falls District", slug="cedar-falls")


@pytest.fixture
def school(district):
    return School.objects.create(district=district, name="Maple Grove Middle School")


@pytest.fixture
def other_school(district):
    return School.objects.create(district=district, name="Maple Grove High School")


@pytest.fixture
def district_admin(district):
    return make_person(
        "admin@maple.test", "Alice Admin", district, Role.DISTRICT_ADMIN, level=Level.DISTRICT
    )


@pytest.fixture
def principal(district, school):
    return make_person(
        "principal@maple.test", "Paula Principal", district, Role.PRINCIPAL, school, Level.SCHOOL
    )


@pytest.fixture
def teacher(district, school):
    return make_person("teacher@maple.test", "Tom Teacher", district, Role.TEACHER, school)


@pytest.fixture
def coach(district, school):
    return make_person("coach@maple.test", "Cora Coach", district, Role.COACH, school, Level.SCHOOL)


@pytest.fixture
def other_principal(district, other_school):
    return make_person(
        "principal2@maple.test",
        "Owen Otherprincipal",
        district,
        Role.PRINCIPAL,
        other_school,
        Level.SCHOOL,
    )


@pytest.fixture
def other_teacher(district, other_school):
    return make_person(
        "teacher2@maple.test", "Olga Otherteacher", district, Role.TEACHER, other_school
    )


@pytest.fixture
def outsider(other_district):
    return make_person(
        "admin@cedar.test",
        "Oscar Outsider",
        other_district,
        Role.DISTRICT_ADMIN,
        level=Level.DISTRICT,
    )


@pytest.fixture
def cast(district_admin, principal, teacher, coach, other_principal, other_teacher, outsider):
    """Everybody, by the names the permission tables use."""
    return {
        "admin": district_admin,
        "principal": principal,
        "teacher": teacher,
        "coach": coach,
        "other_principal": other_principal,
        "other_teacher": other_teacher,
        "outsider": outsider,
    }


@pytest.fixture
def client_for(client):
    """`client_for(user)` signs the test client in as `user` (None: signed out)."""

    def sign_in(user):
        client.logout()
        if user is not None:
            client.force_login(user, backend="leadership.sso.backends.PersonBackend")
        return client

    return sign_in
