"""Who may sign in, how, and for how long. Every sign-in path asks here.

- A person may sign in at all while they are active and either hold an active membership
  somewhere or have never had one (an installation administrator). The roster turning all
  of someone's memberships off ends their sessions at their next request
  (leadership/sso/backends.py loads the session's user through SIGN_IN_ALLOWED).
- A password is refused for anybody who belongs to a district that turned passwords off,
  and for any address in such a district's domains; superusers keep their password.
- A sign-in through a district's provider matches an existing, active person of that
  district on an email address the provider vouches for, inside the district's domains.
"""

from django.db.models import Exists, OuterRef, Q

from leadership.models import District, Membership, User
from leadership.sso.models import DistrictSignIn, SignInDomain

SIGN_IN_ALLOWED = Q(is_active=True) & (
    Q(is_superuser=True)
    | Exists(Membership.objects.filter(user=OuterRef("pk"), is_active=True))
    | ~Exists(Membership.objects.filter(user=OuterRef("pk")))
)


def may_sign_in(user):
    return User.objects.filter(SIGN_IN_ALLOWED, pk=user.pk).exists()


def domain_of(email):
    return email.rpartition("@")[2].strip().lower()


def district_for_email(email):
    """The district whose sign-in domains hold `email`'s domain, or None."""
    found = (
        SignInDomain.objects.filter(domain__iexact=domain_of(email)).select_related("district")
    ).first()
    return found.district if found else None


def settings_for(district):
    """The district's sign-in settings; defaults (unsaved) when it never set any."""
    found = DistrictSignIn.objects.filter(district=district).first()
    return found or DistrictSignIn(district=district)


def domains(district):
    return {d.lower() for d in district.sign_in_domains.values_list("domain", flat=True)}


def sso_only_district_for_domain(email):
    """The district that owns `email`'s domain when it turned passwords off, else None."""
    return District.objects.filter(
        sign_in_domains__domain__iexact=domain_of(email), sign_in__passwords_allowed=False
    ).first()


def password_refused_by(user):
    """The district that refuses this person a password sign-in, or None."""
    if user.is_superuser:
        return None
    by_membership = District.objects.filter(
        membership__user=user, membership__is_active=True, sign_in__passwords_allowed=False
    ).first()
    return by_membership or sso_only_district_for_domain(user.email)


def session_seconds(user):
    """The shortest session length among the person's districts that set one, or None."""
    hours = DistrictSignIn.objects.filter(
        district__membership__user=user, district__membership__is_active=True
    ).values_list("session_hours", flat=True)
    return min(hours) * 3600 if hours else None


class Refusal(Exception):
    """A sign-in through a provider that Deep Bench does not accept; `reason` says why."""

    def __init__(self, reason, district=None, provider=None, detail=""):
        super().__init__(reason)
        self.reason = reason
        self.district = district
        self.provider = provider
        self.detail = detail


def verified_email(sociallogin):
    """The address the provider vouches for (primary first), or None."""
    for address in sociallogin.email_addresses:
        if address.verified and address.email:
            return address.email.strip().lower()
    return None


def active_in(user, district):
    return Membership.objects.filter(user=user, district=district, is_active=True).exists()


def person_for(district, email, linked=None):
    """The person a provider's verified `email` signs in as, in `district`.

    `linked` is the person an account link points to, when there is one. Raises Refusal
    with the reason when there is nobody to sign in as."""
    if email is None:
        raise Refusal("unverified", district)
    if domain_of(email) not in domains(district):
        raise Refusal("other_domain", district)
    person = linked or User.objects.filter(email__iexact=email).first()
    if person is None:
        raise Refusal("not_in_roster", district)
    in_district = Membership.objects.filter(user=person, district=district)
    if not in_district.exists():
        raise Refusal("not_in_roster", district)
    if not person.is_active or not in_district.filter(is_active=True).exists():
        raise Refusal("inactive", district)
    return person
