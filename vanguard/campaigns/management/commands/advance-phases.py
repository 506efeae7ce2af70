"""`vanguard advance-phases`: the calendar's step, as Celery beat runs it every 15 minutes."""

from django.core.management.base import BaseCommand

from vanguard.campaigns import services


class Command(BaseCommand):
    help = "Close finished phases whose gate passes and open the phases that are due."

    def handle(self, *args, **options):
        result = services.advance_phases()
        self.stdout.write(f"{result['closed']} phases closed, {result['opened']} opened")
