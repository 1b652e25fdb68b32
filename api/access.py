"""Who may manage API tokens, and the only way from a request's id to a token.

District administrators make, see and revoke their district's tokens. A token of another
district -> 404; a signed-in person who is not a district admin -> 403.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from api.models import ApiToken
from leadership import access
from leadership.models import Role


def token_district(user):
    """The district whose tokens `user` manages: the first they administer; 403 if none."""
    for membership in access.memberships(user):
        if membership.role == Role.DISTRICT_ADMIN:
            return membership.district
    raise PermissionDenied


def get_token_for_user(user, token_id):
    """A token of a district `user` administers; 404 for another district's, 403 for a
    person of the district who is not an administrator."""
    token = ApiToken.objects.filter(pk=token_id, district_id__in=access.district_ids(user)).first()
    if token is None:
        raise Http404
    if token.district_id not in access.admin_district_ids(user):
        raise PermissionDenied
    return token


def owner_may_use(token):
    """A token works only while the admin who made it is still an active admin of its
    district: taking somebody's role away also stops the systems they connected."""
    owner = token.created_by
    if not owner.is_active:
        return False
    return token.district_id in access.admin_district_ids(owner)
