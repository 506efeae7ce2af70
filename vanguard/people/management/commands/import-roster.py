"""`vanguard import-roster`: import a roster file for an organization as the platform itself."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vanguard.people.errors import PeopleError
from vanguard.people.models import Organization
from vanguard.people.roster.records import ImportResult
from vanguard.people.roster.writing import passwords_workbook
from vanguard.people.services import import_roster


class Command(BaseCommand):
    help = ("Import a roster (.xlsx or .csv) into an organization's subtree. Every row is "
            "checked first; nothing is written unless every row is accepted. Runs as the "
            "system (audited as 'system').")

    def add_arguments(self, parser):
        parser.add_argument("path", help="the roster file")
        parser.add_argument("--org", required=True, metavar="CODE",
                            help="code of the organization the roster belongs to")
        parser.add_argument("--dry-run", action="store_true",
                            help="check the file and report; write nothing")
        parser.add_argument("--passwords", metavar="OUT.xlsx",
                            help="where to write the initial passwords of new accounts; "
                                 "required when the import creates accounts")

    def handle(self, *args, path: str, org: str, dry_run: bool, passwords: str | None,
               **options):
        organization = Organization.objects.filter(code=org).first()
        if organization is None:
            raise CommandError(f"There is no organization with the code {org!r}.")
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"There is no file at {path}.")
        out = _passwords_path(passwords)
        try:
            result = self._run(organization, source, dry_run, out)
        except PeopleError as exc:
            raise CommandError(f"{source.name}: {exc.text}") from None
        for problem in result.problems:
            self.stdout.write(f"row {problem.row}: {'; '.join(problem.reasons)}")
        for skipped in result.skipped_accounts:
            self.stdout.write(f"row {skipped.row}: no account for {skipped.name}: "
                              f"{skipped.reason}")
        if result.ok:
            verb = "would be" if dry_run else "were"
            self.stdout.write(f"{result.created} people {verb} created, {result.updated} "
                              f"updated, {result.unchanged} unchanged; "
                              f"{len(result.accounts)} accounts {verb} created")
            if result.accounts and out:
                self.stdout.write(f"initial passwords written to {out}")
        self.stdout.write(f"{result.rows_ok} rows ok, {result.rows_with_errors} rows with errors")
        if not result.ok:
            raise CommandError(f"{result.rows_with_errors} rows with errors; nothing was "
                               f"imported.")

    def _run(self, organization, source: Path, dry_run: bool, out: Path | None) -> ImportResult:
        if dry_run:
            return import_roster(actor=None, organization=organization, path_or_file=source,
                                 dry_run=True)
        # The passwords file is written inside the transaction: if it cannot be written the
        # accounts are not created either, so no password is ever lost.
        with transaction.atomic():
            result = import_roster(actor=None, organization=organization,
                                   path_or_file=source)
            if result.written and result.accounts:
                if out is None:
                    raise CommandError(
                        f"This import creates {len(result.accounts)} accounts; give "
                        f"--passwords OUT.xlsx to keep their initial passwords. Nothing was "
                        f"imported.")
                _write(out, passwords_workbook(result.accounts))
        return result


def _passwords_path(value: str | None) -> Path | None:
    if not value:
        return None
    path = Path(value)
    if not path.parent.is_dir():
        raise CommandError(f"The folder for --passwords does not exist: {path.parent}")
    return path


def _write(path: Path, content: bytes) -> None:
    try:
        path.write_bytes(content)
        path.chmod(0o600)  # it holds passwords
    except OSError as exc:
        raise CommandError(f"Could not write the passwords to {path}: {exc.strerror}") \
            from None
