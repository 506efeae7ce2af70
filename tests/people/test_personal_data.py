"""ID numbers and phones: encrypted at rest, masked on pages, shown in full only with the
permission, and every full view audited."""

import pytest
from django.db import connection
from django.urls import reverse

from vanguard.access.models import AuditEntry
from vanguard.people.identity import mask_id_number, mask_phone

ID = "11010519491231002X"


@pytest.fixture
def person(district):
    person = district.schools[0].members[-1]
    person.set_id_number(ID)
    person.phone = "13812345678"
    person.save()
    return person


def test_the_id_number_is_not_stored_in_clear(person):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number_encrypted, id_number_hash FROM people_person "
                       "WHERE id = %s", [person.pk])
        encrypted, keyed = cursor.fetchone()
    assert ID not in encrypted and ID not in keyed
    assert person.id_number() == ID


def test_masks_keep_only_the_ends():
    assert mask_id_number(ID) == "110***********002X"
    assert mask_phone("13812345678") == "138****5678"


def test_the_person_page_shows_masked_values(client, district, person):
    client.force_login(district.users["secretary"])
    page = client.get(reverse("people:person", args=[person.pk])).content.decode()
    assert "110***********002X" in page and ID not in page
    assert "138****5678" in page and "13812345678" not in page


def test_the_office_sees_the_full_number_and_the_view_is_audited(client, district, person):
    client.force_login(district.users["office"])
    page = client.post(reverse("people:reveal_id_number", args=[person.pk])).content.decode()
    assert ID in page
    entry = AuditEntry.objects.get(action="people.id_number.viewed")
    assert entry.actor_label == "office" and entry.target_id == str(person.pk)


@pytest.mark.parametrize("role,status", [("secretary", 403), ("supervisor", 403),
                                         ("leader", 403), ("other_office", 404)])
def test_other_roles_never_see_the_full_number(client, district, person, role, status):
    client.force_login(district.users[role])
    response = client.post(reverse("people:reveal_id_number", args=[person.pk]))
    assert response.status_code == status
    assert ID not in response.content.decode()
    assert not AuditEntry.objects.filter(action="people.id_number.viewed").exists()
