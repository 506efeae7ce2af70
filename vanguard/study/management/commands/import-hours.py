"""`vanguard import-hours`: import an hours workbook for an organization as the platform itself."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vanguard.campaigns.models import Campaign
from vanguard.core.errors import VanguardError
from vanguard.people.models import Organization
from vanguard.study.services.hours_import import import_hours


def campaign_for(organization: Organization, campaign_id: int | None) -> Campaign:
    """The campaign given, or the one running campaign the organization takes part in."""
    running = Campaign.objects.filter(state=Campaign.State.RUNNING)
    if campaign_id is not None:
        campaign = Campaign.objects.filter(pk=campaign_id).first()
        if campaign is None:
            raise CommandError(f"There is no campaign {campaign_id}.")
        return campaign
    covering = [c for c in running.select_related("organization")
                if organization.path.startswith(c.organization.path)]
    if len(covering) != 1:
        names = ", ".join(f"{c.pk} ({c.name})" for c in covering) or "none"
        raise CommandError(f"Give --campaign ID: {organization.code} takes part in "
                           f"{len(covering)} running campaigns: {names}.")
    return covering[0]


class Command(BaseCommand):
    help = ("Import study hours (.xlsx or .csv with 党支部, 学号/工号, 姓名, 身份, 活动名称, "
            "活动时间, 学时数) into the ledgers of an organization's members. Every row is "
            "checked first; nothing is written unless every row is accepted; rows already on "
            "the ledger are left as they are. Runs as the system (audited as 'system').")

    def add_arguments(self, parser):
        parser.add_argument("path", help="the hours file")
        parser.add_argument("--org", required=True, metavar="CODE",
                            help="code of the organization whose members the file lists")
        parser.add_argument("--campaign", type=int, metavar="ID",
                            help="the campaign (default: the one running for the organization)")
        parser.add_argument("--dry-run", action="store_true",
                            help="check the file and report; write nothing")

    def handle(self, *args, path: str, org: str, campaign: int | None, dry_run: bool,
               **options):
        organization = Organization.objects.filter(code=org).first()
        if organization is None:
            raise CommandError(f"There is no organization with the code {org!r}.")
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"There is no file at {path}.")
        chosen = campaign_for(organization, campaign)
        try:
            result = import_hours(actor=None, organization=organization, campaign=chosen,
                                  path_or_file=source, dry_run=dry_run)
        except VanguardError as exc:
            raise CommandError(f"{source.name}: {exc.text}") from None
        for problem in result.problems:
            self.stdout.write(f"row {problem.row}: {'; '.join(problem.reasons)}")
        if result.ok:
            verb = "would be" if dry_run else "were"
            self.stdout.write(f"{result.created} lines {verb} added for {result.people} "
                              f"members; {result.unchanged} rows already on the ledger")
        self.stdout.write(f"{result.rows_ok} rows ok, {result.rows_with_errors} rows with errors")
        if not result.ok:
            raise CommandError(f"{result.rows_with_errors} rows with errors; nothing was "
                               f"imported.")
