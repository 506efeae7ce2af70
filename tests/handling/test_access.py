"""The register is refused to every role but its two keepers — the admin included — on every
URL, with the same 403 page whether the case exists or not; each refusal is audited as
denied and nothing else is recorded. The keepers get everything, and every look is audited."""

import re

import pytest
from django.urls import reverse

from tests.handling.support import PDF
from vanguard.access.models import AuditEntry
from vanguard.handling.models import Case, Document, Step

pytestmark = pytest.mark.django_db

REFUSAL = "Only the head of the office and the principal leader may open the handling register."
FIXTURE_ROLES = ("admin", "district_office", "office", "other_office", "secretary",
                 "other_secretary", "supervisor", "leader", "member")
NEAR_ROLES = ("office_staff", "other_principal", "district_head")


def _user(role, district, keepers):
    return district.users[role] if role in district.users else getattr(keepers, role)


def _get_urls(case):
    document = Document.objects.get(step__case=case)
    return [reverse("handling:register"), reverse("handling:case_open"),
            reverse("handling:case", args=[case.pk]),
            reverse("handling:case", args=[case.pk + 1000]),
            reverse("handling:document", args=[document.pk]),
            reverse("handling:document", args=[document.pk + 1000])]


def _counts():
    return (Case.objects.count(), Step.objects.count(), Document.objects.count(),
            Case.objects.filter(status="closed").count())


# These two keep a register of their own (S2's, the district level's): they open their own
# register and the form to open a case there, but nothing of S1's.
KEEPS_ANOTHER = {"other_principal", "district_head"}


@pytest.mark.parametrize("role", FIXTURE_ROLES + NEAR_ROLES)
def test_every_other_role_is_refused_on_every_url(role, district, keepers, case, client):
    user = _user(role, district, keepers)
    client.force_login(user)
    before, audited = _counts(), AuditEntry.objects.count()
    name = case.member.person.name
    urls = _get_urls(case)
    own = urls[:2] if role in KEEPS_ANOTHER else []
    for url in urls:
        response = client.get(url)
        assert response.status_code == (200 if url in own else 403), url
        assert name not in response.content.decode()
        if url not in own:
            assert REFUSAL in response.content.decode()
    posts = [
        (reverse("handling:case_open"), {"member": case.member.pk, "kind": "education",
                                         "opened_on": "2020-01-01", "grounds": "x"}),
        (reverse("handling:step_add", args=[case.pk]), {"kind": "talk",
                                                         "happened_on": "2020-01-01",
                                                         "text": "x"}),
        (reverse("handling:case_close", args=[case.pk]), {"closed_on": "2020-01-01",
                                                           "outcome": "x"}),
        (reverse("handling:step_add", args=[case.pk + 1000]), {}),
    ]
    for index, (url, data) in enumerate(posts):
        response = client.post(url, data)
        if index == 0 and role in KEEPS_ANOTHER:
            # S1's member is not among the members they may choose.
            assert response.status_code == 200
            assert "Select a valid choice" in response.content.decode()
        else:
            assert response.status_code == 403, url
            assert REFUSAL in response.content.decode()
    assert _counts() == before
    new_entries = list(AuditEntry.objects.filter(pk__gt=0).order_by("id")[audited:])
    assert {e.actor_id for e in new_entries} == {user.pk}
    successes = [e.action for e in new_entries if e.outcome == "success"]
    assert successes == (["handling.register.viewed"] if role in KEEPS_ANOTHER else [])
    denied = [e for e in new_entries if e.outcome == "denied"]
    assert {e.target_id for e in denied} == {""}
    assert len(denied) == len(urls) + len(posts) - (3 if role in KEEPS_ANOTHER else 0)


def test_same_refusal_whether_the_case_exists_or_not(district, keepers, case, client):
    client.force_login(district.users["admin"])
    existing = client.get(reverse("handling:case", args=[case.pk]))
    missing = client.get(reverse("handling:case", args=[case.pk + 1000]))
    assert existing.status_code == missing.status_code == 403
    assert _plain(existing) == _plain(missing)


def _plain(response) -> str:
    """The page without its per-response tokens (CSP nonce, CSRF token)."""
    return re.sub(r'(nonce|value)="[^"]*"', "", response.content.decode())


def test_anonymous_goes_to_the_login_page_and_nothing_is_recorded(case, client):
    before = AuditEntry.objects.count()
    response = client.get(reverse("handling:case", args=[case.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("keeper", ["office_head", "principal"])
def test_keepers_open_register_case_and_document_each_view_audited(keeper, keepers, case,
                                                                   client):
    user = getattr(keepers, keeper)
    client.force_login(user)
    document = Document.objects.get(step__case=case)
    name = case.member.person.name
    views = AuditEntry.objects.filter(actor=user, outcome="success")

    response = client.get(reverse("handling:register"))
    assert response.status_code == 200 and name in response.content.decode()
    assert views.filter(action="handling.register.viewed").count() == 1

    response = client.get(reverse("handling:register") + "?status=closed")
    assert response.status_code == 200 and name not in response.content.decode()
    assert views.filter(action="handling.register.viewed").count() == 2

    response = client.get(reverse("handling:case", args=[case.pk]))
    assert response.status_code == 200
    assert name in response.content.decode() and "处分决定.pdf" in response.content.decode()
    entry = views.get(action="handling.case.viewed")
    assert (entry.target_type, entry.target_id) == ("handling.case", str(case.pk))

    response = client.get(reverse("handling:document", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert views.filter(action="handling.document.viewed", target_id=str(document.pk)).count() == 1

    assert client.get(reverse("handling:case_open")).status_code == 200


def test_keepers_of_the_district_level_do_not_see_school_cases(keepers, case, client):
    client.force_login(keepers.district_head)
    # The district head keeps the district level's register (its own members), not S1's.
    response = client.get(reverse("handling:register"))
    assert response.status_code == 200
    assert case.member.person.name not in response.content.decode()
    assert client.get(reverse("handling:case", args=[case.pk])).status_code == 403


def test_documents_are_stored_under_a_random_name_outside_static_media(case, settings):
    document = Document.objects.get(step__case=case)
    assert "处分" not in document.file.name
    assert document.file.name.startswith(f"handling/{case.pk}/")
    assert document.file.path.startswith(str(settings.MEDIA_ROOT))


def test_audit_entries_name_nobody_and_hold_no_texts(case, keepers, client):
    client.force_login(keepers.office_head)
    client.get(reverse("handling:case", args=[case.pk]))
    name = case.member.person.name
    for entry in AuditEntry.objects.filter(action__startswith="handling."):
        flat = f"{entry.target_label} {entry.changes}"
        assert name not in flat
        assert "礼金" not in flat and "谈话" not in flat and "处分决定" not in flat
