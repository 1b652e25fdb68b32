"""Two districts with something in every collection the API reads, built from the profile
and succession builders; the second district's ids must never reach the first one's token."""

from conftest import make_person
from leadership.models import Level, Role, School
from pipeline.models import Readiness
from pipeline.succession.models import SlateReadiness
from pipeline.tests import profile_data, succession_data
from programs.models import NominationEvidence

EVIDENCE = "Evidence marker: ran the family night for the whole grade."


def district_world(cast, district, school):
    """profile_data.person_world plus evidence on its nomination, a principal position held
    by the principal with a slate naming the teacher, and an ended term."""
    world = profile_data.person_world(cast, district, school)
    NominationEvidence.objects.create(
        nomination=world["nomination"], attribute=world["attributes"][0], seen=EVIDENCE
    )
    position = succession_data.position(district, school)
    world["position"] = position
    world["term"] = succession_data.holder(position, f"Hal Holder {district.slug}")
    world["slate"] = succession_data.slate(position, (world["candidate"], SlateReadiness.READY_NOW))
    world["candidate"].readiness = Readiness.READY_NOW
    world["candidate"].save()
    return world


def other_cast(other_district, outsider):
    """The same roles in the other district (its admin is the cast's outsider)."""
    school = School.objects.create(district=other_district, name="Cedar Falls Middle School")

    def person(slug, name, role, level=Level.CLASSROOM):
        return make_person(f"{slug}@cedar.test", name, other_district, role, school, level)

    return school, {
        "admin": outsider,
        "principal": person("principal", "Cecil Principal", Role.PRINCIPAL, Level.SCHOOL),
        "teacher": person("teacher", "Cedric Teacher", Role.TEACHER),
        "coach": person("coach", "Celia Coach", Role.COACH, Level.SCHOOL),
    }


def both(cast, district, school, other_district):
    ours = district_world(cast, district, school)
    other_school, others = other_cast(other_district, cast["outsider"])
    theirs = district_world(others, other_district, other_school)
    theirs["school"] = other_school
    return ours, theirs
