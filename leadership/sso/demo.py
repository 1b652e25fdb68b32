"""The demo districts' sign-in: their email domains, and, with `make run SSO=local`,
Lakeview signing in through the local OpenID Provider (devprovider/, manage.py
run_local_oidc) whose users are the demo roster.

Idempotent like every seeder: a second run with the same SSO_LOCAL_PROVIDER changes nothing.
Without it, a Lakeview provider that pointed at the local one is turned off.
"""

from django.conf import settings

from leadership.demo import DEMO_PASSWORD
from leadership.models import District, User
from leadership.sso.models import Kind, SignInDomain, SignInProvider

DOMAINS = {"lakeview": "lakeview.test", "riverside": "riverside.test"}
# Known to the local provider only; nothing outside this laptop accepts them.
CLIENT_ID = "deep-bench-local"
CLIENT_SECRET = "deep-bench-local-demo-secret"
LABEL = "Lakeview staff (local provider)"
# People the local provider knows who show a refusal: not on the roster, and an address
# the provider does not vouch for.
EXTRA_USERS = [
    {"email": "newcomer@lakeview.test", "name": "Nico Newcomer", "email_verified": True},
    {"email": "unverified@lakeview.test", "name": "Una Verified", "email_verified": False},
]


def seed():
    for slug, domain in DOMAINS.items():
        district = District.objects.get(slug=slug)
        SignInDomain.objects.get_or_create(district=district, domain=domain)
    lakeview = District.objects.get(slug="lakeview")
    row = SignInProvider.objects.filter(district=lakeview, kind=Kind.OIDC).first()
    issuer = settings.SSO_LOCAL_PROVIDER
    if not issuer:
        if row and row.enabled and row.client_id == CLIENT_ID:
            row.enabled = False
            row.save(update_fields=["enabled", "updated_at"])
        return
    wanted = {"enabled": True, "client_id": CLIENT_ID, "issuer": issuer, "label": LABEL}
    if row and row.has_secret and all(getattr(row, k) == v for k, v in wanted.items()):
        return
    row = row or SignInProvider(district=lakeview, kind=Kind.OIDC)
    for name, value in wanted.items():
        setattr(row, name, value)
    row.set_secret(CLIENT_SECRET)
    row.save()


def provider_users():
    """The local provider's users: every active person of the demo districts, and two more."""
    people = (
        User.objects.filter(
            is_active=True,
            memberships__district__slug__in=list(DOMAINS),
            memberships__is_active=True,
        )
        .distinct()
        .order_by("pk")
    )
    found = [
        {"sub": f"demo-{p.pk}", "email": p.email, "name": p.full_name, "email_verified": True}
        for p in people
    ]
    found += [{**extra, "sub": extra["email"]} for extra in EXTRA_USERS]
    return [{**user, "password": DEMO_PASSWORD} for user in found]


def provider_clients(sites):
    """Deep Bench as the local provider's client, coming back to each of `sites`."""
    path = "/accounts/oidc/lakeview-oidc/login/callback/"
    return [
        {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uris": [site.rstrip("/") + path for site in sites],
        }
    ]
