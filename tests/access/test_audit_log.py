"""The audit log is append-only, and the admin reads it, filtered by action, at a fixed cost."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vanguard.access import audit
from vanguard.access.models import AuditEntry

# Measured: 9 (session, user, roles, count, person, the page, the session save in a savepoint).
AUDIT_PAGE_QUERIES = 12


@pytest.fixture
def entry(db):
    return audit.record(actor=None, action="campaigns.plan.approved",
                        changes={"status": ["submitted", "approved"]})


def test_an_entry_cannot_be_changed(entry):
    entry.action = "campaigns.plan.returned"
    with pytest.raises(PermissionError):
        entry.save()
    assert AuditEntry.objects.get(pk=entry.pk).action == "campaigns.plan.approved"


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(PermissionError):
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_entries_cannot_be_deleted_in_bulk(entry):
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.count() == 1


def test_entries_cannot_be_updated_in_bulk(entry):
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(outcome="failure")
    # bulk_update runs inside its own atomic block: a savepoint keeps the test's transaction.
    with pytest.raises(PermissionError), transaction.atomic():
        AuditEntry.objects.bulk_update([entry], ["outcome"])
    assert AuditEntry.objects.get(pk=entry.pk).outcome == "success"


def write_entries(n_plans: int, n_logins: int) -> None:
    for i in range(n_plans):
        audit.record(actor=None, action="campaigns.plan.submitted",
                     changes={"n": [None, i]})
    for _ in range(n_logins):
        audit.record(actor=None, actor_label="anonymous", action="access.login_failed",
                     outcome="failure", address="10.0.0.9")


def test_the_admin_reads_the_entries(client, district):
    write_entries(2, 1)
    client.force_login(district.users["admin"])
    response = client.get(reverse("access:audit"))
    assert response.status_code == 200
    actions = [e.action for e in response.context["page"]]
    assert actions.count("campaigns.plan.submitted") == 2
    assert "access.login_failed" in actions
    assert "10.0.0.9" in response.content.decode()


def test_the_log_filters_by_action_prefix(client, district):
    write_entries(2, 3)
    client.force_login(district.users["admin"])  # itself writes "access.login"
    response = client.get(reverse("access:audit"), {"action": "campaigns."})
    assert {e.action for e in response.context["page"]} == {"campaigns.plan.submitted"}
    assert response.context["page"].paginator.count == 2
    response = client.get(reverse("access:audit"), {"action": "access.login_failed"})
    assert response.context["page"].paginator.count == 3


@pytest.mark.parametrize("role", ["district_office", "office", "supervisor", "secretary"])
def test_no_one_but_the_admin_reads_the_log(client, district, role):
    client.force_login(district.users[role])
    assert client.get(reverse("access:audit")).status_code == 403


def test_the_log_page_costs_the_same_with_few_or_many_entries(client, district,
                                                             django_assert_max_num_queries):
    client.force_login(district.users["admin"])
    write_entries(3, 2)
    client.get(reverse("access:audit"))  # warm the session
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("access:audit"))
    write_entries(60, 60)  # more than two pages
    with django_assert_max_num_queries(AUDIT_PAGE_QUERIES), \
            CaptureQueriesContext(connection) as many:
        assert client.get(reverse("access:audit"), {"page": 2}).status_code == 200
    assert len(many) == len(few)
