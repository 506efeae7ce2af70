"""`vanguard bench-data --scale school|district|city`: fill an empty database with a generated
school, district or city twenty days into the seed campaign (bulk inserts, COPY on PostgreSQL)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from vanguard.people.models import Organization


class Command(BaseCommand):
    help = "Generate benchmark data at a scale (school, district, city) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=["school", "district", "city"], default="school")
        parser.add_argument("--seed", type=int, default=2005)
        parser.add_argument("--no-check", action="store_true",
                            help="skip comparing the roll-up with the tasks afterwards")

    def handle(self, *args, scale, seed, no_check, **options):
        try:
            from bench.generate import PASSWORD, generate
        except ImportError:
            raise CommandError("The bench package is not importable: run from the project's "
                               "checkout (pip install -e .).") from None
        if settings.SECURE:
            raise CommandError("Generated accounts share one known password: bench data is "
                               "not loaded where VANGUARD_SECURE is on.")
        if Organization.objects.exists():
            raise CommandError("The database already holds an organization tree; bench data "
                               "goes into an empty, migrated database.")
        self.stdout.write(f"Generating the {scale} scale …")
        result = generate(scale, seed=seed, log=self.stdout.write)
        for label, rows in sorted(result.rows.items()):
            self.stdout.write(f"  {label:<32} {rows:>10,}")
        self.stdout.write(self.style.SUCCESS(
            f"{scale}: {sum(result.rows.values()):,} rows in {result.seconds:.0f} s; every "
            f"account's password is {PASSWORD}."))
        if not no_check:
            call_command("check-rollups", stdout=self.stdout)
