"""`vanguard export-hours`: write an organization's hours ledger to an .xlsx file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vanguard.campaigns.models import Campaign
from vanguard.core.errors import VanguardError
from vanguard.people.models import Organization
from vanguard.study.services.hours_export import export_hours


class Command(BaseCommand):
    help = ("Write every hours ledger line of an organization's subtree to an .xlsx file in the "
            "layout import-hours reads back (党支部, 学号/工号, 姓名, 身份, 活动名称, 活动时间, "
            "学时数). Runs as the system (audited as 'system').")

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, metavar="CODE",
                            help="code of the organization")
        parser.add_argument("-o", "--output", required=True, metavar="PATH",
                            help="the .xlsx file to write")
        parser.add_argument("--campaign", type=int, metavar="ID",
                            help="only this campaign's lines (default: every campaign)")

    def handle(self, *args, org: str, output: str, campaign: int | None, **options):
        organization = Organization.objects.filter(code=org).first()
        if organization is None:
            raise CommandError(f"There is no organization with the code {org!r}.")
        chosen = None
        if campaign is not None:
            chosen = Campaign.objects.filter(pk=campaign).first()
            if chosen is None:
                raise CommandError(f"There is no campaign {campaign}.")
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"The folder does not exist: {path.parent}")
        try:
            exported = export_hours(actor=None, organization=organization, campaign=chosen)
            path.write_bytes(exported.content)
        except VanguardError as exc:
            raise CommandError(exc.text) from None
        except OSError as exc:
            raise CommandError(f"Could not write {path}: {exc.strerror}") from None
        path.chmod(0o600)  # names and hours of members: personal data
        self.stdout.write(f"{exported.rows} lines written to {path}")
