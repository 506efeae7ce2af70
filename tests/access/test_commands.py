"""Operator commands of access: granting a role."""

import pytest
from django.core.management import CommandError, call_command

from vanguard.access.models import AuditEntry, Role


def test_grant_role_gives_an_office_role_and_audits_it(district):
    call_command("grant-role", "member", "office", "--org", "S1-C")
    assert Role.objects.filter(user__username="member", kind="office",
                               organization__code="S1-C").exists()
    assert AuditEntry.objects.filter(action="access.role.granted").count() == 1


def test_grant_role_refuses_an_unknown_organization(district):
    with pytest.raises(CommandError, match="existing organization"):
        call_command("grant-role", "member", "office", "--org", "NOPE")


def test_grant_role_refuses_an_unknown_account(district):
    with pytest.raises(CommandError, match="no account"):
        call_command("grant-role", "nobody", "admin")
