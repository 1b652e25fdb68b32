"""Pipeline workflows: each one atomic, checked, recorded in the history and the audit log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from leadership.audit import record
from leadership.models import Candidate, CandidateChange, Readiness, Stage


@transaction.atomic
def candidate_change(*, candidate, actor, stage, readiness, note):
    """Move a candidate to a new stage and/or readiness, with the reason why.

    Raises ValidationError when nothing changes or the note is empty.
    """
    note = (note or "").strip()
    if not note:
        raise ValidationError("Write a short note saying why, so the history explains itself.")
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    changes = []
    if stage != candidate.stage:
        changes.append((CandidateChange.Field.STAGE, candidate.stage, stage))
    if readiness != candidate.readiness:
        changes.append((CandidateChange.Field.READINESS, candidate.readiness, readiness))
    if not changes:
        raise ValidationError("Nothing changed: pick a different stage or readiness.")
    now = timezone.now()
    fields = ["updated_at"]
    for field, old, new in changes:
        CandidateChange.objects.create(
            candidate=candidate,
            field=field,
            old_value=old,
            new_value=new,
            note=note,
            changed_by=actor,
            changed_at=now,
        )
        setattr(candidate, field, new)
        fields.append(field)
        labels = Stage if field == CandidateChange.Field.STAGE else Readiness
        record(
            district=candidate.district,
            actor=actor,
            action=f"candidate.{field}",
            obj=candidate,
            summary=(
                f"{candidate.user}: {field} {labels(old).label} → {labels(new).label}. {note}"
            ),
            before={field: old},
            after={field: new, "note": note},
        )
    if any(field == CandidateChange.Field.READINESS for field, _, _ in changes):
        candidate.readiness_set_by = actor
        candidate.readiness_set_at = now
        fields += ["readiness_set_by", "readiness_set_at"]
    candidate.save(update_fields=fields)
    return candidate
