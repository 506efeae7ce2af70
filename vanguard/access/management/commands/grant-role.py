"""`vanguard grant-role LOGIN KIND [--org CODE]`: give an account a role at a node of the tree."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from vanguard.access import audit
from vanguard.access.models import Role, User
from vanguard.people.models import Organization


class Command(BaseCommand):
    help = "Give an account a role (admin needs no --org; every other role does)."

    def add_arguments(self, parser):
        parser.add_argument("login")
        parser.add_argument("kind", choices=Role.Kind.values)
        parser.add_argument("--org", default="", help="organization code")

    @transaction.atomic
    def handle(self, *args, login, kind, org, **options):
        user = User.objects.filter(username=login).first()
        if user is None:
            raise CommandError(f"There is no account {login!r}.")
        organization = None
        if kind != Role.Kind.ADMIN:
            organization = Organization.objects.filter(code=org).first()
            if organization is None:
                raise CommandError(f"Give --org with the code of an existing organization "
                                   f"(got {org!r}).")
        role, created = Role.objects.get_or_create(user=user, kind=kind,
                                                   organization=organization)
        if created:
            audit.record(actor=None, action="access.role.granted", target=role,
                         changes={"role": [None, str(role)]})
        self.stdout.write(f"{login}: {role}" + ("" if created else " (already held)"))
