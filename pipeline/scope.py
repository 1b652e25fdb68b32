"""Whose pipeline a person sees: a district admin their district, a principal their school."""

from django.core.exceptions import PermissionDenied

from leadership import access
from leadership.models import Role, School
from pipeline.models import Candidate


def pipeline_scope(user):
    """(district, schools queryset, is_admin) for the pipeline pages; 403 for anybody else."""
    for membership in access.memberships(user):
        if membership.role == Role.DISTRICT_ADMIN:
            district = membership.district
            return district, School.objects.filter(district=district), True
    principal = [
        m for m in access.memberships(user) if m.role == Role.PRINCIPAL and m.school_id is not None
    ]
    if not principal:
        raise PermissionDenied
    district = principal[0].district
    school_ids = [m.school_id for m in principal if m.district_id == district.pk]
    return district, School.objects.filter(pk__in=school_ids), False


def scoped_candidates(user, district):
    """`Candidate.objects.visible_to(user)` in `district`, written as plain lists of ids so
    that PostgreSQL can use the candidate indexes (an OR of two subqueries stops it)."""
    if district.pk in access.admin_district_ids(user):
        found = Candidate.objects.filter(district=district)
        found.kept_scope = (district.pk, None)
        return found
    school_ids = sorted(access.principal_school_ids(user))
    found = Candidate.objects.filter(district=district, school_id__in=school_ids)
    # Whose candidates, for the counts the database keeps (pipeline/kept_bench.py); a
    # queryset made from this one (filtered, ordered) does not carry it.
    found.kept_scope = (district.pk, school_ids)
    return found
