"""Client secrets are stored encrypted (Fernet) with a key that lives in the environment.

SSO_ENCRYPTION_KEY holds one Fernet key, or several separated by commas to rotate: the
first encrypts, every one of them decrypts. Unset on a laptop (DEBUG), a key is derived
from SECRET_KEY and a warning says so; unset in production, no secret can be stored or
read, and `check --deploy` says so (leadership/sso/checks.py).
"""

import base64
import hashlib
import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

logger = logging.getLogger(__name__)


class NoKey(Exception):
    """No SSO_ENCRYPTION_KEY in production: secrets can be neither stored nor read."""


class Unreadable(Exception):
    """A stored secret does not decrypt with any key given (the key changed)."""


def laptop_key():
    digest = hashlib.sha256(f"deep-bench-sso:{settings.SECRET_KEY}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()


def _keys():
    keys = list(settings.SSO_ENCRYPTION_KEYS)
    if keys:
        return keys
    if settings.DEBUG:
        logger.warning(
            "SSO_ENCRYPTION_KEY is not set: client secrets are encrypted with a key derived "
            "from SECRET_KEY. That is for a laptop only; set SSO_ENCRYPTION_KEY in production."
        )
        return [laptop_key()]
    raise NoKey("SSO_ENCRYPTION_KEY is not set.")


def _fernet():
    return MultiFernet([Fernet(key.encode()) for key in _keys()])


def key_available():
    try:
        _keys()
    except NoKey:
        return False
    return True


def encrypt(plain):
    return _fernet().encrypt(plain.encode()).decode()


def decrypt(token):
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise Unreadable("The secret does not decrypt with SSO_ENCRYPTION_KEY.") from exc
