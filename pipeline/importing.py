"""Running a queued roster import: one transaction for the data, progress written beside it."""

import logging

from django.db import connection, connections, transaction
from django.utils import timezone

from leadership.audit import audit_log
from pipeline import kept
from pipeline import roster as roster_module
from pipeline.models import ImportRun

logger = logging.getLogger(__name__)


class Progress:
    """Writes an import's progress where the page polling it can see it mid-transaction.

    On PostgreSQL a second connection commits each update at once; SQLite cannot write
    beside an open transaction, so there the numbers arrive with the commit.
    """

    def __init__(self, run):
        self.run = run
        self.side = None
        if connection.vendor == "postgresql":
            self.side = connections.create_connection("default")

    def __call__(self, done, total):
        if self.side is None:
            ImportRun.objects.filter(pk=self.run.pk).update(done=done, total=total)
            return
        with self.side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {ImportRun._meta.db_table} SET done = %s, total = %s WHERE id = %s",
                [done, total, self.run.pk],
            )

    def close(self):
        if self.side is not None:
            self.side.close()


def _check_previewed(run, leaving):
    """Raise RosterError (undoing the import) if it deactivated anyone its preview did not show:
    the district changed since the preview, and nobody confirmed deactivating them."""
    for kind, nouns in (("people", ("person", "people")), ("schools", ("school", "schools"))):
        shown = {row["sourced_id"] for row in run.deactivating.get(kind, [])}
        unseen = [row["name"] for row in leaving[kind] if row["sourced_id"] not in shown]
        if unseen:
            raise roster_module.RosterError(
                f"since the preview, applying it would also deactivate {len(unseen)} "
                f"{nouns[len(unseen) != 1]} the preview did not show ({', '.join(unseen[:5])}"
                f"{', …' if len(unseen) > 5 else ''}). Upload the file again to see a new preview."
            )


def run_import(run_id):
    claimed = ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).update(
        status=ImportRun.Status.RUNNING, done=0
    )
    if not claimed:
        return "skipped"
    run = ImportRun.objects.select_related("district", "created_by").get(pk=run_id)
    progress = Progress(run)
    try:
        roster = roster_module.read(bytes(run.content), run.file_name)
        if roster.errors and not run.skip_bad_rows:
            raise roster_module.RosterError("The file has rows with problems.")
        with transaction.atomic():
            leaving = {}
            # Reach and nominations kept per school: counted once at the end, not once a person.
            with kept.counted_at_the_end(connection, run.district.pk):
                counts = roster_module.sync(
                    roster,
                    run.district,
                    write=True,
                    full=run.full_sync,
                    progress=progress,
                    leaving=leaving,
                )
            _check_previewed(run, leaving)
            audit_log(
                district=run.district,
                actor=run.created_by,
                action="roster.import",
                obj=run,
                summary=f"Imported {run.file_name}",
                after={"counts": counts, "skipped_rows": len(roster.errors)},
            )
    except Exception as error:  # any failure leaves the district as it was
        logger.exception("Roster import %s failed", run_id)
        run.status = ImportRun.Status.FAILED
        run.message = f"Nothing was changed: {error}"
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "message", "finished_at"])
        return "failed"
    finally:
        progress.close()
    run.status = ImportRun.Status.DONE
    run.summary = counts
    run.done = run.total = roster.size
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "summary", "done", "total", "finished_at"])
    return "done"
