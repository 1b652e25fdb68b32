"""Import a roster file (OneRoster 1.1/1.2 zip or the Deep Bench CSV) into a district."""

import argparse
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from leadership.models import District
from pipeline.importing import run_import
from pipeline.services import roster_import_apply, roster_import_preview


class Command(BaseCommand):
    help = "Preview and apply a roster file for one district, in one transaction."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The .zip (OneRoster) or .csv (Deep Bench template).")
        parser.add_argument(
            "--district", help="The district's slug (needed when there are several)."
        )
        parser.add_argument(
            "--full-sync",
            action="store_true",
            help="The file lists everybody: deactivate the people and schools not in it "
            "(they are listed, and you confirm, before anything changes).",
        )
        # Partial was the opt-out when a full sync was the default; it is the default now.
        parser.add_argument("--partial", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="Do not ask before deactivating; --full-sync alone is the confirmation.",
        )
        parser.add_argument("--skip-bad-rows", action="store_true", help="Import the good rows.")
        parser.add_argument("--dry-run", action="store_true", help="Show the preview only.")

    def handle(self, *args, path, district, full_sync, partial, skip_bad_rows, dry_run, **options):
        if full_sync and partial:
            raise CommandError("Choose one of --full-sync and --partial.")
        target = self._district(district)
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            run = roster_import_preview(
                district=target,
                actor=None,
                file_name=file.name,
                content=file.read_bytes(),
                full_sync=full_sync,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for error in run.errors:
            self.stderr.write(f"{error['file']}, line {error['line']}: {error['reason']}")
        self.stdout.write(self._counts("Preview", run.summary))
        self._leaving(run)
        if dry_run:
            return
        confirmed = bool(run.deactivation_summary) and self._confirm(run, options["interactive"])
        try:
            roster_import_apply(
                run=run,
                actor=None,
                skip_bad_rows=skip_bad_rows,
                confirm_deactivations=confirmed,
                enqueue=False,
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        run_import(run.pk)
        run.refresh_from_db()
        if run.status != run.Status.DONE:
            raise CommandError(run.message or "The import did not finish.")
        self.stdout.write(self.style.SUCCESS(self._counts("Imported", run.summary)))

    def _leaving(self, run):
        if not run.full_sync:
            return
        if not run.deactivation_summary:
            self.stdout.write("Nobody will be deactivated.")
            return
        self.stdout.write(f"{run.deactivation_summary} will be deactivated:")
        for school in run.deactivating.get("schools", []):
            self.stdout.write(f"  school {school['name']} ({school['sourced_id']})")
        for person in run.deactivating.get("people", []):
            self.stdout.write(f"  {person['name']} <{person['email']}> ({person['sourced_id']})")

    def _confirm(self, run, interactive):
        if not interactive:
            return True
        try:
            answer = input(f"Deactivate {run.deactivation_summary}? Type yes to apply: ")
        except EOFError:
            answer = ""
        if answer.strip().lower() != "yes":
            raise CommandError("Nothing was applied.")
        return True

    def _district(self, slug):
        if slug:
            found = District.objects.filter(slug=slug).first()
            if found is None:
                raise CommandError(f"No district has the slug {slug}.")
            return found
        districts = list(District.objects.all()[:2])
        if len(districts) != 1:
            raise CommandError("Name the district with --district SLUG.")
        return districts[0]

    def _counts(self, title, counts):
        parts = [
            f"{kind}: {c['created']} created, {c['updated']} updated, "
            f"{c['deactivated']} deactivated, {c['unchanged']} unchanged"
            for kind, c in ((kind, counts[kind]) for kind in ("schools", "people"))
        ]
        return f"{title}. " + "; ".join(parts)
