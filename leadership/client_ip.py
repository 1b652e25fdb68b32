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
