"""Who may ask for mentor suggestions and pair people: the only way from a request's id to
the person or cohort being matched.

A district admin, for anybody in their district and any cohort of it; a program's
facilitator, for the active members of their cohort. Anybody else in the district gets 403,
anybody outside it 404."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from leadership import access as people
from leadership.models import Membership
from programs.access import get_cohort_for_user
from programs.models import Enrollment


def get_person_for_matching(user, person_id):
    """(person, district) for whom `user` may ask for mentors and pair them."""
    found = list(
        Membership.objects.filter(
            user_id=person_id, district_id__in=people.district_ids(user), is_active=True
        )
        .select_related("user", "district")
        .order_by("district__name", "id")
    )
    if not found:
        raise Http404("No such person.")
    for membership in found:
        if membership.district_id in people.admin_district_ids(user):
            return membership.user, membership.district
    facilitated = Enrollment.objects.filter(
        person_id=person_id,
        status=Enrollment.Status.ACTIVE,
        cohort__facilitator=user,
        cohort__program__district_id__in=[m.district_id for m in found],
    ).select_related("cohort__program__district")
    enrollment = facilitated.first()
    if enrollment is None:
        raise PermissionDenied
    return found[0].user, enrollment.cohort.program.district


def get_cohort_for_matching(user, cohort_id):
    """A cohort whose members `user` may match to mentors: its district's admins and its
    facilitator (programs.access.get_cohort_for_user)."""
    return get_cohort_for_user(user, cohort_id)
