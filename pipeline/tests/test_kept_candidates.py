"""A district's candidates by stage and what they shared, and their growth, kept by the
database, equal a count from the rows after any series of changes, however written: to
candidates, to what people shared about themselves, and to their reflections, in two
districts with a person who is a candidate in both."""

import datetime
import random
from collections import Counter

import pytest
from django.db import connection, transaction
from django.utils import timezone

from conftest import make_person
from leadership import access
from leadership.models import Level, Role
from opportunities import kept_reach
from pipeline import dashboard, kept, kept_candidates
from pipeline.models import Candidate, Demographics, Stage
from pipeline.scope import pipeline_scope, scoped_candidates
from pipeline.tests.pipeline_data import framework
from portrait.models import Reflection


def counted(admin):
    """(kept, from the rows): the funnel, both representation tables and growth as the
    district admin sees them."""

    def read():
        access.forget_memberships(admin)
        district, _, is_admin = pipeline_scope(admin)
        candidates = scoped_candidates(admin, district)
        by_stage = dashboard.candidates_by_stage(candidates)
        every = Counter()  # before the counts from 1 to 9 are hidden; '' is nothing shared
        for level, stage, gender, race, n in by_stage:
            every[(level, stage, gender or None, race or None)] += n
        return (
            dashboard.funnel(by_stage),
            dashboard.representation(by_stage),
            dashboard.growth(candidates, district, is_admin),
            +every,
        )

    found = read()
    with kept_reach.afresh():
        return found, read()


@pytest.mark.parametrize("seed", [5, 50])
def test_kept_candidate_figures_equal_a_count_from_the_rows_after_every_change(
    seed, cast, district, school, other_district
):
    rng = random.Random(seed)
    other_admin = make_person(
        "kept-admin@cedar.test", "Kept Cedar Admin", other_district, Role.DISTRICT_ADMIN
    )
    people = [
        make_person(f"kept{i}@maple.test", f"Kept {i}", district, Role.TEACHER, school)
        for i in range(10)
    ]
    districts = [district, other_district]
    prompts = {}
    for place in districts:
        _, attribute, prompt = framework(place)
        prompts[place.pk] = [prompt]
    when = timezone.now() - datetime.timedelta(days=30)

    def candidates():
        return list(Candidate.objects.order_by("pk"))

    def fields():
        return {
            "stage": rng.choice(Stage.values),
            "current_level": rng.choice(Level.values),
        }

    def add():
        person, place = rng.choice(people), rng.choice(districts)
        if not Candidate.objects.filter(district=place, user=person).exists():
            Candidate.objects.create(district=place, user=person, **fields())

    def save():
        if found := candidates():
            one = rng.choice(found)
            for name, value in fields().items():
                setattr(one, name, value)
            one.save()

    def update():  # no signal: only the database sees it
        if found := candidates():
            Candidate.objects.filter(pk=rng.choice(found).pk).update(**fields())

    def move():  # the candidacy passes to another person
        if found := candidates():
            one, person = rng.choice(found), rng.choice(people)
            if not Candidate.objects.filter(district=one.district_id, user=person).exists():
                Candidate.objects.filter(pk=one.pk).update(user=person)

    def remove():
        if found := candidates():
            rng.choice(found).delete()

    def share():
        person = rng.choice(people)
        values = {
            "gender": rng.choice(["", *Demographics.Gender.values]),
            "race_ethnicity": rng.choice(["", *Demographics.RaceEthnicity.values]),
        }
        if rng.random() < 0.3:
            Demographics.objects.filter(user=person).update(**values)
        else:
            Demographics.objects.update_or_create(user=person, defaults=values)

    def unshare():
        if found := list(Demographics.objects.order_by("pk")):
            rng.choice(found).delete()

    def reflect():
        nonlocal when
        person, place = rng.choice(people), rng.choice(districts)
        prompt = prompts[place.pk][0]
        when += datetime.timedelta(hours=1)
        Reflection.objects.create(
            district=place,
            author=person,
            prompt=prompt,
            attribute=prompt.attribute,
            response="What I tried.",
            self_rating=rng.randint(1, 4),
            shared_with_principal=rng.random() < 0.5,
            status=Reflection.Status.SUBMITTED,
            submitted_at=when,
        )

    def rerate():
        if found := list(Reflection.objects.order_by("pk")):
            Reflection.objects.filter(pk=rng.choice(found).pk).update(self_rating=rng.randint(1, 4))

    def unreflect():
        if found := list(Reflection.objects.order_by("pk")):
            rng.choice(found).delete()

    changes = [add, add, add, save, update, move, remove, share, share, unshare]
    changes += [reflect, reflect, reflect, reflect, rerate, unreflect]
    done, seen = [], set()
    for step in range(90):
        change = rng.choice(changes)
        change()
        done.append(f"{step}: {change.__name__}")
        for admin in (cast["admin"], other_admin):
            found, fresh = counted(admin)
            assert found == fresh, f"{admin}'s figures differ after {done}"
            funnel, _, growth, every = found
            if any(cell["count"] for row in funnel["rows"] for cell in row["cells"]):
                seen.add("funnel")
            if any(row["people"] for row in growth):
                seen.add("growth")
            if any(gender and race for _, _, gender, race in every):
                seen.add("representation")
    assert seen == {"funnel", "growth", "representation"}
    assert kept_candidates.CandidateTally.objects.filter(candidates__lt=0).count() == 0


def test_bulk_writes_are_counted_once_at_the_end(cast, district, school):
    with transaction.atomic():
        with kept.counted_at_the_end(connection, district.pk):
            Candidate.objects.bulk_create(
                Candidate(district=district, user=person, school=school, stage=Stage.IN_DEVELOPMENT)
                for person in (cast["teacher"], cast["coach"])
            )
            Demographics.objects.create(user=cast["teacher"], gender="female")
            assert not kept_candidates.CandidateTally.objects.filter(candidates__gt=0)
    found, fresh = counted(cast["admin"])
    assert found == fresh
    assert sorted(kept_candidates.candidates_by_stage(district.pk), key=str) == [
        (Level.CLASSROOM, Stage.IN_DEVELOPMENT, "female", None, 1),
        (Level.CLASSROOM, Stage.IN_DEVELOPMENT, None, None, 1),
    ]


def test_triggers_a_migration_dropped_are_made_again_after_migrate(cast, district, school):
    kept_candidates.uninstall(connection)  # as a rebuilt table would leave it on SQLite
    Candidate.objects.create(district=district, user=cast["teacher"], stage=Stage.READY_NOW)
    found, fresh = counted(cast["admin"])
    assert found != fresh
    kept_candidates.reinstall_if_missing(sender=None, using="default")
    found, fresh = counted(cast["admin"])
    assert found == fresh
    assert kept_candidates.candidates_by_stage(district.pk) == [
        (Level.CLASSROOM, Stage.READY_NOW, None, None, 1)
    ]
