"""Changing a district's sign-in settings: one transaction, one audit event, never a secret."""

from django.db import transaction

from leadership.audit import audit_log
from leadership.sso.models import DistrictSignIn, SignInDomain, SignInProvider


def _settings_state(sign_in, domains):
    return {
        "passwords_allowed": sign_in.passwords_allowed,
        "session_hours": sign_in.session_hours,
        "help_contact": sign_in.help_contact,
        "domains": sorted(domains),
    }


def sign_in_settings_save(
    *, district, actor, passwords_allowed, session_hours, help_contact, domains
):
    """Save the district's sign-in settings and its domains; audit what changed."""
    with transaction.atomic():
        sign_in, _ = DistrictSignIn.objects.select_for_update().get_or_create(district=district)
        current = set(district.sign_in_domains.values_list("domain", flat=True))
        before = _settings_state(sign_in, current)
        sign_in.passwords_allowed = passwords_allowed
        sign_in.session_hours = session_hours
        sign_in.help_contact = help_contact
        sign_in.save()
        district.sign_in_domains.exclude(domain__in=domains).delete()
        SignInDomain.objects.bulk_create(
            [SignInDomain(district=district, domain=d) for d in domains if d not in current]
        )
        after = _settings_state(sign_in, domains)
        if before != after:
            changed = [name.replace("_", " ") for name in after if before[name] != after[name]]
            audit_log(
                district=district,
                actor=actor,
                action="sign_in.settings",
                obj=sign_in,
                summary=f"Sign-in settings changed: {', '.join(changed)}",
                before=before,
                after=after,
            )
    return sign_in


def _provider_state(row):
    return {
        "enabled": row.enabled,
        "client_id": row.client_id,
        "tenant": row.tenant,
        "issuer": row.issuer,
        "label": row.label,
    }


def provider_save(*, district, kind, actor, changes, secret=""):
    """Save one provider's settings; a non-empty `secret` replaces the stored one (encrypted).

    The audit event says that the secret changed, never what it is."""
    with transaction.atomic():
        row, _ = SignInProvider.objects.select_for_update().get_or_create(
            district=district, kind=kind
        )
        before = _provider_state(row)
        for name, value in changes.items():
            setattr(row, name, value)
        if secret:
            row.set_secret(secret)
        row.save()
        after = _provider_state(row)
        if row.enabled and not before["enabled"]:
            what = "turned on"
        elif before["enabled"] and not row.enabled:
            what = "turned off"
        else:
            what = "settings changed"
        if before != after or secret:
            after_logged = {**after, "secret": "replaced" if secret else "unchanged"}
            audit_log(
                district=district,
                actor=actor,
                action="sign_in.provider",
                obj=row,
                summary=f"Sign-in with {row.get_kind_display()}: {what}",
                before=before,
                after=after_logged,
            )
    return row


def account_unlink(*, account, actor, district):
    """Remove the link between a person and an account at a provider."""
    with transaction.atomic():
        audit_log(
            district=district,
            actor=actor,
            action="sign_in.unlink",
            obj=account,
            summary=f"{actor} unlinked an account ({account.provider})",
            before={"provider": account.provider, "uid": account.uid},
        )
        account.delete()
