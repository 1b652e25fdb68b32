"""A real OpenID Provider on loopback (leadership/sso/devprovider/provider.mjs), and helpers.

`oidc_provider(mode)` starts one `oidc-provider` process per mode for the whole session:
"" behaves, "wrong-issuer", "bad-signature" and "slow-token" misbehave (see provider.mjs).
Its users are the test cast, plus people the cast does not have: a stranger in Maple Grove's
domain, and a second address of the teacher's for linking. The Django test client plays
Deep Bench's side; `through_provider` plays the browser at the provider, over real HTTP.
"""

import pytest
from cryptography.fernet import Fernet

from leadership.sso import devprovider
from leadership.sso.tests.helpers import CLIENT_ID, CLIENT_SECRET, idp_users, redirect_uris


@pytest.fixture(autouse=True)
def _encryption_key(settings):
    settings.SSO_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]


@pytest.fixture(scope="session")
def _providers():
    started = {}
    yield started
    for provider in started.values():
        provider.stop()


def _start(started, key, base, mode):
    if key not in started:
        try:
            started[key] = devprovider.start(
                clients=[
                    {
                        "client_id": CLIENT_ID,
                        "client_secret": CLIENT_SECRET,
                        "redirect_uris": redirect_uris(base),
                    }
                ],
                users=idp_users(),
                id_token_ttl=1 if mode == "slow-token" else 600,
                misbehave=mode,
            )
        except devprovider.ProviderFailed as exc:
            pytest.fail(str(exc), pytrace=False)
    return started[key]


@pytest.fixture
def oidc_provider(_providers):
    """`oidc_provider(mode="")`: a provider whose client redirects to http://testserver."""
    return lambda mode="": _start(_providers, ("testserver", mode), "http://testserver", mode)
