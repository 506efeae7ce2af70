"""Records registered as anonymous are audited without naming who gave them."""

import pytest

from vanguard.access import audit
from vanguard.access.models import AuditEntry
from vanguard.people.models import Department


@pytest.fixture
def anonymous_departments():
    # Any model will do to prove the mechanism; the opinion and ballot models register
    # themselves the same way.
    audit.register_anonymous(Department)
    yield
    audit.ANONYMOUS_MODELS.discard(Department._meta.label_lower)


def test_an_entry_for_an_anonymous_record_names_no_person(anonymous_departments, district):
    department = Department.objects.first()
    audit.record(actor=district.users["member"], action="test.given", target=department,
                 address="10.1.2.3")
    entry = AuditEntry.objects.get(action="test.given")
    assert (entry.actor_id, entry.actor_label, entry.address) == (None, "anonymous", None)


def test_no_audit_row_for_an_anonymous_model_links_to_a_person(anonymous_departments,
                                                               district):
    for department in Department.objects.all():
        audit.record(actor=district.users["office"], action="test.given", target=department)
    rows = AuditEntry.objects.filter(target_type__in=audit.ANONYMOUS_MODELS)
    assert rows.exists()
    assert not rows.filter(actor__isnull=False).exists()
    assert not rows.exclude(address__isnull=True).exists()
