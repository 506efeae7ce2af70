"""Keeping the register: open a case, add steps with documents, close it — and bad input
(a date in the future, an empty text, a wrong file, a closed case) refused with a clear
message and nothing changed."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.handling.support import PDF, make_case, pdf
from vanguard.access.models import AuditEntry
from vanguard.core import clock
from vanguard.handling import selectors, services
from vanguard.handling.errors import HandlingError
from vanguard.handling.models import Case, Document, Step

pytestmark = pytest.mark.django_db

TODAY = clock.today


def _counts():
    return (Case.objects.count(), Step.objects.count(), Document.objects.count(),
            Case.objects.filter(status="closed").count())


def test_the_whole_procedure_through_the_pages(keepers, district, client):
    client.force_login(keepers.principal)
    member = district.schools[0].members[2].member
    response = client.post(reverse("handling:case_open"), {
        "member": member.pk, "kind": "organizational", "opened_on": str(TODAY()),
        "grounds": "长期不参加组织生活。"})
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.organization == district.schools[0].committee
    assert case.opened_by == keepers.principal and case.status == "open"
    response = client.post(reverse("handling:step_add", args=[case.pk]), {
        "kind": "discussion", "happened_on": str(TODAY()), "text": "支部大会讨论。",
        "file": pdf("会议记录.pdf")})
    assert response.status_code == 302
    step = case.steps.get()
    assert step.documents.get().file_name == "会议记录.pdf"
    response = client.post(reverse("handling:case_close", args=[case.pk]), {
        "closed_on": str(TODAY()), "measure": "correct", "outcome": "限期改正，三个月后复查。"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.measure, case.closed_by) == ("closed", "correct",
                                                           keepers.principal)
    actions = list(AuditEntry.objects.filter(action__in=(
        "handling.case.opened", "handling.step.added", "handling.case.closed"))
        .order_by("id").values_list("action", "actor_id"))
    assert actions == [("handling.case.opened", keepers.principal.pk),
                       ("handling.step.added", keepers.principal.pk),
                       ("handling.case.closed", keepers.principal.pk)]
    page = client.get(reverse("handling:case", args=[case.pk])).content.decode()
    assert "限期改正，三个月后复查。" in page and 'data-testid="step-form"' not in page


def _post_step(client, case, **data):
    return client.post(reverse("handling:step_add", args=[case.pk]),
                       {"kind": "talk", "happened_on": str(TODAY()), "text": "记录", **data})


@pytest.mark.parametrize(("data", "message"), [
    ({"happened_on": str(TODAY() + dt.timedelta(days=1))}, "cannot be in the future"),
    ({"happened_on": str(TODAY() - dt.timedelta(days=400))},
     "cannot be before the case was opened"),
    ({"text": "   "}, "Write the record of the step."),
    ({"kind": "verdict"}, "Select a valid choice"),
    ({"happened_on": "yesterday"}, "Enter a valid date"),
    ({"file": pdf("notes.pdf", b"just text, not a pdf")}, "The file must be a PDF"),
    ({"file": pdf("virus.exe", PDF)}, "The file must be a PDF"),
    ({"file": pdf("empty.pdf", b"")}, "The submitted file is empty"),
])
def test_bad_step_input_changes_nothing(data, message, keepers, case, client):
    client.force_login(keepers.office_head)
    before, files = _counts(), list(Document.objects.values_list("file", flat=True))
    response = _post_step(client, case, **data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _counts() == before
    assert list(Document.objects.values_list("file", flat=True)) == files


def test_a_file_over_the_limit_is_refused(keepers, case, client, settings):
    settings.RECTIFICATION_EVIDENCE_MAX_BYTES = 16
    client.force_login(keepers.office_head)
    before = _counts()
    response = _post_step(client, case, file=pdf("big.pdf", PDF + b"x" * 64))
    assert "The file is too big" in response.content.decode()
    assert _counts() == before


@pytest.mark.parametrize(("data", "message"), [
    ({"opened_on": str(TODAY() + dt.timedelta(days=3))}, "cannot be in the future"),
    ({"grounds": ""}, "Write why the case is opened."),
    ({"grounds": "x" * 4001}, "at most 4000 characters"),
    ({"kind": "purge"}, "Select a valid choice"),
])
def test_bad_opening_input_changes_nothing(data, message, keepers, district, client):
    client.force_login(keepers.office_head)
    before = _counts()
    response = client.post(reverse("handling:case_open"), {
        "member": district.schools[0].members[2].member.pk, "kind": "education",
        "opened_on": str(TODAY()), "grounds": "理由", **data})
    assert response.status_code == 200 and message in response.content.decode()
    assert _counts() == before


def test_a_member_of_another_school_cannot_be_chosen_or_opened(keepers, district, client):
    client.force_login(keepers.office_head)
    other = district.schools[-1].members[2].member
    response = client.post(reverse("handling:case_open"), {
        "member": other.pk, "kind": "education", "opened_on": str(TODAY()), "grounds": "理由"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    with pytest.raises(HandlingError, match="Only the head of the office"):
        services.open_case(actor=keepers.office_head, member=other, kind="education",
                           opened_on=TODAY(), grounds="理由")
    assert Case.objects.count() == 0


@pytest.mark.parametrize(("data", "message"), [
    ({"closed_on": str(TODAY() + dt.timedelta(days=1))}, "cannot be in the future"),
    ({"outcome": ""}, "Write the outcome of the case."),
    ({"measure": "correct"}, "Select a valid choice"),  # an organizational measure
])
def test_bad_closing_input_changes_nothing(data, message, keepers, case, client):
    client.force_login(keepers.office_head)
    before = _counts()
    response = client.post(reverse("handling:case_close", args=[case.pk]), {
        "closed_on": str(TODAY()), "measure": "warning", "outcome": "警告处分。", **data})
    assert response.status_code == 200 and message in response.content.decode()
    assert _counts() == before


def test_the_service_refuses_a_measure_of_another_kind(keepers, case):
    with pytest.raises(HandlingError, match="does not belong"):
        services.close_case(actor=keepers.office_head, case=case, closed_on=TODAY(),
                            outcome="x", measure="remove")
    assert Case.objects.get().status == "open"


def test_a_closed_case_takes_no_more_steps(keepers, case, client):
    services.close_case(actor=keepers.office_head, case=case, closed_on=TODAY(),
                        outcome="严重警告处分。", measure="serious_warning")
    client.force_login(keepers.office_head)
    before = _counts()
    response = _post_step(client, case)
    assert "The case is closed" in response.content.decode()
    with pytest.raises(HandlingError, match="already closed"):
        services.close_case(actor=keepers.office_head, case=case, closed_on=TODAY(),
                            outcome="again")
    assert _counts() == before


def test_services_refuse_everyone_else(district, keepers, case):
    for user in [*district.users.values(), keepers.office_staff, keepers.other_principal,
                 keepers.district_head]:
        with pytest.raises(HandlingError, match="Only the head of the office"):
            services.add_step(actor=user, case=case, kind="talk", happened_on=TODAY(),
                              text="x")
        with pytest.raises(HandlingError, match="Only the head of the office"):
            services.close_case(actor=user, case=case, closed_on=TODAY(), outcome="x")
    assert (Step.objects.count(), Case.objects.get().status) == (1, "open")


def test_the_count_is_a_number_and_nothing_else(keepers, district, case):
    make_case(keepers.principal, district, member_index=2, kind="education",
              with_document=False)
    closed = make_case(keepers.principal, district, member_index=0, with_document=False)
    services.close_case(actor=keepers.principal, case=closed, closed_on=TODAY(), outcome="x")
    s1, s2 = district.schools[0], district.schools[-1]
    assert selectors.open_case_count(s1.committee) == 2
    assert selectors.open_case_count(s1.branches[0]) == 2  # the school's register
    assert selectors.open_case_count(district.root) == 2
    assert selectors.open_case_count(s2.committee) == 0
    html = render_to_string("handling/_count.html", {"organization": s1.committee})
    assert ">2<" in html
    for person in s1.members:
        assert person.name not in html
    assert "handling/" not in html  # no link into the register


def test_the_campaign_page_links_the_register_for_keepers_only(launched, keepers, district):
    from vanguard.handling.pages import campaign_pages

    assert campaign_pages(launched, keepers.office_head) == [
        ("Handling register", reverse("handling:register"))]
    assert campaign_pages(launched, keepers.principal)
    for user in district.users.values():
        assert campaign_pages(launched, user) == []
    assert campaign_pages(launched, keepers.office_staff) == []


def test_the_register_costs_the_same_queries_however_many_cases(keepers, district, client,
                                                                django_assert_max_num_queries):
    client.force_login(keepers.office_head)
    make_case(keepers.office_head, district, member_index=2)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("handling:register"))
    for index in (0, 3, 4, 5):
        make_case(keepers.office_head, district, member_index=index)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("handling:register")).status_code == 200
