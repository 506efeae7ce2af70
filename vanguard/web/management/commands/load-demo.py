"""`vanguard load-demo`: the demo district in the seed campaign, one school in phase 2, and
the third school's pilot campaign run through to the end (vanguard/demo/pilot.py); in the
main campaign, the leading groups, a supervision group with its findings, publicity, the
calendar, a handling case, the graduates' coverage and S01's preparation survey (issue #9)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vanguard.demo.campaign import run_campaign
from vanguard.demo.coverage import run_coverage
from vanguard.demo.district import DEMO_PASSWORD, Builder, demo_logins
from vanguard.demo.guide import oversight_logins, phase_three_logins, phase_two_logins
from vanguard.demo.oversight import run_oversight
from vanguard.demo.pilot import run_pilot
from vanguard.demo.publicity import run_publicity
from vanguard.demo.school_calendar import run_calendar
from vanguard.demo.survey import run_survey
from vanguard.people.models import Organization


class Command(BaseCommand):
    help = "Load the demo district (once) and print the demo logins."

    def handle(self, *args, **options):
        if settings.SECURE:
            raise CommandError("The demo's accounts share one known password: it is not "
                               "loaded where VANGUARD_SECURE is on (a production deploy).")
        if Organization.objects.filter(code="D01").exists():
            self.stdout.write("The demo district is already loaded.")
        else:
            with transaction.atomic():
                demo = Builder().build()
                campaign = run_campaign(demo)
                pilot = run_pilot(demo)
                # Last: the leading groups' office seats add office roles at the schools,
                # and the exam week must miss every meeting already scheduled.
                run_survey(demo, campaign)
                group = run_oversight(demo, campaign)
                run_publicity(demo, campaign)
                run_coverage(demo, campaign)
                run_calendar(demo, campaign)
            self.stdout.write(self.style.SUCCESS(
                f"Loaded {demo.root.name}: {len(demo.schools)} schools; campaign "
                f"“{campaign.name}”: {demo.schools[0][0].name} is in its second phase, "
                f"{demo.schools[1][0].name} in its first. The pilot “{pilot.name}” at "
                f"{demo.schools[2][0].name} has been through all three phases. The "
                f"supervision group “{group.name}” has {group.findings.count()} findings."))
        self.stdout.write(f"\nDemo logins (the password of each is {DEMO_PASSWORD}):")
        for label, login, where in demo_logins():
            self.stdout.write(f"  {label:<18} {login:<13} {where}")
        guide = phase_two_logins()
        if guide:
            self.stdout.write("\nPhase 2 (分析评议) in the first school: who sees what")
            for what, login, address in guide:
                self.stdout.write(f"  {what:<24} {login:<13} {address}")
        guide = phase_three_logins()
        if guide:
            self.stdout.write("\nThe pilot school through to the end (phase 3, 整改提高): "
                              "who sees what")
            for what, login, address in guide:
                self.stdout.write(f"  {what:<24} {login:<13} {address}")
        guide = oversight_logins()
        if guide:
            self.stdout.write("\nLeadership, supervision and coverage (main campaign): "
                              "who sees what")
            for what, login, address in guide:
                self.stdout.write(f"  {what:<24} {login:<13} {address}")
        self.stdout.write("\nOpen http://127.0.0.1:8000/ and log in with one of them.")
