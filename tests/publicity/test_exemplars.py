"""Exemplars: who runs an organization nominates one of its members; an office, never the
nominator, approves or declines (four eyes); only an approved exemplar is published."""

import pytest
from django.urls import reverse

from tests.publicity.support import approved_exemplar, nominate, s1
from vanguard.access.models import AuditEntry
from vanguard.publicity.errors import PublicityError
from vanguard.publicity.models import Exemplar
from vanguard.publicity.services import exemplars

pytestmark = pytest.mark.django_db


def test_secretary_nominates_a_member_of_the_branch(launched, district):
    exemplar = nominate(launched, district)
    assert exemplar.status == Exemplar.Status.NOMINATED
    assert exemplar.nominated_by == district.users["secretary"]
    assert AuditEntry.objects.filter(action="publicity.exemplar.nominated").count() == 1


def test_member_of_another_branch_cannot_be_nominated_there(launched, district):
    with pytest.raises(PublicityError) as exc:
        nominate(launched, district, person=s1(district).members[0])
    assert exc.value.code == "person"
    assert Exemplar.objects.count() == 0


def test_same_person_is_nominated_once(launched, district):
    nominate(launched, district)
    with pytest.raises(PublicityError) as exc:
        nominate(launched, district, user="office")
    assert exc.value.code == "duplicate"
    assert Exemplar.objects.count() == 1


@pytest.mark.parametrize("user", ["supervisor", "leader", "member", "other_office",
                                  "other_secretary"])
def test_nomination_refused_to_who_does_not_run_the_branch(launched, district, user):
    with pytest.raises(PublicityError):
        nominate(launched, district, user=user)
    assert Exemplar.objects.count() == 0


def test_nominator_cannot_approve_own_nomination(launched, district):
    exemplar = nominate(launched, district, user="office")
    with pytest.raises(PublicityError) as exc:
        exemplars.decide_exemplar(actor=district.users["office"], exemplar=exemplar,
                                  approve=True)
    assert exc.value.code == "four_eyes"
    exemplar.refresh_from_db()
    assert exemplar.status == Exemplar.Status.NOMINATED
    decided = exemplars.decide_exemplar(actor=district.users["district_office"],
                                        exemplar=exemplar, approve=True)
    assert decided.status == Exemplar.Status.APPROVED
    assert decided.decided_by == district.users["district_office"]


@pytest.mark.parametrize("user", ["secretary", "other_secretary", "leader", "supervisor",
                                  "other_office", "member"])
def test_only_an_office_above_decides(launched, district, user):
    exemplar = nominate(launched, district, user="office")
    with pytest.raises(PublicityError):
        exemplars.decide_exemplar(actor=district.users[user], exemplar=exemplar, approve=True)
    exemplar.refresh_from_db()
    assert exemplar.status == Exemplar.Status.NOMINATED


def test_declining_needs_a_reason(launched, district):
    exemplar = nominate(launched, district)
    with pytest.raises(PublicityError):
        exemplars.decide_exemplar(actor=district.users["office"], exemplar=exemplar,
                                  approve=False, reason=" ")
    declined = exemplars.decide_exemplar(actor=district.users["office"], exemplar=exemplar,
                                         approve=False, reason="事迹材料不够具体")
    assert declined.status == Exemplar.Status.DECLINED
    with pytest.raises(PublicityError) as exc:
        exemplars.decide_exemplar(actor=district.users["district_office"], exemplar=exemplar,
                                  approve=True)
    assert exc.value.code == "decided"


def test_only_an_approved_exemplar_is_published(launched, district):
    exemplar = nominate(launched, district)
    with pytest.raises(PublicityError) as exc:
        exemplars.publish_exemplar(actor=district.users["office"], exemplar=exemplar)
    assert exc.value.code == "not_approved"
    exemplar = approved_exemplar_from(exemplar, district)
    published = exemplars.publish_exemplar(actor=district.users["office"], exemplar=exemplar)
    assert published.published_at is not None
    with pytest.raises(PublicityError):
        exemplars.publish_exemplar(actor=district.users["secretary"], exemplar=exemplar)


def approved_exemplar_from(exemplar, district):
    return exemplars.decide_exemplar(actor=district.users["office"], exemplar=exemplar,
                                     approve=True)


def test_decide_through_the_page(launched, district, client):
    exemplar = nominate(launched, district)
    client.force_login(district.users["secretary"])
    page = client.get(reverse("publicity:exemplars", args=[launched.pk]))
    assert 'data-testid="decide-form"' not in page.content.decode()
    client.force_login(district.users["office"])
    page = client.get(reverse("publicity:exemplars", args=[launched.pk]))
    assert 'data-testid="decide-form"' in page.content.decode()
    client.post(reverse("publicity:exemplar_decide", args=[exemplar.pk]),
                {"decision": "approve"})
    exemplar.refresh_from_db()
    assert exemplar.status == Exemplar.Status.APPROVED


def test_nominate_through_the_page(launched, district, client):
    school = s1(district)
    client.force_login(district.users["secretary"])
    url = reverse("publicity:exemplar_nominate", args=[launched.pk])
    page = client.get(url)  # the secretary runs one branch: it is chosen already
    assert 'data-testid="nominate-form"' in page.content.decode()
    response = client.post(url, {"org": school.branches[-1].code,
                                 "person": school.members[5].pk, "deeds": "带头攻坚"})
    assert response.status_code == 302
    assert Exemplar.objects.get().person == school.members[5]


def test_approved_exemplar_fixture_is_approved(launched, district):
    assert approved_exemplar(launched, district).status == Exemplar.Status.APPROVED
