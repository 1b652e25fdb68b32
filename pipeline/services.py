"""Pipeline workflows: each one atomic, checked, recorded in the history and the audit log."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from leadership.audit import audit_log
from pipeline import roster as roster_module
from pipeline.models import Candidate, CandidateChange, ImportRun, Readiness, Stage
from pipeline.tasks import import_roster


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
        audit_log(
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


def roster_import_preview(*, district, actor, file_name, content, full_sync):
    """Read a roster file and keep it with its preview: what would change, and every bad row.

    Raises ValidationError when the file as a whole cannot be read. Writes only the ImportRun.
    """
    try:
        roster = roster_module.read(content, file_name)
    except roster_module.RosterError as error:
        raise ValidationError(str(error)) from error
    leaving = {}
    counts = roster_module.sync(roster, district, write=False, full=full_sync, leaving=leaving)
    return ImportRun.objects.create(
        district=district,
        created_by=actor,
        file_name=file_name[:255],
        file_sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        format=roster.format,
        version=roster.version,
        full_sync=full_sync,
        total=roster.size,
        summary=counts,
        errors=roster.errors,
        deactivating=leaving,
    )


@transaction.atomic
def roster_import_apply(*, run, actor, skip_bad_rows, confirm_deactivations=False, enqueue=True):
    """Queue a previewed import. A file with bad rows needs `skip_bad_rows`; a full sync that
    deactivates anybody needs `confirm_deactivations` (given after seeing who).

    `enqueue=False` leaves running it to the caller (the management command runs it inline).
    """
    run = ImportRun.objects.select_for_update().defer("content").get(pk=run.pk)
    if run.status != ImportRun.Status.PREVIEWED:
        raise ValidationError("This import has already been started.")
    if run.errors and not skip_bad_rows:
        raise ValidationError(
            "The file has rows with problems. Fix them and upload it again, "
            "or choose to skip the bad rows."
        )
    leaving = run.deactivation_counts
    if run.deactivation_summary and not confirm_deactivations:
        raise ValidationError(
            f"Nothing was applied: confirm that {run.deactivation_summary} "
            "will be deactivated, or upload the file again without deactivating anybody."
        )
    run.status = ImportRun.Status.QUEUED
    run.skip_bad_rows = skip_bad_rows
    run.save(update_fields=["status", "skip_bad_rows"])
    audit_log(
        district=run.district,
        actor=actor,
        action="roster.import_started",
        obj=run,
        summary=f"Started importing {run.file_name}",
        after={
            "file": run.file_name,
            "sha256": run.file_sha256,
            "preview": run.summary,
            "confirmed_deactivations": leaving,
        },
    )
    if enqueue:
        transaction.on_commit(lambda: import_roster.delay(run.pk))
    return run


def candidate_from_approved_nomination(sender, nomination, actor, note, **kwargs):
    """An approved nominee is in development: create or move their candidacy, with history.

    Connected to programs.signals.nomination_approved (pipeline/apps.py); runs inside the
    decision's transaction."""
    candidate, created = Candidate.objects.select_for_update().get_or_create(
        district_id=nomination.district_id,
        user=nomination.nominee,
        defaults={
            "school": nomination.school,
            "target_level": nomination.program.target_level,
            "stage": Stage.IN_DEVELOPMENT,
            "sponsor": nomination.nominated_by if not nomination.is_self_nomination else None,
        },
    )
    old = "" if created else candidate.stage
    if not created and candidate.stage == Stage.IN_DEVELOPMENT:
        return candidate
    if not created:
        candidate.stage = Stage.IN_DEVELOPMENT
        candidate.save(update_fields=["stage", "updated_at"])
    why = f"Approved for {nomination.program.name}" + (f": {note}" if note else "")
    CandidateChange.objects.create(
        candidate=candidate,
        field=CandidateChange.Field.STAGE,
        old_value=old,
        new_value=Stage.IN_DEVELOPMENT,
        note=why,
        changed_by=actor,
    )
    audit_log(
        district=nomination.district,
        actor=actor,
        action="candidate.stage",
        obj=candidate,
        summary=f"{candidate.user} moved to In development ({nomination.program.name})",
        before={"stage": old} if old else None,
        after={"stage": Stage.IN_DEVELOPMENT},
    )
    return candidate
