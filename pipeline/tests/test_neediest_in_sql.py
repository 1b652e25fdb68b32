"""The schools the dashboard shows for its bench and its nominations, chosen by the database
from the kept counts, are the ones Python chooses from a count of the rows: the same rows, in
the same order, with the same totals, whether every school fits or only the neediest are
shown, with names that sort differently by code point and by a language's collation."""

import random

import pytest

from conftest import make_person
from leadership import access
from leadership.models import Level, Role, School
from opportunities import kept_reach
from pipeline import dashboard
from pipeline.models import Candidate, Readiness, Stage
from pipeline.scope import pipeline_scope, scoped_candidates
from pipeline.tests.test_kept_nominations import Changes

# Upper and lower case, accents, digits and spaces: "C" and a language's collation disagree.
NAMES = ["apple Grove", "Apple grove", "Élan Academy", "Elm Street", "zeta", "Zebra", "école"]
NAMES += ["10th Avenue", "9th Avenue", "O'Neil", "oak Ridge", "Oak ridge", "Ñandú", "Nash"]


def shown(user):
    """(kept, from the rows): the bench and the nominations as `user`'s dashboard draws them."""

    def read():
        access.forget_memberships(user)
        district, schools, _ = pipeline_scope(user)
        candidates = scoped_candidates(user, district)
        return (
            dashboard.bench(candidates, schools),
            dashboard.nominations(user, district, schools, candidates),
        )

    found = read()
    with kept_reach.afresh():
        return found, read()


@pytest.mark.parametrize("seed", [3, 30])
def test_the_schools_chosen_by_the_database_are_pythons(seed, cast, district, school):
    rng = random.Random(seed)
    schools = [school]
    for i in range(dashboard.SCHOOLS_SHOWN + 6):
        name = f"{NAMES[i % len(NAMES)]}{'' if i < len(NAMES) else f' {i}'}"
        schools.append(School.objects.create(district=district, name=name))
    School.objects.create(district=district, name="Aardvark (closed)", is_active=False)
    changes = Changes(rng, district, schools, cast["principal"])
    for _ in range(40):
        changes.hire()
    teachers = [
        make_person(f"ready{i}@maple.test", f"Ready {i}", district, Role.TEACHER, school)
        for i in range(30)
    ]
    viewers = {"admin": cast["admin"], "principal": cast["principal"]}
    seen = set()
    for step in range(60):
        if rng.random() < 0.5:
            rng.choice(Changes.CHANGES[:8])(changes)
        else:
            person = rng.choice(teachers)
            Candidate.objects.update_or_create(
                district=district,
                user=person,
                defaults={
                    "school": rng.choice([school] * 8 + schools),  # often the principal's
                    "readiness": rng.choice([*Readiness.values, Readiness.READY_NOW]),
                    "target_level": rng.choice([Level.SCHOOL, Level.SCHOOL, Level.DISTRICT]),
                    "stage": rng.choice(Stage.values),
                },
            )
        for name, user in viewers.items():
            found, fresh = shown(user)
            assert found == fresh, f"{name}'s schools differ after step {step}"
            bench, nominations = found
            seen.add((name, bench["partial"], nominations["partial"]))
            if bench["nobody_ready"] < bench["schools"]:
                seen.add((name, "ready"))
            if nominations["total"]:
                seen.add((name, "nominated"))
    assert {("admin", True, True), ("principal", False, False)} <= seen
    assert {("admin", "ready"), ("admin", "nominated"), ("principal", "ready")} <= seen


def test_with_nothing_counted_the_first_names_by_code_point_are_shown(cast, district, school):
    """Every school ties at zero: the cut is by name alone, as Python compares names."""
    for i in range(dashboard.SCHOOLS_SHOWN + 6):  # "Bay 00", "bay 01", "Bay 02", ...
        School.objects.create(district=district, name=f"{'Bb'[i % 2]}ay {i:02d}")
    found, fresh = shown(cast["admin"])
    assert found == fresh
    bench, nominations = found
    names = sorted(s.name for s in School.objects.filter(district=district))
    assert [row["school"].name for row in bench["rows"]] == names[: dashboard.SCHOOLS_SHOWN]
    assert [row["school"].name for row in nominations["rows"]] == names[: dashboard.SCHOOLS_SHOWN]
    assert (bench["schools"], bench["nobody_ready"], bench["partial"]) == (
        len(names),
        len(names),
        True,
    )
