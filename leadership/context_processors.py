from leadership import access
from leadership.models import Role

_flags = {}


def register(name, flag):
    """Add `name` to the navbar's context: `flag(user)`, for a signed-in user. An app above
    registers it from its AppConfig.ready; the flag must not query the database (memberships
    are read once per request, see access.annotate_memberships)."""
    _flags[name] = flag


def navigation(request):
    """What the navbar needs: the signed-in person's roles (memberships are cached per user)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    held = access.roles(user)
    return {
        "nav_roles": held,
        "nav_is_admin": Role.DISTRICT_ADMIN in held,
        "nav_is_principal": Role.PRINCIPAL in held,
        "nav_is_coach": Role.COACH in held,
        "nav_district": access.primary_district(user),
        **{name: flag(user) for name, flag in _flags.items()},
    }
