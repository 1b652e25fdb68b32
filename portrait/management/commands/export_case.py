"""Write a district's framework as a 1EdTech CASE 1.1 JSON package."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from leadership.models import District
from portrait.case import export_json
from portrait.models import Framework


class Command(BaseCommand):
    help = "Export a district's framework (the current one unless --framework) as CASE JSON."

    def add_arguments(self, parser):
        parser.add_argument("--district", required=True, help="The district's slug.")
        parser.add_argument("--framework", type=int, help="A framework id (default: current).")
        parser.add_argument("--output", "-o", help="A file to write (default: standard output).")

    def handle(self, *args, district, framework, output, **options):
        found = District.objects.filter(slug=district).first()
        if found is None:
            raise CommandError(f"No district has the slug {district}.")
        frameworks = Framework.objects.filter(district=found).select_related("district")
        chosen = (
            frameworks.filter(pk=framework).first()
            if framework
            else frameworks.filter(is_current=True).first()
        )
        if chosen is None:
            raise CommandError("That district has no such framework.")
        text = export_json(chosen)
        if output:
            Path(output).write_text(text, encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"Wrote {chosen.name} to {output}."))
        else:
            self.stdout.write(text)
