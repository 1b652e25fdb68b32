from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def encryption_key_check(app_configs, **kwargs):
    """Production needs its own key for the districts' client secrets."""
    if settings.SSO_ENCRYPTION_KEYS:
        return []
    return [
        Warning(
            "SSO_ENCRYPTION_KEY is not set: districts cannot store the client secret of a "
            "sign-in provider.",
            hint='Set SSO_ENCRYPTION_KEY to the output of `python -c "from '
            'cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`.',
            id="sso.W001",
        )
    ]
