"""Create a framework in a district from a 1EdTech CASE 1.0 or 1.1 JSON package."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from leadership.models import District
from leadership.words import counted
from portrait.case import CaseError, import_package


class Command(BaseCommand):
    help = "Import a CASE JSON package as a new framework of the district."

    def add_arguments(self, parser):
        parser.add_argument("path", help="The CASE package (.json).")
        parser.add_argument("--district", required=True, help="The district's slug.")
        parser.add_argument(
            "--current", action="store_true", help="Make it the district's current framework."
        )

    def handle(self, *args, path, district, current, **options):
        found = District.objects.filter(slug=district).first()
        if found is None:
            raise CommandError(f"No district has the slug {district}.")
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path} is not a file.")
        try:
            framework = import_package(file.read_bytes(), district=found, make_current=current)
        except CaseError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {framework.name} with "
                f"{counted(framework.attributes.count(), 'attribute')}."
            )
        )
