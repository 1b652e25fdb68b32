"""Making and revoking API tokens; each audited."""

import datetime

from django.db import transaction
from django.utils import timezone

from api.models import ApiToken
from leadership.audit import audit_log


@transaction.atomic
def token_create(*, actor, district, name, scopes, expires_on):
    """A new token of `district`, usable until the end of `expires_on`. Returns (token,
    secret): the secret is never stored, so this is the only time it can be shown."""
    end = datetime.datetime.combine(expires_on, datetime.time.max)
    token, secret = ApiToken.issue(
        district=district,
        name=name,
        scopes=sorted(scopes),
        created_by=actor,
        expires_at=timezone.make_aware(end),
    )
    token.save()
    audit_log(
        district=district,
        actor=actor,
        action="api_token.create",
        obj=token,
        summary=f"{actor} made the API token “{name}” ({token.prefix})",
        after={"scopes": token.scopes, "expires_at": token.expires_at.isoformat()},
    )
    return token, secret


@transaction.atomic
def token_revoke(*, actor, token):
    """Stop a token at once; a revoked token stays listed with its log."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at:
        return token
    token.revoked_at, token.revoked_by = timezone.now(), actor
    token.save(update_fields=["revoked_at", "revoked_by"])
    audit_log(
        district=token.district,
        actor=actor,
        action="api_token.revoke",
        obj=token,
        summary=f"{actor} revoked the API token “{token.name}” ({token.prefix})",
    )
    return token
