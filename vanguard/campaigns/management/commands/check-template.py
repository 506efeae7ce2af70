"""`vanguard check-template`: validate campaign template files before they are used."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from vanguard.campaigns import builtin
from vanguard.campaigns.template_spec import TemplateError, TemplateSpec


class Command(BaseCommand):
    help = ("Check campaign template files (YAML): print a summary of each valid one, or each "
            "problem as PATH:LINE: field: message. Exits non-zero if any file has a problem.")
    # Reading files needs neither the database nor the project's system checks.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="template files to check")
        parser.add_argument("--builtin", action="store_true", dest="include_builtin",
                            help="also check the templates shipped with Vanguard")

    def handle(self, *args, paths, include_builtin: bool, **options):
        files = [Path(p) for p in paths]
        if include_builtin:
            files += sorted(builtin.TEMPLATE_DIR.glob("*.yaml"))
        if not files:
            raise CommandError("Give one or more template files, or --builtin.")
        failed = 0
        for path in files:
            shown = _shown(path)
            result = check_file(path)
            if isinstance(result, TemplateSpec):
                self.stdout.write(f"{shown}: ok ({summary(result)})")
                continue
            failed += 1
            for line, field, message in result:
                where = f"{shown}:{line}" if line else shown
                self.stdout.write(f"{where}: {field}: {message}" if field else
                                  f"{where}: {message}")
        if failed:
            raise CommandError(f"{failed} of {len(files)} template file"
                               f"{'s' if len(files) != 1 else ''} failed the check.")


def _shown(path: Path) -> str:
    """The path as the operator would type it: relative to the working directory if inside."""
    try:
        return str(path.resolve().relative_to(Path.cwd())) if path.is_absolute() else str(path)
    except ValueError:
        return str(path)


Problem = tuple[int | None, str, str]


def check_file(path: Path) -> TemplateSpec | list[Problem]:
    """The parsed template, or the problems found: unreadable, not UTF-8, or invalid."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [(None, "", "no such file")]
    except IsADirectoryError:
        return [(None, "", "is a directory, not a template file")]
    except OSError as exc:
        return [(None, "", f"cannot be read: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return [(line, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset "
                           f"{exc.start}); save the file as UTF-8")]
    try:
        return builtin.parse(text)
    except TemplateError as exc:
        return exc.problems


def summary(spec: TemplateSpec) -> str:
    activities = sum(len(s.activities) for s in spec.phases + spec.tracks)
    return (f"{len(spec.phases)} phases, {len(spec.tracks)} tracks, {activities} activities, "
            f"{len(spec.batches)} batches, {spec.total_days} days")
