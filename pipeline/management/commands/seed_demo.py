from django.core.management.base import BaseCommand
from django.db import transaction

from leadership import demo as people_demo
from leadership.sso import demo as sign_in_demo
from opportunities import demo as opportunities_demo
from pipeline import demo as pipeline_demo
from pipeline import scale as large
from pipeline.plans import demo as plans_demo
from portrait import demo as portrait_demo
from programs import demo as programs_demo

# Each app adds its demo content; every seeder is idempotent and runs in this order.
SEEDERS = [
    people_demo.seed,
    sign_in_demo.seed,
    portrait_demo.seed,
    programs_demo.seed,
    pipeline_demo.seed,
    opportunities_demo.seed,
    plans_demo.seed,
]


class Command(BaseCommand):
    help = "Create the demo districts, people and content. Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=["small", "large"],
            default="small",
            help="small: the demo districts; large: one district of 1,800 schools (benchmark).",
        )
        parser.add_argument(
            "--size-factor",
            type=float,
            default=1.0,
            help="With --scale large: multiply every count by this (0.01 for a quick try).",
        )

    def handle(self, *args, scale="small", size_factor=1.0, **options):
        if scale == "large":
            if not large.seed(factor=size_factor, out=self.stdout.write):
                self.stdout.write("The large district is already there; nothing changed.")
            self.stdout.write(f"Benchmark sign-ins (password deepbench-demo): {large.SIGN_INS}")
            return
        with transaction.atomic():
            for seed in SEEDERS:
                seed()
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
