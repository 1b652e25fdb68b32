"""Sign-in lockout behind a TLS proxy: each client is judged by its own address."""

import ipaddress

import pytest
from django.test import RequestFactory

from conftest import PASSWORD
from leadership.client_ip import client_ip

PROXY = "10.0.0.7"
CLIENT_A = "203.0.113.10"
CLIENT_B = "198.51.100.20"


@pytest.fixture(autouse=True)
def _behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("10.0.0.0/24"),)


def _post(client, password, *, remote, forwarded=None, user):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/accounts/login/", {"username": user.email, "password": password}, **extra)


def test_it_locks_out_only_the_client_behind_the_proxy_that_failed(client, teacher):
    for _ in range(6):
        _post(client, "wrong", remote=PROXY, forwarded=CLIENT_A, user=teacher)
    locked = _post(client, PASSWORD, remote=PROXY, forwarded=CLIENT_A, user=teacher)
    assert locked.status_code == 429
    signed_in = _post(client, PASSWORD, remote=PROXY, forwarded=CLIENT_B, user=teacher)
    assert signed_in.status_code == 302
    assert signed_in["Location"] == "/"


def test_it_ignores_a_forwarded_header_from_an_address_it_does_not_trust(client, teacher):
    stranger = "192.0.2.66"
    for attempt in range(6):
        # A new forged client address on every try would never add up to a lockout.
        _post(client, "wrong", remote=stranger, forwarded=f"203.0.113.{attempt}", user=teacher)
    locked = _post(client, PASSWORD, remote=stranger, forwarded="203.0.113.99", user=teacher)
    assert locked.status_code == 429
    # And the stranger's failures did not lock the account for anyone else.
    assert (
        _post(client, PASSWORD, remote=PROXY, forwarded=CLIENT_B, user=teacher).status_code == 302
    )


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        (PROXY, CLIENT_A, CLIENT_A),
        # The client wrote the left part itself; the proxy appended what it saw.
        (PROXY, f"1.1.1.1, {CLIENT_A}", CLIENT_A),
        # Two of our proxies in a row: the right-most address that is not ours.
        (PROXY, f"1.1.1.1, {CLIENT_A}, 10.0.0.9", CLIENT_A),
        (PROXY, f"{CLIENT_A}:51234", CLIENT_A),
        (PROXY, "[2001:db8::1]:443", "2001:db8::1"),
        (PROXY, "", PROXY),
        (PROXY, "not-an-address", PROXY),
        ("192.0.2.66", CLIENT_A, "192.0.2.66"),
    ],
)
def test_it_reads_the_client_address(settings, remote, forwarded, expected):
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_it_believes_no_forwarded_header_without_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = ()
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=CLIENT_A)
    assert client_ip(request) == PROXY
