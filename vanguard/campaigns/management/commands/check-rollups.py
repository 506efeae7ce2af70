"""`vanguard check-rollups [--fix]`: recount the progress roll-up from the tasks and compare."""

from django.core.management.base import BaseCommand, CommandError

from vanguard.campaigns.models import Activity, Campaign
from vanguard.campaigns.services import rollup


class Command(BaseCommand):
    help = "Compare every progress counter with a fresh count of the tasks behind it."

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="recount what differs")

    def handle(self, *args, fix, **options):
        wrong = [(c, d) for c in Campaign.objects.all() for d in rollup.differences(c)]
        for campaign, (activity, organization, counted, kept) in wrong:
            self.stdout.write(f"campaign {campaign.pk} activity {activity} organization "
                              f"{organization}: tasks say {counted}, roll-up says {kept}")
        if wrong and fix:
            for activity in Activity.objects.filter(pk__in={d[0] for _, d in wrong}) \
                    .select_related("plan", "phase"):
                rollup.refresh_activity(activity)
            self.stdout.write(f"{len(wrong)} counters recounted")
        elif wrong:
            raise CommandError(f"{len(wrong)} counters differ from the tasks (run with --fix)")
        else:
            self.stdout.write("every counter matches the tasks")
