"""How a request to the API is let in: its token (401), the token's scopes (403) and its
rate (429 with Retry-After).

Every failure raises a DRF exception with a message a developer can act on; api/errors.py
turns it into the one error shape.
"""

import hmac
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.throttling import BaseThrottle

from api.access import owner_may_use
from api.models import PREFIX, ApiToken, hashed

logger = logging.getLogger(__name__)

HOW = "Send it as the header 'Authorization: Bearer dbk_…'."
WHERE = "A district administrator makes tokens in Deep Bench under Pipeline → API tokens."
# Compared against when the prefix is unknown, so a wrong prefix takes as long as a wrong
# secret.
_NOBODY = hashed("nobody")


def _when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _find(credentials):
    """The token the credentials name, if their secret matches; else None."""
    parts = credentials.split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        return None
    _, prefix, secret = parts
    token = ApiToken.objects.select_related("district", "created_by").filter(prefix=prefix).first()
    expected = token.secret_sha256 if token else _NOBODY
    if not hmac.compare_digest(expected, hashed(secret)) or token is None:
        return None
    return token


class TokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer dbk_<prefix>_<secret>`. The request acts as the admin who made
    the token (what it writes is audited as them), in the token's district only."""

    def authenticate(self, request):
        header = get_authorization_header(request)
        if not header:
            return None
        scheme, _, credentials = header.decode("latin-1").partition(" ")
        if scheme.lower() != "bearer" or not credentials.strip():
            raise exceptions.AuthenticationFailed(f"The Authorization header is not a token. {HOW}")
        token = _find(credentials.strip())
        if token is None:
            raise exceptions.AuthenticationFailed(
                f"This token is not known: check that it was copied whole. {WHERE}"
            )
        if token.revoked_at:
            raise exceptions.AuthenticationFailed(
                f"This token was revoked on {_when(token.revoked_at)}. {WHERE}"
            )
        if token.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed(
                f"This token expired on {_when(token.expires_at)}. {WHERE}"
            )
        if not owner_may_use(token):
            raise exceptions.AuthenticationFailed(
                "The administrator who made this token is no longer a district administrator "
                f"here, so it no longer works. {WHERE}"
            )
        return token.created_by, token

    def authenticate_header(self, request):
        return 'Bearer realm="Deep Bench API"'


def token_of(request):
    return request.auth if isinstance(request.auth, ApiToken) else None


class HasScope(BasePermission):
    """A view names `read_scope` (GET) and `write_scope` (any other method); the token must
    hold it. No token at all is a 401; a token without the scope is a 403."""

    def has_permission(self, request, view):
        token = token_of(request)
        if token is None:
            raise exceptions.NotAuthenticated(f"This address needs an API token. {HOW} {WHERE}")
        needed = getattr(
            view, "read_scope" if request.method in SAFE_METHODS else "write_scope", None
        )
        if needed is None:
            return True
        if needed not in token.scopes:
            raise exceptions.PermissionDenied(
                f"This token does not have the scope '{needed}', which "
                f"{request.method} {request.path} needs. {WHERE}"
            )
        return True


class TokenRateThrottle(BaseThrottle):
    """At most API_RATE_PER_MINUTE requests a token per clock minute, counted in the shared
    cache so every web process counts together. With the cache down, nothing is refused."""

    def allow_request(self, request, view):
        token = token_of(request)
        if token is None:
            return True
        now = time.time()
        window = int(now // 60)
        key = f"api:rate:{token.pk}:{window}"
        self.retry_after = max(1, int(60 - now % 60) + 1)
        try:
            cache.add(key, 0, timeout=120)
            count = cache.incr(key)
        except Exception:  # the cache did not answer: let the request through, and say so
            logger.warning("API rate limit not counted: the cache did not answer", exc_info=True)
            return True
        return count <= settings.API_RATE_PER_MINUTE

    def wait(self):
        return self.retry_after
