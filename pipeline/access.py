"""The only ways from a request's id to a candidate, a person's profile or a roster import."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from leadership.access import (
    admin_district_ids,
    district_ids,
    get_in_districts,
    principal_school_ids,
)
from leadership.models import CoachAssignment, District, Membership, Mentorship, User
from pipeline.models import Candidate, ImportRun
from pipeline.scope import pipeline_scope


def get_candidate_for_user(user, candidate_id, *, write=False):
    """A candidate in the user's districts.

    District admins read and write; a principal reads the candidates of their own school;
    anybody else in the district gets 403, and anybody outside it 404.
    """
    candidate = (
        Candidate.objects.filter(pk=candidate_id, district_id__in=district_ids(user))
        .select_related("user", "school", "district", "sponsor", "readiness_set_by")
        .first()
    )
    if candidate is None:
        raise Http404("No such candidate.")
    if candidate.district_id in admin_district_ids(user):
        return candidate
    if not write and candidate.school_id and candidate.school_id in principal_school_ids(user):
        return candidate
    raise PermissionDenied


def get_import_run_for_user(user, run_id):
    """A roster import of the user's district (404 otherwise); only district admins (403)."""
    # The stored file is only read by the task; who it deactivates only by the run's page.
    runs = ImportRun.objects.defer("content", "deactivating")
    return get_in_districts(user, runs, run_id, what="import", write=True)


@dataclass(frozen=True)
class Standing:
    """How `viewer` stands to `person`, in the district where the profile is seen.

    `memberships` are the person's there (roles, schools, job titles). At least one of the
    flags is true: nobody else sees a profile."""

    viewer: User
    person: User
    district: District
    memberships: tuple
    is_self: bool
    is_admin: bool
    is_principal: bool
    is_coach: bool
    is_mentor: bool = False


def standings(user, person_ids):
    """`{person id: Standing or None}` for those of `person_ids` who belong to one of the
    user's districts: a Standing where the user may see their profile (the person
    themself, the district's admins, the principals of a school where the person works,
    their assigned coaches, their current mentors), None where not. Strangers are left out.
    Four queries at most, whatever the number of people."""
    found = {}
    for membership in Membership.objects.filter(
        user_id__in=person_ids, district_id__in=district_ids(user)
    ).select_related("user", "district", "school"):
        found.setdefault(membership.user_id, {}).setdefault(membership.district, []).append(
            membership
        )
    coached = set(
        CoachAssignment.objects.filter(coach=user, person_id__in=found).values_list(
            "person_id", "district_id"
        )
    )
    mentored = set(
        Mentorship.objects.current()
        .filter(mentor=user, person_id__in=found)
        .values_list("person_id", "district_id")
    )
    return {
        person_id: next(
            (
                standing
                for district in sorted(districts, key=lambda d: d.name)
                if (standing := _standing(user, districts[district], coached, mentored))
            ),
            None,
        )
        for person_id, districts in found.items()
    }


def _standing(user, memberships, coached, mentored):
    person, district = memberships[0].user, memberships[0].district
    principal_of = principal_school_ids(user)
    standing = Standing(
        viewer=user,
        person=person,
        district=district,
        memberships=tuple(memberships),
        is_self=person.pk == user.pk,
        is_admin=district.pk in admin_district_ids(user),
        is_principal=any(m.is_active and m.school_id in principal_of for m in memberships),
        is_coach=(person.pk, district.pk) in coached,
        is_mentor=(person.pk, district.pk) in mentored,
    )
    if (
        standing.is_self
        or standing.is_admin
        or standing.is_principal
        or standing.is_coach
        or standing.is_mentor
    ):
        return standing
    return None


def get_person_for_user(user, person_id):
    """The Standing of `user` to person `person_id`, whose leadership profile they may see.

    The person themself, the admins of the person's district, the principals of the
    person's school(s), the person's assigned coaches and current mentors; anybody else in
    the district gets 403, anybody outside it 404.
    """
    found = standings(user, [person_id])
    if person_id not in found:
        raise Http404("No such person.")
    if found[person_id] is None:
        raise PermissionDenied
    return found[person_id]


def candidate_filter_schools(user):
    """The schools the candidate list's school filter offers `user`: a district admin's
    district's, a principal's own; 403 for anybody else (pipeline/scope.py)."""
    return pipeline_scope(user)[1]
