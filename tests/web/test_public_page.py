"""The school's public page: no login, the published notices of the school's organizations,
newest first, withdrawn ones gone, other schools' never; a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from vanguard.campaigns.models import Notice
from vanguard.campaigns.services import notices


@pytest.fixture
def anonymous():
    browser = Client()
    browser.cookies["django_language"] = "en"
    return browser


def _publish(launched, district, organization, n, *, actor="office"):
    return notices.publish_notice(actor=district.users[actor], campaign=launched,
                                  organization=organization, source=f"tests.notice:{n}",
                                  title=f"通报{n}", body=f"第{n}号通报正文")


def test_anyone_reads_the_page_without_logging_in(launched, district, anonymous):
    s1 = district.schools[0]
    _publish(launched, district, s1.committee, 1)
    response = anonymous.get(f"/public/{s1.committee.code}/")
    assert response.status_code == 200
    assert "通报1" in response.content.decode() and "第1号通报正文" in response.content.decode()


def test_notices_of_the_school_and_its_branches_newest_first(launched, district, anonymous):
    s1 = district.schools[0]
    first = _publish(launched, district, s1.committee, 1)
    second = _publish(launched, district, s1.branches[-1], 2, actor="secretary")
    Notice.objects.filter(pk=first.pk).update(
        published_at=second.published_at - dt.timedelta(hours=1))
    page = anonymous.get(f"/public/{s1.committee.code}/").content.decode()
    assert page.index("通报2") < page.index("通报1")


def test_withdrawn_notices_leave_the_page(launched, district, anonymous):
    s1 = district.schools[0]
    notice = _publish(launched, district, s1.committee, 1)
    notices.withdraw_notice(actor=district.users["office"], notice=notice)
    page = anonymous.get(f"/public/{s1.committee.code}/").content.decode()
    assert "通报1" not in page and 'data-testid="no-notices"' in page


def test_another_schools_notices_are_not_shown(launched, district, anonymous):
    s2 = district.schools[-1]
    _publish(launched, district, s2.committee, 9, actor="other_office")
    page = anonymous.get(f"/public/{district.schools[0].committee.code}/").content.decode()
    assert "通报9" not in page


def test_text_is_shown_as_text_never_as_markup(launched, district, anonymous):
    s1 = district.schools[0]
    notices.publish_notice(actor=district.users["office"], campaign=launched,
                           organization=s1.committee, source="tests.notice:1",
                           title="通报", body="<script>alert(1)</script><b>正文</b> a < b")
    page = anonymous.get(f"/public/{s1.committee.code}/").content.decode()
    assert "<script>alert" not in page and "<b>正文" not in page
    assert "正文 a &lt; b" in page


@pytest.mark.parametrize("code", ["S1-B2", "D", "NOPE"])
def test_only_a_school_top_organization_has_a_page(district, anonymous, code):
    assert anonymous.get(f"/public/{code}/").status_code == 404


def _count(browser, url) -> int:
    browser.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(url).status_code == 200
    return len(captured)


def test_page_costs_the_same_queries_with_more_notices(launched, district, anonymous):
    s1 = district.schools[0]
    url = f"/public/{s1.committee.code}/"
    _publish(launched, district, s1.committee, 1)
    small = _count(anonymous, url)
    assert small <= 6, small  # 3 measured (the top organization, count, page), plus 3
    for n in range(2, 8):
        _publish(launched, district, s1.branches[n % 2], n)
    assert _count(anonymous, url) == small
