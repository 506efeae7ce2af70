"""The office's sorting pages: who sees the list, what it shows (givers of named opinions to
the office only), filters, counts, the Excel export, and the detail page's actions."""

import io

import openpyxl
import pytest
from django.urls import reverse

from tests.opinions.opinion_rows import add_opinion, s1_intake, token_of
from vanguard.opinions.models import Channel, Opinion, SourceGroup
from vanguard.opinions.services.sorting import MAX_SUMMARY

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake(launched, district):
    return s1_intake(launched, district)


@pytest.fixture
def opinions(intake, district):
    s1 = district.schools[0]
    return {
        "named": add_opinion(intake, token_of(s1.members[5]), anonymous=False,
                             giver_name="王老师", text="上课常迟到", channel=Channel.HOTLINE,
                             source_group=SourceGroup.RETIRED),
        "anonymous": add_opinion(intake, token_of(s1.members[4]), text="作风简单粗暴",
                                 source_group=SourceGroup.DEMOCRATIC),
        "team": add_opinion(intake, "team", text="班子调研不够", channel=Channel.FORM,
                            source_group=SourceGroup.PARENT, status=Opinion.Status.SORTED,
                            summary="班子调研需加强"),
    }


def list_url(campaign, query=""):
    return reverse("opinions:sorting", args=[campaign.pk]) + query


def test_school_office_sees_its_opinions_and_named_givers(client, launched, district,
                                                          opinions):
    client.force_login(district.users["office"])
    page = client.get(list_url(launched)).content.decode()
    assert "上课常迟到" in page and "作风简单粗暴" in page and "班子调研需加强" in page
    assert "王老师" in page
    assert page.count('data-testid="giver"') == 1


def test_counts_per_channel_and_source_group_are_at_the_top(client, launched, district,
                                                            opinions):
    client.force_login(district.users["office"])
    response = client.get(list_url(launched))
    counts = response.context["counts"]
    assert dict((v, n) for v, _l, n in counts["groups"])["retired"] == 1
    assert dict((v, n) for v, _l, n in counts["groups"])["democratic"] == 1
    assert dict((v, n) for v, _l, n in counts["channels"])["hotline"] == 1


def test_other_school_office_sees_none_of_s1(client, launched, district, opinions):
    client.force_login(district.users["other_office"])
    page = client.get(list_url(launched)).content.decode()
    assert "上课常迟到" not in page and "王老师" not in page


def test_district_office_sees_all(client, launched, district, opinions):
    client.force_login(district.users["district_office"])
    assert client.get(list_url(launched)).context["page"].paginator.count == 3


@pytest.mark.parametrize("user", ["secretary", "other_secretary", "leader", "supervisor"])
def test_no_one_but_the_office_sees_the_list(client, launched, district, opinions, user):
    client.force_login(district.users[user])
    assert client.get(list_url(launched)).status_code == 403
    assert client.get(reverse("opinions:opinion", args=[opinions["named"].pk])).status_code \
        == 404


def test_member_gets_404_for_the_list(client, launched, district, opinions):
    client.force_login(district.users["member"])
    assert client.get(list_url(launched)).status_code == 404


@pytest.mark.parametrize("query, expected", [
    ("?channel=hotline", {"named"}),
    ("?source_group=democratic", {"anonymous"}),
    ("?status=sorted", {"team"}),
    ("?kind=team", {"team"}),
    ("?category=thought", set()),
    ("?channel=nonsense", {"named", "anonymous", "team"}),
])
def test_filters(client, launched, district, opinions, query, expected):
    client.force_login(district.users["office"])
    rows = client.get(list_url(launched, query)).context["page"].object_list
    names = {name for name, o in opinions.items() if o in rows}
    assert names == expected


def test_filter_by_person_and_by_branch(client, launched, district, opinions):
    s1 = district.schools[0]
    client.force_login(district.users["office"])
    rows = client.get(list_url(launched, f"?person={s1.members[5].pk}")).context["page"]
    assert list(rows.object_list) == [opinions["named"]]
    rows = client.get(list_url(launched, f"?org={s1.branches[1].pk}")).context["page"]
    assert set(rows.object_list) == {opinions["named"], opinions["anonymous"]}


def test_export_is_the_filtered_list_with_named_givers(client, launched, district, opinions):
    client.force_login(district.users["office"])
    response = client.get(reverse("opinions:sorting_export", args=[launched.pk])
                          + "?source_group=retired")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert "上课常迟到" in rows[1] and "王老师" in rows[1] and 1 in rows[1]


def test_export_refused_to_a_secretary(client, launched, district):
    client.force_login(district.users["secretary"])
    assert client.get(reverse("opinions:sorting_export", args=[launched.pk])).status_code == 403


def test_detail_page_writes_a_summary(client, district, opinions):
    opinion = opinions["anonymous"]
    client.force_login(district.users["office"])
    page = client.get(reverse("opinions:opinion", args=[opinion.pk]))
    assert page.status_code == 200 and "作风简单粗暴" in page.content.decode()
    response = client.post(reverse("opinions:opinion_summary", args=[opinion.pk]),
                           {"summary": "工作方法需改进"})
    assert response.status_code == 302
    assert Opinion.objects.get(pk=opinion.pk).status == Opinion.Status.SORTED


@pytest.mark.parametrize("summary", ["", "议" * (MAX_SUMMARY + 1)])
def test_bad_summary_shows_an_error_and_changes_nothing(client, district, opinions, summary):
    opinion = opinions["anonymous"]
    client.force_login(district.users["office"])
    response = client.post(reverse("opinions:opinion_summary", args=[opinion.pk]),
                           {"summary": summary})
    assert response.status_code == 400
    assert response.context["summary_form"].errors
    assert Opinion.objects.get(pk=opinion.pk).status == Opinion.Status.RECEIVED


def test_merge_of_different_subjects_through_the_page_is_refused(client, district, opinions):
    client.force_login(district.users["office"])
    response = client.post(reverse("opinions:opinion_merge", args=[opinions["named"].pk]),
                           {"duplicates": [str(opinions["anonymous"].pk)]}, follow=True)
    assert "same subject" in response.content.decode()
    assert Opinion.objects.get(pk=opinions["anonymous"].pk).status == Opinion.Status.RECEIVED


def test_route_and_set_aside_through_the_page(client, district, opinions):
    s1 = district.schools[0]
    opinion = opinions["anonymous"]
    client.force_login(district.users["office"])
    client.post(reverse("opinions:opinion_route", args=[opinion.pk]),
                {"subject": f"branch:{s1.branches[0].pk}"})
    assert Opinion.objects.get(pk=opinion.pk).organization == s1.branches[0]
    response = client.post(reverse("opinions:opinion_set_aside", args=[opinion.pk]),
                           {"reason": ""})
    assert response.status_code == 400
    client.post(reverse("opinions:opinion_set_aside", args=[opinion.pk]), {"reason": "离题"})
    assert Opinion.objects.get(pk=opinion.pk).status == Opinion.Status.SET_ASIDE
    client.post(reverse("opinions:opinion_restore", args=[opinion.pk]))
    assert Opinion.objects.get(pk=opinion.pk).status == Opinion.Status.RECEIVED


def test_route_to_a_subject_outside_the_school_is_refused(client, district, opinions):
    outsider = district.schools[1].members[0]
    opinion = opinions["anonymous"]
    client.force_login(district.users["office"])
    response = client.post(reverse("opinions:opinion_route", args=[opinion.pk]),
                           {"subject": token_of(outsider)})
    assert response.status_code == 400
    assert Opinion.objects.get(pk=opinion.pk).subject_person == district.schools[0].members[4]


def test_other_office_gets_404_for_an_s1_opinion(client, district, opinions):
    client.force_login(district.users["other_office"])
    for name in ("opinion", "opinion_summary"):
        method = client.get if name == "opinion" else client.post
        assert method(reverse(f"opinions:{name}", args=[opinions["named"].pk])).status_code \
            == 404
