"""From a district's SignInProvider row to the django-allauth app that signs people in.

allauth knows Google, Microsoft and Clever by name and any OpenID Connect provider by a
`provider_id` of our choosing ("<district slug>-oidc", "<district slug>-classlink"), which is
also in that provider's redirect URI. The apps are built in memory for each request
(leadership/sso/adapter.py, `list_apps`): the client secret is decrypted only there and is
never written anywhere in clear.
"""

from urllib.parse import urlsplit

from allauth.socialaccount.models import SocialApp
from django.conf import settings
from django.urls import reverse

from leadership.sso.models import Kind, SignInProvider

CLASSLINK_ISSUER = "https://launchpad.classlink.com"
OIDC_SCOPES = ["openid", "email", "profile"]

# allauth's name for each kind, and the scopes Deep Bench asks for.
ALLAUTH = {
    Kind.GOOGLE: ("google", OIDC_SCOPES),
    Kind.MICROSOFT: ("microsoft", ["openid", "email", "profile", "User.Read"]),
    Kind.CLEVER: ("clever", []),
    Kind.CLASSLINK: ("openid_connect", OIDC_SCOPES),
    Kind.OIDC: ("openid_connect", OIDC_SCOPES),
}
# Entra ID (one tenant), Clever and ClassLink send no "email verified" flag: the address
# comes from the district's own directory, so it counts as verified inside the district's
# own domains, never outside them. Google and any other provider must say so themselves.
DIRECTORY_KINDS = {Kind.MICROSOFT, Kind.CLEVER, Kind.CLASSLINK}


# Where each provider's sign-in page lives: a button's form posts to Deep Bench, which
# redirects there, and browsers hold that redirect to the page's CSP form-action.
AUTHORIZATION_ORIGINS = {
    Kind.GOOGLE: "https://accounts.google.com",
    Kind.MICROSOFT: "https://login.microsoftonline.com",
    Kind.CLEVER: "https://clever.com",
    Kind.CLASSLINK: "https://launchpad.classlink.com",
}


def allow_form_action(response, rows):
    """Let the page's sign-in buttons reach their providers (the CSP's form-action)."""
    origins = set()
    for row in rows:
        issuer_url = urlsplit(issuer(row)) if row.kind == Kind.OIDC else None
        origin = f"{issuer_url.scheme}://{issuer_url.netloc}" if issuer_url else ""
        origins.add(AUTHORIZATION_ORIGINS.get(row.kind, origin))
    if origins - {""}:
        response._csp_update = {"form-action": sorted(origins - {""})}
    return response


def provider_id(row):
    """allauth's id for the row's provider: its name, or ours for an OpenID Connect one."""
    name, _ = ALLAUTH[row.kind]
    if name == "openid_connect":
        return f"{row.district.slug}-{row.kind}"
    return name


def issuer(row):
    return CLASSLINK_ISSUER if row.kind == Kind.CLASSLINK else row.issuer.rstrip("/")


def callback_path(row):
    name, _ = ALLAUTH[row.kind]
    if name == "openid_connect":
        return reverse("openid_connect_callback", kwargs={"provider_id": provider_id(row)})
    return reverse(f"{name}_callback")


def redirect_uri(row):
    """The address to register with the provider (from SITE_URL)."""
    return settings.SITE_URL + callback_path(row)


def scopes(row):
    return ALLAUTH[row.kind][1]


def social_app(row, domains):
    """An unsaved allauth SocialApp for `row`; decrypts the secret (crypto errors propagate)."""
    name, scope = ALLAUTH[row.kind]
    options = {"scope": scope, "oauth_pkce_enabled": row.kind != Kind.CLEVER}
    if row.kind == Kind.MICROSOFT:
        options["tenant"] = row.tenant
    if name == "openid_connect":
        options["server_url"] = issuer(row)
    if row.kind in DIRECTORY_KINDS:
        options["verified_email"] = sorted(domains)
    app = SocialApp(
        provider=name,
        provider_id=provider_id(row) if name == "openid_connect" else "",
        name=row.button_text,
        client_id=row.client_id,
        secret=row.secret(),
        settings=options,
    )
    app.deepbench_row = row
    return app


def enabled_rows(district_id):
    return list(
        SignInProvider.objects.filter(district_id=district_id, enabled=True)
        .exclude(client_id="")
        .exclude(secret_encrypted="")
        .select_related("district")
    )
