"""The ready candidates the database keeps per school equal a count from the rows after any
series of changes, however written, for an admin and a principal."""

import random

import pytest
from django.db import connection, transaction

from conftest import make_person
from leadership import access
from leadership.models import Level, Role, School
from opportunities import kept_reach
from pipeline import dashboard, kept, kept_bench
from pipeline.models import Candidate, Readiness, Stage
from pipeline.schools import table as school_table
from pipeline.scope import pipeline_scope, scoped_candidates


def counted(user):
    """(kept, from the rows): the glance's ready counts and the bench per school, as the
    dashboard and the schools page read them."""

    def read():
        access.forget_memberships(user)
        district, schools, _ = pipeline_scope(user)
        candidates = scoped_candidates(user, district)
        rows = school_table(user, district, schools, candidates)["rows"]
        return (
            dashboard.glance(district, schools, candidates)["ready_now"],
            dashboard.glance(district, schools, candidates)["ready_later"],
            {
                row["school"].pk: (row["ready_now"], row["ready_later"])
                for row in rows
                if row["ready_now"] or row["ready_later"]
            },
        )

    found = read()
    with kept_reach.afresh():
        return found, read()


@pytest.mark.parametrize("seed", [4, 40])
def test_kept_bench_equals_a_count_from_the_rows_after_every_change(
    seed, cast, district, school, other_school
):
    third = School.objects.create(district=district, name="Maple Grove Elementary")
    schools = [school, other_school, third]
    rng = random.Random(seed)
    people = [
        make_person(f"bench{i}@maple.test", f"Bench {i}", district, Role.TEACHER, school)
        for i in range(12)
    ]

    def candidates():
        return list(Candidate.objects.filter(district=district).order_by("pk"))

    def fields():
        return {
            "school": rng.choice([school, *schools, None]),  # often the principal's
            "readiness": rng.choice([*Readiness.values, Readiness.READY_NOW]),
            "stage": rng.choice(Stage.values),
            "target_level": rng.choice(Level.values),
        }

    def add():
        person = rng.choice(people)
        if not Candidate.objects.filter(district=district, user=person).exists():
            Candidate.objects.create(district=district, user=person, **fields())

    def save():
        if found := candidates():
            one = rng.choice(found)
            for name, value in fields().items():
                if rng.random() < 0.5:
                    setattr(one, name, value)
            one.save()

    def update():  # no signal: only the database sees it
        if found := candidates():
            name, value = rng.choice(list(fields().items()))
            Candidate.objects.filter(pk=rng.choice(found).pk).update(**{name: value})

    def remove():
        if found := candidates():
            rng.choice(found).delete()

    done, seen = [], set()
    for step in range(60):
        change = rng.choice([add, add, add, save, save, update, update, remove])
        change()
        done.append(f"{step}: {change.__name__}")
        for name in ("admin", "principal"):
            found, fresh = counted(cast[name])
            assert found == fresh, f"{name}'s bench differs after {done}"
            seen.update(f"{name}:{part}" for part, n in zip("abc", found, strict=True) if n)
    assert seen == {f"{name}:{part}" for name in ("admin", "principal") for part in "abc"}


def test_bulk_writes_are_counted_once_at_the_end(cast, district, school):
    with transaction.atomic():
        with kept.counted_at_the_end(connection, district.pk):
            Candidate.objects.bulk_create(
                Candidate(
                    district=district,
                    user=person,
                    school=school,
                    readiness=Readiness.READY_NOW,
                    target_level=Level.SCHOOL,
                )
                for person in (cast["teacher"], cast["coach"])
            )
            assert not kept_bench.BenchTally.objects.filter(candidates__gt=0)
    found, fresh = counted(cast["admin"])
    assert found == fresh == (2, 0, {school.pk: (2, 0)})


def test_triggers_a_migration_dropped_are_made_again_after_migrate(cast, district, school):
    kept_bench.uninstall(connection)  # as a rebuilt table would leave it on SQLite
    Candidate.objects.create(
        district=district, user=cast["teacher"], school=school, readiness=Readiness.READY_LATER
    )
    found, fresh = counted(cast["admin"])
    assert found != fresh
    kept_bench.reinstall_if_missing(sender=None, using="default")
    found, fresh = counted(cast["admin"])
    assert found == fresh == (0, 1, {school.pk: (0, 1)})
