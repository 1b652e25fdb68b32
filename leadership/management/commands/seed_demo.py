from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each app adds its demo content; every seeder is idempotent and runs in this order.
SEEDERS = [
    "leadership.demo.seed",
    "portrait.demo.seed",
    "programs.demo.seed",
    "leadership.demo_pipeline.seed",
    "opportunities.demo.seed",
]


class Command(BaseCommand):
    help = "Create the demo districts, people and content. Running it again changes nothing."

    def handle(self, *args, **options):
        with transaction.atomic():
            for path in SEEDERS:
                import_string(path)()
        self.stdout.write(
            self.style.SUCCESS("Demo data is ready. Sign-ins (password deepbench-demo):")
        )
        for email, role in [
            ("admin@lakeview.test", "district administrator, Lakeview"),
            ("principal@lakeview.test", "principal, Lakeview Middle School"),
            ("teacher@lakeview.test", "teacher, Lakeview Middle School"),
            ("coach@lakeview.test", "coach, Lakeview"),
            ("admin@riverside.test", "district administrator, Riverside"),
        ]:
            self.stdout.write(f"  {email:28} {role}")
