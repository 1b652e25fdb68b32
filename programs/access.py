"""Turning ids from requests into programs objects (404 outside, 403 for the wrong role).

Built on leadership.access; every view of this app goes through these functions.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Value
from django.db.models.functions import Concat
from django.http import Http404
from django.utils import timezone

from leadership import access
from leadership.models import Membership, Role, School, User
from programs.models import (
    Cohort,
    Enrollment,
    Nomination,
    NominationEvidence,
    Program,
    Session,
)


def get_program_for_user(user, program_id, *, write=False):
    """A program of the user's districts (404 otherwise); write needs its district admin."""
    programs = Program.objects.select_related("district")
    return access.get_in_districts(user, programs, program_id, what="program", write=write)


def may_run_cohort(user, cohort):
    """District admins and the cohort's facilitator see the roster and take attendance."""
    return (
        cohort.program.district_id in access.admin_district_ids(user)
        or cohort.facilitator_id == user.pk
    )


def get_cohort_for_user(user, cohort_id, *, write=False):
    """A cohort of the user's districts (404 otherwise).

    Reading (roster, grid) is for district admins and the facilitator; writing (sessions,
    assignments) for district admins; anybody else in the district gets 403.
    """
    cohort = (
        Cohort.objects.filter(pk=cohort_id, program__district_id__in=access.district_ids(user))
        .select_related("program__district", "facilitator")
        .first()
    )
    if cohort is None:
        raise Http404("No such cohort.")
    if write and cohort.program.district_id not in access.admin_district_ids(user):
        raise PermissionDenied
    if not may_run_cohort(user, cohort):
        raise PermissionDenied
    return cohort


def get_session_for_user(user, session_id, *, write=False):
    """A session whose attendance the user may take (admin or facilitator); changing the
    session itself (`write`) is for district admins."""
    session = (
        Session.objects.filter(
            pk=session_id, cohort__program__district_id__in=access.district_ids(user)
        )
        .select_related("cohort__program__district", "cohort__facilitator")
        .first()
    )
    if session is None:
        raise Http404("No such session.")
    if write and session.cohort.program.district_id not in access.admin_district_ids(user):
        raise PermissionDenied
    if not may_run_cohort(user, session.cohort):
        raise PermissionDenied
    return session


def get_nomination_for_user(user, nomination_id, *, act=None):
    """A nomination the user may see (404 otherwise).

    `act` is the move the user wants to make: "respond" (the nominee), "endorse" (the
    nominee's principal) or "decide" (a district admin); anybody else gets 403.
    """
    nomination = (
        Nomination.objects.visible_to(user)
        .filter(pk=nomination_id)
        .select_related("program", "nominee", "nominated_by", "school", "district", "cohort")
        .first()
    )
    if nomination is None:
        raise Http404("No such nomination.")
    allowed = {
        None: True,
        "respond": nomination.nominee_id == user.pk,
        "endorse": nomination.school_id in access.principal_school_ids(user),
        "decide": nomination.district_id in access.admin_district_ids(user),
    }[act]
    if not allowed:
        raise PermissionDenied
    return nomination


def get_evidence_file_for_user(user, evidence_id):
    """A nomination's evidence file, for the people who may see the nomination; 404 for
    everybody else, and for evidence without a file."""
    evidence = (
        NominationEvidence.objects.filter(
            pk=evidence_id, nomination__in=Nomination.objects.visible_to(user)
        )
        .exclude(file="")
        .first()
    )
    if evidence is None:
        raise Http404("No such evidence file.")
    return evidence


def nominable_people(user):
    """Whom this person picks a nominee from: a principal their school's staff, a teacher
    themself. Inactive people are in it (the picker says why they cannot be chosen:
    services.nominee_choices; nomination_create refuses them)."""
    schools = access.principal_school_ids(user)
    people = User.objects.none()
    if schools:
        people = User.objects.filter(memberships__school_id__in=schools).exclude(
            memberships__role=Role.PRINCIPAL, memberships__school_id__in=schools
        )
    if access.has_role(user, Role.TEACHER):
        people = people | User.objects.filter(pk=user.pk)
    return people.distinct().order_by("full_name", "email")


def get_nominee_for_user(user, nominee_id):
    """Somebody this person picks from (nominable_people); anybody else is 404."""
    nominee = nominable_people(user).filter(pk=nominee_id).first()
    if nominee is None:
        raise Http404("No such person on your staff.")
    return nominee


def may_nominate(user):
    held = access.roles(user)
    return Role.PRINCIPAL in held or Role.TEACHER in held


def get_enrollment_for_user(user, enrollment_id):
    """An enrollment a district admin of its cohort may change (404 outside, 403 otherwise)."""
    enrollment = (
        Enrollment.objects.filter(
            pk=enrollment_id, cohort__program__district_id__in=access.district_ids(user)
        )
        .select_related("cohort__program__district", "person")
        .first()
    )
    if enrollment is None:
        raise Http404("No such enrollment.")
    if enrollment.cohort.program.district_id not in access.admin_district_ids(user):
        raise PermissionDenied
    return enrollment


def get_session_calendar_for_user(user, session_id):
    """A session the user takes part in (enrolled, facilitating) or administers; else 404."""
    session = (
        Session.objects.filter(
            pk=session_id, cohort__program__district_id__in=access.district_ids(user)
        )
        .select_related("cohort__program")
        .first()
    )
    if session is None:
        raise Http404("No such session.")
    enrolled = session.cohort.enrollments.filter(
        person=user, status=Enrollment.Status.ACTIVE
    ).exists()
    if not (enrolled or may_run_cohort(user, session.cohort)):
        raise Http404("No such session.")
    return session


def get_transcript_person_for_user(user, person_id):
    """(person, district) whose transcript `user` may read: the person themself, the admins
    of their district and the principal of a school they work at. Anybody else in the
    district gets 403, anybody outside it 404."""
    found = (
        Membership.objects.filter(user_id=person_id, district_id__in=access.district_ids(user))
        .select_related("user", "district")
        .order_by("district__name", "id")
    )
    found = list(found)
    if not found:
        raise Http404("No such person.")
    for membership in found:
        if (
            membership.user_id == user.pk
            or membership.district_id in access.admin_district_ids(user)
            or (membership.is_active and membership.school_id in access.principal_school_ids(user))
        ):
            return membership.user, membership.district
    raise PermissionDenied


def queue_schools(user):
    """The schools the nomination queue filters by: a district admin's district's, a
    principal's own; None for anybody else (the queue shows them no school filter)."""
    if admin := access.admin_district_ids(user):
        return School.objects.filter(district_id__in=admin)
    if principal := access.principal_school_ids(user):
        return School.objects.filter(pk__in=principal)
    return None


def get_queue_schools_for_user(user):
    """queue_schools for the school filter's search: 403 for those it offers none."""
    schools = queue_schools(user)
    if schools is None:
        raise PermissionDenied
    return schools


COHORT_LABEL = Concat("program__name", Value(": "), "name")  # "Aspiring Principals: 2026"


def running_cohorts(user):
    """Cohorts not yet ended in the districts `user` administers, which a decision may enroll
    into; 403 for anybody who administers none."""
    access.require_admin_district(user)
    return Cohort.objects.filter(
        program__district_id__in=access.admin_district_ids(user),
        ends_on__gte=timezone.localdate(),
    )
