"""Who may see and change what, for the people side of Deep Bench.

The only place that turns an id from a request into an object. Not in the user's
districts (or not visible to them) -> 404; visible but their role may not write -> 403.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404

from leadership.models import District, Membership, Role, School, User

_CACHE_ATTR = "_deepbench_memberships"
_ANNOTATIONS = {}  # name -> expression on Membership, registered by the apps above
ID_DIGITS = 19  # the most an id column holds; Python's int() refuses 4,300 and more


def request_id(value):
    """An id sent in a query string or a form, as an int; None when it cannot be one (text,
    a sign, a number of more digits than any id has)."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= ID_DIGITS:
        return int(value)
    return None


def request_ids(values):
    """The ids among `values` (such as `request.GET.getlist(...)`), in order, once each."""
    return list(dict.fromkeys(i for i in map(request_id, values) if i is not None))


def memberships(user):
    """The user's active memberships, with district and school, cached on the user object."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, is_active=True, district__isnull=False)
            .select_related("district", "school")
            .annotate(**_ANNOTATIONS)
            .order_by("district__name", "role")
        )
        setattr(user, _CACHE_ATTR, cached)
    return cached


def annotate_memberships(name, expression):
    """Add `expression` as attribute `name` of every membership `memberships` reads, so that
    an app above can answer a question about the user on every page (its menu link) from the
    one query that reads them. Called from the app's AppConfig.ready."""
    _ANNOTATIONS[name] = expression


def forget_memberships(user):
    """Drop the cached memberships (after the user's roles changed in this request)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def district_ids(user):
    return {m.district_id for m in memberships(user)}


def roles(user, district_id=None):
    """The set of roles the user holds (in one district, when given)."""
    return {
        m.role for m in memberships(user) if district_id is None or m.district_id == district_id
    }


def has_role(user, role, district_id=None):
    return role in roles(user, district_id)


def admin_district_ids(user):
    return {m.district_id for m in memberships(user) if m.role == Role.DISTRICT_ADMIN}


def principal_school_ids(user):
    return {m.school_id for m in memberships(user) if m.role == Role.PRINCIPAL and m.school_id}


def staff_school_ids(user):
    """Schools where the user works (any role with a school)."""
    return {m.school_id for m in memberships(user) if m.school_id}


def primary_district(user):
    """The district a page shows when it shows one: the user's first membership's."""
    found = memberships(user)
    return found[0].district if found else None


def role_required(*allowed):
    """View decorator: 403 unless the signed-in user holds one of `allowed` roles somewhere."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not roles(request.user) & set(allowed):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def require_admin_district(user):
    """The district this user administers; 403 for anybody who administers none."""
    found = [m.district for m in memberships(user) if m.role == Role.DISTRICT_ADMIN]
    if not found:
        raise PermissionDenied
    return found[0]


def get_in_districts(user, queryset, pk, *, what, district="district_id", write=False):
    """Row `pk` of `queryset` when it belongs to one of the user's districts, else 404;
    `write` needs that district's admin, else 403. `district` is the lookup from the row to
    its district's id ("framework__district_id"); select_related along it to save a query.

    The one shape of most `get_*_for_user` functions in the apps' access.py files."""
    found = queryset.filter(pk=pk, **{f"{district}__in": district_ids(user)}).first()
    if found is None:
        raise Http404(f"No such {what}.")
    if write:
        district_id = found
        for step in district.split("__"):
            district_id = getattr(district_id, step)
        if district_id not in admin_district_ids(user):
            raise PermissionDenied
    return found


def get_district_for_user(user, district_id, *, write=False):
    """A district the user belongs to (404 otherwise); write needs district admin (403)."""
    if district_id not in district_ids(user):
        raise Http404("No such district.")
    if write and district_id not in admin_district_ids(user):
        raise PermissionDenied
    return District.objects.get(pk=district_id)


def get_school_for_user(user, school_id, *, write=False):
    """A school in the user's districts (404 otherwise); write needs district admin (403)."""
    return get_in_districts(user, School.objects.all(), school_id, what="school", write=write)


def active_schools(district):
    """The district's open schools: what a form may offer as a school (an opportunity's
    "who may apply", a position's school, a supervisor's schools)."""
    return School.objects.filter(district=district, is_active=True)


def active_members(district):
    """Everybody with an active membership in the district, each once: whom an admin may pick
    as a person there (experience to add, somebody to coach)."""
    return User.objects.filter(
        pk__in=Membership.objects.filter(district=district, is_active=True).values("user")
    )
