"""`vanguard export-roster`: write an organization's roster to an .xlsx file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vanguard.people.errors import PeopleError
from vanguard.people.models import Organization
from vanguard.people.services import export_roster


class Command(BaseCommand):
    help = ("Write the roster of an organization's subtree (members, activists and the "
            "school's other people) to an .xlsx file that import-roster reads back. Runs as "
            "the system (audited as 'system').")

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, metavar="CODE",
                            help="code of the organization")
        parser.add_argument("-o", "--output", required=True, metavar="PATH",
                            help="the .xlsx file to write")
        parser.add_argument("--with-id-numbers", action="store_true",
                            help="include the 身份证号码 column (personal data: keep it safe)")

    def handle(self, *args, org: str, output: str, with_id_numbers: bool, **options):
        organization = Organization.objects.filter(code=org).first()
        if organization is None:
            raise CommandError(f"There is no organization with the code {org!r}.")
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"The folder does not exist: {path.parent}")
        try:
            exported = export_roster(actor=None, organization=organization,
                                     include_id_numbers=with_id_numbers)
            path.write_bytes(exported.content)
        except PeopleError as exc:
            raise CommandError(exc.text) from None
        except OSError as exc:
            raise CommandError(f"Could not write {path}: {exc.strerror}") from None
        if with_id_numbers:
            path.chmod(0o600)
        self.stdout.write(f"{exported.rows} people written to {path}")
