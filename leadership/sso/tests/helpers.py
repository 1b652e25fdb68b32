"""Helpers for the sign-in tests: the provider's users, configuring a district, and
playing the browser at the provider over real HTTP."""

import re
from urllib.parse import urljoin, urlsplit

import requests
from django.urls import reverse

from leadership.sso.models import DistrictSignIn, Kind, SignInDomain, SignInProvider

IDP_PASSWORD = "idp password for tests"
CLIENT_ID = "deep-bench-test"
CLIENT_SECRET = "a secret only the provider and Deep Bench know"
SLUGS = ["maple-grove", "cedar-falls"]
IDP_USERS = [
    ("admin@maple.test", "Alice Admin", True),
    ("principal@maple.test", "Paula Principal", True),
    ("teacher@maple.test", "Tom Teacher", True),
    ("coach@maple.test", "Cora Coach", True),
    ("principal2@maple.test", "Owen Otherprincipal", True),
    # The provider does not vouch for this address (email_verified: false).
    ("teacher2@maple.test", "Olga Otherteacher", False),
    ("admin@cedar.test", "Oscar Outsider", True),
    ("stranger@maple.test", "Sam Stranger", True),
    ("tom.t@maple.test", "Tom Teacher", True),
]


def idp_users():
    return [
        {"sub": f"sub-{n}", "email": e, "password": IDP_PASSWORD, "name": name, "email_verified": v}
        for n, (e, name, v) in enumerate(IDP_USERS)
    ]


def redirect_uris(base):
    return [f"{base}/accounts/oidc/{slug}-oidc/login/callback/" for slug in SLUGS]


def configure_oidc(district, issuer, *, domains, enabled=True, passwords_allowed=True, **extra):
    """Give `district` an OpenID Connect provider at `issuer`, as its admin would."""
    sign_in, _ = DistrictSignIn.objects.update_or_create(
        district=district, defaults={"passwords_allowed": passwords_allowed, **extra}
    )
    for domain in domains:
        SignInDomain.objects.get_or_create(district=district, domain=domain)
    row, _ = SignInProvider.objects.get_or_create(district=district, kind=Kind.OIDC)
    row.enabled = enabled
    row.client_id = CLIENT_ID
    row.issuer = issuer
    row.label = "Maple Grove staff sign-in"
    row.set_secret(CLIENT_SECRET)
    row.save()
    return row


def _follow(session, response, stop_at):
    while response.is_redirect:
        target = urljoin(response.url, response.headers["Location"])
        if target.startswith(stop_at):
            return target
        response = session.get(target, allow_redirects=False)
    return response


def provider_login(authorize_url, email, password=IDP_PASSWORD, stop_at="http://testserver"):
    """Sign in at the provider as `email`; the URL it sends the browser back to."""
    with requests.Session() as session:
        page = session.get(authorize_url, allow_redirects=True, timeout=10)
        assert page.status_code == 200, page.text[:500]
        action = re.search(r'<form method="post" action="([^"]+)"', page.text).group(1)
        answer = session.post(
            urljoin(page.url, action),
            data={"email": email, "password": password},
            allow_redirects=False,
            timeout=10,
        )
        back = _follow(session, answer, stop_at)
    assert isinstance(back, str), f"the provider did not send the browser back: {back.text[:500]}"
    return back


def begin(client, district, kind=Kind.OIDC):
    """Press the district's button: Deep Bench's answer, a redirect to the provider."""
    return client.post(reverse("sso:begin", args=[district.slug, kind]))


def through_provider(client, district, email, password=IDP_PASSWORD):
    """The whole authorization-code flow for `email`; Deep Bench's answer at the callback."""
    response = begin(client, district)
    assert response.status_code == 302, response.content.decode()[:500]
    back = provider_login(response["Location"], email, password)
    return client.get(local(back))


def local(url):
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path
