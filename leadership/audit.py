"""Writing the audit log: one call per consequential change, inside its transaction."""

from leadership.models import AuditEvent
from leadership.text import storable


def audit_log(*, district, actor, action, obj=None, summary, before=None, after=None):
    """Append one audit event. `action` is a dotted name such as "candidate.stage".

    Text from outside (a filter, a file name) may hold a NUL, which PostgreSQL cannot store:
    control characters are dropped, so recording an action never fails because of its input.
    """
    return AuditEvent.objects.create(
        district=district,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=storable(summary)[:300],
        before=storable(before),
        after=storable(after),
    )
