"""The nominations the database keeps per school equal a count from the rows after any series
of changes, however written (saves, update(), bulk writes, cascades), for an admin and a
principal."""

import datetime
import random

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_person
from leadership import access
from leadership.models import Role, School, User
from opportunities import kept_reach
from pipeline import dashboard, kept, kept_nominations, schools
from pipeline.models import Candidate
from pipeline.scope import pipeline_scope, scoped_candidates
from programs.models import Nomination, NominationWindow, Program


def counted(user):
    """(kept, from the rows): ({school_id: nominations}, {school_id: nominees who are
    candidates}) as `user`'s schools page reads them."""

    def read():
        access.forget_memberships(user)
        district, schools_, _ = pipeline_scope(user)
        candidates = scoped_candidates(user, district)
        rows = schools.table(user, district, schools_, candidates)["rows"]
        return (
            {row["school"].pk: row["nominations"] for row in rows if row["nominations"]},
            {row["school"].pk: row["nominees"] for row in rows if row["nominees"]},
        )

    found = read()
    with kept_reach.afresh():
        return found, read()


class Changes:
    def __init__(self, rng, district, schools, principal):
        self.rng, self.district, self.schools, self.principal = rng, district, schools, principal
        today = timezone.localdate()
        program = Program.objects.create(district=district, name="Aspiring Principals")
        self.program = program
        self.windows = [
            NominationWindow.objects.create(
                program=program, opens_on=today - datetime.timedelta(days=3), closes_on=today
            ),
            NominationWindow.objects.create(
                program=program,
                opens_on=today - datetime.timedelta(days=1),
                closes_on=today + datetime.timedelta(days=9),
            ),
            NominationWindow.objects.create(
                program=program,
                opens_on=today - datetime.timedelta(days=400),
                closes_on=today - datetime.timedelta(days=300),
            ),
        ]
        self.made = 0

    def person(self):
        return self.rng.choice(list(User.objects.filter(memberships__district=self.district)))

    def hire(self):
        self.made += 1
        make_person(
            f"nom{self.made}@maple.test",
            f"Nominee {self.made}",
            self.district,
            Role.TEACHER,
            self.rng.choice(self.schools),
        )

    def nominate(self):
        Nomination.objects.create(
            district=self.district,
            program=self.program,
            window=self.rng.choice(self.windows),
            nominee=self.person(),
            school=self.rng.choice(self.schools),
            nominated_by=self.principal,
            rationale="Ready to grow",
        )

    def move_nomination(self):
        found = list(Nomination.objects.filter(district=self.district).order_by("pk"))
        if found:
            Nomination.objects.filter(pk=self.rng.choice(found).pk).update(
                **self.rng.choice(
                    [
                        {"window": self.rng.choice(self.windows)},
                        {"school": self.rng.choice(self.schools)},
                        {"nominee": self.person()},
                    ]
                )
            )

    def withdraw(self):
        found = list(Nomination.objects.filter(district=self.district).order_by("pk"))
        if found:
            self.rng.choice(found).delete()

    def candidate(self):
        """Often somebody nominated already, at one of the schools."""
        nominees = list(User.objects.filter(nominations__district=self.district).order_by("pk"))
        person = self.rng.choice(nominees) if nominees and self.rng.random() < 0.7 else None
        person = person or self.person()
        if not Candidate.objects.filter(district=self.district, user=person).exists():
            Candidate.objects.create(
                district=self.district, user=person, school=self.rng.choice([*self.schools, None])
            )

    def move_candidate(self):
        found = list(Candidate.objects.filter(district=self.district).order_by("pk"))
        if found:
            Candidate.objects.filter(pk=self.rng.choice(found).pk).update(
                school=self.rng.choice([*self.schools, None])
            )

    def drop_candidate(self):
        found = list(Candidate.objects.filter(district=self.district).order_by("pk"))
        if found:
            self.rng.choice(found).delete()

    def delete_person(self):
        """Their nominations, candidacy and memberships go with them (cascades)."""
        person = self.person()
        if not person.memberships.filter(role__in=[Role.DISTRICT_ADMIN, Role.PRINCIPAL]):
            Nomination.objects.filter(nominated_by=person).delete()
            person.delete()

    CHANGES = [
        hire,
        nominate,
        nominate,
        nominate,
        move_nomination,
        withdraw,
        candidate,
        candidate,
        candidate,
        move_candidate,
        drop_candidate,
        delete_person,
    ]


@pytest.mark.parametrize("seed", [5, 12, 13])
def test_kept_nominations_equal_a_count_from_the_rows_after_every_change(
    seed, cast, district, school, other_school
):
    third = School.objects.create(district=district, name="Maple Grove Elementary")
    rng = random.Random(seed)
    changes = Changes(rng, district, [school, other_school, third], cast["principal"])
    viewers = {"admin": cast["admin"], "principal": cast["principal"]}
    done, seen = [], set()
    for step in range(60):
        change = rng.choice(Changes.CHANGES)
        change(changes)
        done.append(f"{step}: {change.__name__}")
        for name, user in viewers.items():
            found, fresh = counted(user)
            assert found == fresh, f"{name}'s nominations differ after {done}"
            seen.update(
                f"{name}:{part}" for part, numbers in zip("ab", found, strict=True) if numbers
            )
    assert seen == {"admin:a", "admin:b", "principal:a", "principal:b"}


def test_the_dashboard_reads_nominations_kept_in_one_query(cast, district, school):
    changes = Changes(random.Random(1), district, [school], cast["principal"])
    for _ in range(3):
        changes.nominate()
    Candidate.objects.create(district=district, user=cast["teacher"], school=school)
    Nomination.objects.filter(district=district).update(nominee=cast["teacher"])
    with CaptureQueriesContext(connection) as captured:
        found, fresh = counted(cast["admin"])
    assert found == fresh
    assert found[1] == {school.pk: 1}  # the teacher, once however many nominations
    kept_reads = [q for q in captured.captured_queries if "pipeline_nominationtally" in q["sql"]]
    assert len(kept_reads) == 1
    assert not [q for q in kept_reads if "programs_nomination" in q["sql"]]


def test_a_teacher_never_reads_the_kept_rows(cast, district, school):
    """Somebody who sees only some nominations (their own) is counted from the rows."""
    assert dashboard._kept_nominations_of(cast["teacher"], district) is False


def test_bulk_writes_are_counted_once_at_the_end(cast, district, school, other_school):
    changes = Changes(random.Random(2), district, [school, other_school], cast["principal"])
    people = [cast["teacher"], cast["coach"], cast["other_teacher"]]
    with transaction.atomic():
        with kept.counted_at_the_end(connection, district.pk):
            Candidate.objects.bulk_create(
                Candidate(district=district, user=person, school=school) for person in people
            )
            Nomination.objects.bulk_create(
                Nomination(
                    district=district,
                    program=changes.program,
                    window=changes.windows[0],
                    nominee=person,
                    school=other_school,
                    nominated_by=cast["principal"],
                )
                for person in people
            )
            assert not kept_nominations.NomineeMark.objects.filter(district_id=district.pk)
    found, fresh = counted(cast["admin"])
    assert found == fresh == ({other_school.pk: 3}, {school.pk: 3})


def test_triggers_a_migration_dropped_are_made_again_after_migrate(cast, district, school):
    changes = Changes(random.Random(3), district, [school], cast["principal"])
    kept_nominations.uninstall(connection)  # as a rebuilt table would leave it on SQLite
    changes.nominate()
    found, fresh = counted(cast["admin"])
    assert found != fresh
    kept_nominations.reinstall_if_missing(sender=None, using="default")
    found, fresh = counted(cast["admin"])
    assert found == fresh == ({school.pk: 1}, {})
