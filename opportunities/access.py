"""Who may see and change opportunities, applications and leadership records.

The only place that turns an id from a request into an object. Not in the user's
district -> 404. A principal reaching for another school's opportunity -> 404 too (they
are strangers to its applicants). Visible but the role may not act -> 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from leadership import access
from leadership.models import Role, School
from opportunities.models import Application, ExperienceEntry, Opportunity, OpportunityKind


def can_manage(user, opportunity):
    """District admins manage their district's opportunities; principals their school's."""
    if opportunity.district_id in access.admin_district_ids(user):
        return True
    return bool(opportunity.school_id) and opportunity.school_id in access.principal_school_ids(
        user
    )


def can_post(user, district_id=None):
    held = access.roles(user, district_id)
    return Role.DISTRICT_ADMIN in held or Role.PRINCIPAL in held


def get_opportunity_for_user(user, opportunity_id, *, write=False):
    """An opportunity in the user's districts.

    Reading: anybody in the district. Writing (edit, see applications, select): the
    district's admins and the principal of its school; other principals get 404,
    everybody else 403.
    """
    opportunity = (
        Opportunity.objects.filter(pk=opportunity_id, district_id__in=access.district_ids(user))
        .select_related("kind", "school", "district", "posted_by")
        .first()
    )
    if opportunity is None:
        raise Http404("No such opportunity.")
    if not write or can_manage(user, opportunity):
        return opportunity
    if access.has_role(user, Role.PRINCIPAL, opportunity.district_id):
        raise Http404("No such opportunity.")
    raise PermissionDenied


def get_application_for_applicant(user, application_id):
    """The user's own application (404 for anybody else's)."""
    application = (
        Application.objects.filter(pk=application_id, applicant=user)
        .select_related("opportunity__kind", "opportunity__district")
        .first()
    )
    if application is None:
        raise Http404("No such application.")
    return application


def get_kind_for_user(user, kind_id):
    """A kind of opportunity the user may edit: district admins only (403 for others)."""
    return access.get_in_districts(
        user, OpportunityKind.objects.all(), kind_id, what="kind of opportunity", write=True
    )


def get_experience_for_user(user, entry_id, *, write=False):
    """A line of a leadership record the user may see; only district admins change it."""
    entry = (
        ExperienceEntry.objects.visible_to(user)
        .filter(pk=entry_id)
        .select_related("person", "district", "verified_by")
        .first()
    )
    if entry is None:
        raise Http404("No such experience.")
    if write and entry.district_id not in access.admin_district_ids(user):
        raise PermissionDenied
    return entry


def get_own_experience_for_user(user, entry_id):
    """A line of the user's own record that they added from outside Deep Bench, for them to
    edit: 404 when they may not see it, 403 when it is somebody else's or comes from a
    record in Deep Bench (an opportunity, a program)."""
    entry = get_experience_for_user(user, entry_id)
    if entry.person_id != user.pk or entry.source != ExperienceEntry.Source.OUTSIDE:
        raise PermissionDenied
    return entry


def filter_schools(user):
    """The schools the opportunity list filters by: those of every district `user` works
    in (an opportunity is open to a school's staff, and everybody may look)."""
    return School.objects.visible_to(user)


def posting_schools(district):
    """The schools an admin may open an opportunity to (OpportunityForm's "Who may apply"):
    the district's active schools."""
    return access.active_schools(district)


def experience_people(district):
    """The people an admin may add experience from outside Deep Bench for (/experience/add/):
    everybody with an active membership in the district they administer."""
    return access.active_members(district)
