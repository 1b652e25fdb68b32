"""Who sees succession planning, and the only ways from a request's id to its objects.

Slates, departures and retirement dates are for district admins, who see and change their
whole district. A principal supervisor reads the positions and slates of the schools they
supervise, and only when their district turns that on (SuccessionSetting); never a slate
that names them. Nobody else: not the people on slates, not principals, not teachers.
Outside the user's districts -> 404; inside but not allowed -> 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404

from leadership.access import (
    active_schools,
    admin_district_ids,
    district_ids,
    get_in_districts,
    memberships,
)
from leadership.models import Role
from pipeline.models import Candidate
from pipeline.succession.models import (
    Position,
    PositionKind,
    RoleTerm,
    SchoolSupervisor,
    Slate,
    SlateEntry,
    SuccessionSetting,
)


def supervised_school_ids(user, district_id):
    """The schools `user` supervises in the district, if the district lets supervisors see
    succession; otherwise none. Two queries at most, cached on the user for the request."""
    cache = user.__dict__.setdefault("_deepbench_supervised", {})
    if district_id not in cache:
        allowed = SuccessionSetting.objects.filter(
            district_id=district_id, supervisors_see_succession=True
        ).exists()
        cache[district_id] = (
            set(
                SchoolSupervisor.objects.filter(
                    district_id=district_id, supervisor=user
                ).values_list("school_id", flat=True)
            )
            if allowed
            else set()
        )
    return cache[district_id]


# Set on each of the user's memberships (leadership.access.memberships, one query for them
# all): whether they supervise a school of that district and the district lets supervisors
# see succession. Registered in pipeline/apps.py.
SUPERVISES = "supervises_for_succession"


def supervises_expression():
    return Exists(
        SchoolSupervisor.objects.filter(
            supervisor_id=OuterRef("user_id"),
            district_id=OuterRef("district_id"),
            district_id__in=SuccessionSetting.objects.filter(
                supervisors_see_succession=True
            ).values("district_id"),
        )
    )


def may_open_succession(user):
    """Whether the succession page opens for `user` (succession_scope does not refuse them):
    a district admin, or a principal supervisor whose district allows it. For the menu: no
    query beyond the user's memberships, which every page reads once."""
    return any(
        membership.role == Role.DISTRICT_ADMIN or getattr(membership, SUPERVISES, False)
        for membership in memberships(user)
    )


def succession_scope(user):
    """(district, school ids or None for all, may change) for the succession pages.

    A district admin: their district, every school, changes allowed. A principal supervisor
    whose district allows it: the schools they supervise, read only. Anybody else: 403."""
    for membership in memberships(user):
        if membership.role == Role.DISTRICT_ADMIN:
            return membership.district, None, True
    for membership in memberships(user):
        if not getattr(membership, SUPERVISES, True):
            continue  # supervises nothing there, or the district does not allow it
        schools = supervised_school_ids(user, membership.district_id)
        if schools:
            return membership.district, schools, False
    raise PermissionDenied


def district_schools(district):
    """The schools a position is at and a supervisor supervises (PositionForm, SupervisorForm):
    the district's active schools."""
    return active_schools(district)


def require_admin(user, district_id):
    """403 unless the user is an admin of the district."""
    if district_id not in admin_district_ids(user):
        raise PermissionDenied


def get_position_for_user(user, position_id, *, write=False):
    """A position of the user's districts (404 otherwise). District admins read and write;
    a principal supervisor reads the positions of their schools when allowed; else 403."""
    position = (
        Position.objects.filter(pk=position_id, district_id__in=district_ids(user))
        .select_related("kind", "school", "district")
        .first()
    )
    if position is None:
        raise Http404("No such position.")
    if position.district_id in admin_district_ids(user):
        return position
    if not write and position.school_id in supervised_school_ids(user, position.district_id):
        return position
    raise PermissionDenied


def get_slate_for_user(user, slate_id, *, write=False):
    """A slate of the user's districts (404 otherwise). A position's slate goes with its
    position; the slate of a kind's expected openings is the district admins' alone."""
    slate = get_in_districts(
        user,
        Slate.objects.select_related("position__kind", "position__school", "kind", "district"),
        slate_id,
        what="slate",
    )
    if slate.position_id is not None:
        get_position_for_user(user, slate.position_id, write=write)
    else:
        require_admin(user, slate.district_id)
    return slate


def get_entry_for_user(user, entry_id):
    """A slate entry to change: the district's admins only (403), 404 outside it."""
    entry = get_in_districts(
        user,
        SlateEntry.objects.select_related("slate__position", "slate__kind", "candidate__user"),
        entry_id,
        what="slate entry",
        district="slate__district_id",
        write=True,
    )
    return entry


def get_term_for_user(user, term_id):
    """A role term to change: the district's admins only (403), 404 outside it."""
    return get_in_districts(
        user,
        RoleTerm.objects.select_related(
            "position__kind", "position__school", "position__district", "person"
        ),
        term_id,
        what="role",
        write=True,
    )


def get_kind_for_user(user, kind_id):
    """A kind of position to change: the district's admins only (403), 404 outside it."""
    return get_in_districts(user, PositionKind.objects.all(), kind_id, what="kind", write=True)


def get_supervision_for_user(user, supervision_id):
    """A supervisor's school to remove: the district's admins only (403), 404 outside it."""
    return get_in_districts(
        user,
        SchoolSupervisor.objects.select_related("supervisor", "school"),
        supervision_id,
        what="supervision",
        write=True,
    )


def get_candidate_for_slate(user, slate, candidate_id):
    """A candidate of the slate's own district (404 for anybody else's, whatever the id)."""
    if slate.district_id not in district_ids(user):
        raise Http404("No such candidate.")
    candidate = (
        Candidate.objects.filter(pk=candidate_id, district_id=slate.district_id)
        .select_related("user")
        .first()
    )
    if candidate is None:
        raise Http404("No such candidate.")
    return candidate
