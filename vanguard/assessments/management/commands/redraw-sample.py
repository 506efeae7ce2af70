"""`vanguard redraw-sample <assessment id>`: recompute the roster's digest and draw the sample
again from its recorded seed, and say whether both match the record."""

from django.core.management.base import BaseCommand, CommandError

from vanguard.assessments.models import Assessment
from vanguard.assessments.services.sampling import canonical_listing, check_sample, frame_of
from vanguard.core.errors import VanguardError


class Command(BaseCommand):
    help = "Draw an assessment's sample again from its seed and compare it with the record."

    def add_arguments(self, parser):
        parser.add_argument("assessment", type=int, help="the assessment's id")
        parser.add_argument("--listing", action="store_true",
                            help="also print the canonical roster listing that is hashed")

    def handle(self, *args, assessment, listing, **options):
        record = Assessment.objects.select_related("organization", "activity") \
            .filter(pk=assessment).first()
        if record is None:
            raise CommandError(f"no assessment {assessment}")
        try:
            check = check_sample(record)
        except VanguardError as exc:
            raise CommandError(exc.text) from None
        self.stdout.write(f"assessment {record.pk} ({record.organization}), round {record.round}")
        self.stdout.write(f"seed               {check.seed}")
        self.stdout.write(f"roster recorded    {check.recorded_digest}")
        self.stdout.write(f"roster now         {check.digest}")
        for group, population in check.populations.items():
            self.stdout.write(f"{group:<10} roster {population:>6}  sample "
                              f"{check.sizes.get(group, '-'):>6}")
        if listing:
            self.stdout.write(canonical_listing(frame_of(record)))
        if check.problem:
            raise CommandError(check.problem)
        if not check.digest_matches:
            raise CommandError("the roster has changed since the draw: the digests differ")
        if not check.persons_match:
            raise CommandError("drawing again gives other people than those on record")
        self.stdout.write("the roster matches and drawing again gives the same people")
