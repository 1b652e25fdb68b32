"""X-Forwarded-Proto is believed only from a proxy in TRUSTED_PROXIES: a client that reaches
gunicorn directly cannot pass plain http off as https."""

import ipaddress

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _https_behind_a_proxy(settings):
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("10.0.0.0/24"),)
    settings.SECURE_SSL_REDIRECT = True


def _get(remote, proto="https"):
    return Client().get("/accounts/login/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_PROTO=proto)


def test_a_trusted_proxy_says_the_request_came_over_https():
    response = _get("10.0.0.7")
    assert response.status_code == 200
    assert "Sign in" in response.content.decode()


def test_anyone_else_saying_https_is_not_believed_and_is_sent_to_https():
    response = _get("203.0.113.10")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_a_trusted_proxy_saying_http_is_sent_to_https():
    assert _get("10.0.0.7", proto="http").status_code == 301
