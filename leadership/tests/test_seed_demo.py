from django.core.management import call_command

from leadership.models import District, Membership, Role, School, User


def _snapshot():
    return (
        list(User.objects.order_by("pk").values_list("pk", "email", "password")),
        list(Membership.objects.order_by("pk").values_list("pk", "role", "school_id")),
        list(School.objects.order_by("pk").values_list("pk", "name")),
    )


def test_it_creates_the_demo_districts_and_sign_ins(db):
    call_command("seed_demo")
    lakeview = District.objects.get(name="Lakeview School District")
    riverside = District.objects.get(name="Riverside Unified")
    assert lakeview.schools.count() == 3
    assert riverside.schools.count() == 1
    assert 125 <= Membership.objects.filter(district=lakeview).count() <= 145
    names = list(User.objects.values_list("full_name", flat=True))
    assert len(names) == len(set(names))  # past forty teachers, names still differ
    assert 8 <= Membership.objects.filter(district=riverside).count() <= 12
    principal = User.objects.get(email="principal@lakeview.test")
    assert principal.check_password("deepbench-demo")
    assert principal.memberships.get().school.name == "Lakeview Middle School"
    assert User.objects.get(email="admin@riverside.test").memberships.get().role == (
        Role.DISTRICT_ADMIN
    )


def test_it_changes_nothing_the_second_time(db):
    call_command("seed_demo")
    before = _snapshot()
    call_command("seed_demo")
    assert _snapshot() == before
