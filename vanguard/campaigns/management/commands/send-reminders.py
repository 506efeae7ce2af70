"""`vanguard send-reminders`: today's reminders (Celery beat runs this every morning)."""

from django.core.management.base import BaseCommand

from vanguard.campaigns.services.reminders import send_reminders


class Command(BaseCommand):
    help = "Remind everyone whose open-phase tasks are due within 3 days or overdue."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_reminders()} people reminded")
