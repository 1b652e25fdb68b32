"""The address of whoever sent a request, seen through the proxies we trust.

Behind a TLS proxy every request arrives from the proxy's own address, so sign-in lockout by
username and address would lock a user out for everyone. A proxy listed in TRUSTED_PROXIES
appends the address it received the request from to X-Forwarded-For; reading that header
from right to left, the first address that is not one of our proxies is the client. Anything
further left was written by the client and is never believed; a request that does not come
from a listed proxy is judged by its own address, whatever headers it carries.
"""

import ipaddress

from django.conf import settings


def _address(text):
    """An IP address from one header entry ("1.2.3.4", "1.2.3.4:5678", "[::1]:443"), or None."""
    text = text.strip()
    if text.startswith("["):
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:
        text = text.partition(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address):
    return any(address in ipaddress.ip_network(proxy) for proxy in settings.TRUSTED_PROXIES)


def client_ip(request):
    """The client's address: X-Forwarded-For is read only when a trusted proxy sent it."""
    nearest = _address(request.META.get("REMOTE_ADDR", ""))
    if nearest is None:
        return None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    while _trusted(nearest) and hops:
        earlier = _address(hops.pop())
        if earlier is None:
            # An entry nobody could have connected from: stop at the last proxy we trust.
            break
        nearest = earlier
    return str(nearest)


class TrustedProxyHeadersMiddleware:
    """Django believes X-Forwarded-Proto (SECURE_PROXY_SSL_HEADER) from anyone; this drops
    it from a request that does not come from a proxy in TRUSTED_PROXIES, so a client that
    reaches gunicorn directly cannot pass a plain-http request off as https (secure
    cookies, no redirect). First in MIDDLEWARE, before SecurityMiddleware reads it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "HTTP_X_FORWARDED_PROTO" in request.META:
            nearest = _address(request.META.get("REMOTE_ADDR", ""))
            if nearest is None or not _trusted(nearest):
                del request.META["HTTP_X_FORWARDED_PROTO"]
        return self.get_response(request)
