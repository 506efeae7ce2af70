"""Coverage pages: the graduate list (filter, export, scope), one member's page and its forms,
the members elsewhere, the report file served only in scope, and a fixed query count."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse

from tests.oversight.coverage_support import PDF, graduate, member_of, pdf
from vanguard.core import clock
from vanguard.oversight.models import ContactAttempt, Participation
from vanguard.oversight.services import coverage as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def grads(launched, district):
    s1 = district.schools[0]
    reached = graduate(s1.branches[-1], "毕业生甲", in_city=True)
    unreached = graduate(s1.branches[-1], "毕业生乙", in_city=False)
    b1 = graduate(s1.branches[0], "毕业生丙")
    services.record_contact_attempt(actor=district.users["secretary"], campaign=launched,
                                    member=reached, made_on=clock.today(), channel="phone",
                                    result="reached")
    return {"reached": reached, "unreached": unreached, "b1": b1}


def _list(client, launched, query=""):
    return client.get(reverse("oversight:coverage", args=[launched.pk]) + query)


def test_the_list_of_graduates(launched, district, grads, client):
    client.force_login(district.users["office"])
    page = _list(client, launched).content.decode()
    assert "毕业生甲" in page and "毕业生乙" in page and "毕业生丙" in page
    assert "Reached 1 of 3" in page
    unreached = _list(client, launched, "?unreached=1").content.decode()
    assert "毕业生甲" not in unreached and "毕业生乙" in unreached


def test_a_secretary_sees_their_branch_only(launched, district, grads, client):
    client.force_login(district.users["secretary"])
    page = _list(client, launched).content.decode()
    assert "毕业生甲" in page and "毕业生丙" not in page
    # Asking for the other branch or the school is refused.
    assert _list(client, launched, f"?org={district.schools[0].branches[0].code}"
                 ).status_code == 404
    assert _list(client, launched, f"?org={district.schools[0].committee.code}"
                 ).status_code == 404


def test_other_school_and_members_do_not_see_it(launched, district, grads, client):
    client.force_login(district.users["other_office"])
    page = _list(client, launched).content.decode()
    assert "毕业生甲" not in page
    assert _list(client, launched, f"?org={district.schools[0].committee.code}"
                 ).status_code == 404
    url = reverse("oversight:coverage_member", args=[launched.pk, grads["reached"].pk])
    assert client.get(url).status_code == 404
    client.force_login(district.users["member"])
    assert _list(client, launched).status_code == 404
    assert client.get(url).status_code == 404


def test_the_excel_export(launched, district, grads, client):
    client.force_login(district.users["office"])
    response = client.get(reverse("oversight:coverage_export", args=[launched.pk])
                          + "?unreached=1")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert sorted(names) == ["毕业生丙", "毕业生乙"]


def test_the_member_page_and_its_forms(launched, district, grads, client):
    member = grads["unreached"]
    url = reverse("oversight:coverage_member", args=[launched.pk, member.pk])
    client.force_login(district.users["secretary"])
    page = client.get(url).content.decode()
    assert 'data-testid="attempt-form"' in page
    # Not living in the city: the suggestion is "where they live".
    assert re.search(r'value="local"[^>]*checked', page)
    assert not re.search(r'value="school"[^>]*checked', page)
    response = client.post(reverse("oversight:coverage_attempt_add",
                                   args=[launched.pk, member.pk]),
                           {"made_on": clock.today().isoformat(), "channel": "email",
                            "result": "reached", "notes": "邮件回复"})
    assert response.status_code == 302
    assert ContactAttempt.objects.filter(member=member, result="reached").count() == 1
    response = client.post(reverse("oversight:coverage_participation",
                                   args=[launched.pk, member.pk]),
                           {"mode": "local", "place": "上海", "report": pdf()})
    assert response.status_code == 302
    made = Participation.objects.get(member=member)
    page = client.get(url).content.decode()
    assert "邮件回复" in page and "report.pdf" in page
    assert reverse("oversight:coverage_report", args=[made.pk]) in page


def test_bad_input_on_the_page_shows_a_message(launched, district, grads, client):
    member = grads["unreached"]
    client.force_login(district.users["secretary"])
    response = client.post(reverse("oversight:coverage_attempt_add",
                                   args=[launched.pk, member.pk]),
                           {"made_on": "2099-01-01", "channel": "phone", "result": "reached"})
    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    response = client.post(reverse("oversight:coverage_participation",
                                   args=[launched.pk, member.pk]),
                           {"mode": "local", "place": "上海",
                            "report": pdf("report.pdf", b"MZ not a pdf")})
    assert response.status_code == 200
    assert "content must be of that type" in response.content.decode()
    response = client.post(reverse("oversight:coverage_participation",
                                   args=[launched.pk, member.pk]), {"mode": "elsewhere"})
    assert "Give the reason" in response.content.decode()
    assert ContactAttempt.objects.filter(member=member).count() == 0
    assert Participation.objects.count() == 0


@pytest.mark.parametrize("role, status", [("supervisor", 403), ("leader", 403),
                                          ("other_secretary", 404), ("other_office", 404),
                                          ("member", 404)])
def test_who_may_not_write_on_the_page(launched, district, grads, client, role, status):
    member = grads["reached"]
    client.force_login(district.users[role])
    for name, data in [("oversight:coverage_attempt_add",
                        {"made_on": clock.today().isoformat(), "channel": "phone",
                         "result": "reached"}),
                       ("oversight:coverage_participation", {"mode": "school"}),
                       ("oversight:coverage_participation_remove", {})]:
        response = client.post(reverse(name, args=[launched.pk, member.pk]), data)
        assert response.status_code == status, name
    assert ContactAttempt.objects.filter(member=member).count() == 1
    assert Participation.objects.count() == 0


def test_readers_see_no_forms(launched, district, grads, client):
    client.force_login(district.users["supervisor"])
    page = client.get(reverse("oversight:coverage_member",
                              args=[launched.pk, grads["reached"].pk])).content.decode()
    assert "毕业生甲" in page and 'data-testid="attempt-form"' not in page


def test_the_report_is_served_only_in_scope(launched, district, grads, client):
    made = services.set_participation(actor=district.users["office"], campaign=launched,
                                      member=grads["unreached"], mode="local", place="上海",
                                      upload=pdf("汇报.pdf"))
    url = reverse("oversight:coverage_report", args=[made.pk])
    for role in ("office", "secretary", "supervisor", "leader", "admin"):
        client.force_login(district.users[role])
        response = client.get(url)
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
    for role in ("other_office", "other_secretary", "member"):
        client.force_login(district.users[role])
        assert client.get(url).status_code == 404, role
    client.logout()
    assert "/accounts/login/" in client.get(url)["Location"]


def test_members_elsewhere_with_their_reasons(launched, district, client):
    member = member_of(district.users["member"].person)
    services.set_participation(actor=district.users["office"], campaign=launched,
                               member=member, mode="elsewhere", reason="长期病休")
    client.force_login(district.users["secretary"])
    url = reverse("oversight:coverage_elsewhere", args=[launched.pk])
    page = client.get(url).content.decode()
    assert member.person.name in page and "长期病休" in page
    found = client.get(url + "?q=" + district.schools[0].members[3].name).content.decode()
    assert 'data-testid="coverage-found"' in found
    client.force_login(district.users["other_office"])
    assert "长期病休" not in client.get(url).content.decode()


def test_the_campaign_page_links_readers(launched, district, client):
    from vanguard.oversight.pages_coverage import campaign_pages

    link = reverse("oversight:coverage", args=[launched.pk])
    assert ("Coverage of members", link) in campaign_pages(launched, district.users["office"])
    assert campaign_pages(launched, district.users["member"]) == []


def test_the_list_costs_a_fixed_number_of_queries(launched, district, client,
                                                  django_assert_max_num_queries):
    s1 = district.schools[0]
    client.force_login(district.users["office"])

    def add(n, start):
        for i in range(start, start + n):
            member = graduate(s1.branches[i % 2], f"毕业生{i:03d}")
            ContactAttempt.objects.create(campaign=launched, member=member,
                                          made_on=clock.today(), channel="phone",
                                          result="reached" if i % 3 else "no_answer")
            if i % 4 == 0:
                Participation.objects.create(campaign=launched, member=member, mode="school")

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    add(3, 0)
    with CaptureQueriesContext(connection) as small:
        assert _list(client, launched).status_code == 200
    add(30, 3)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = _list(client, launched)
    assert response.content.decode().count("data-member=") == 33
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("oversight:coverage_export", args=[launched.pk]))
