"""The analysis pages: the member's own page and its draft calls, the reviewer's queue and
review page, readers' progress (never the text), the Word file and the task panel."""

import io

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from docx import Document

from tests.analyses.conftest import full_text, hand_in, hold_meeting, released_opinion
from vanguard.analyses import services
from vanguard.analyses.models import SelfAnalysis

S = SelfAnalysis.Status


def form_data(analysis, sections=None, **extra):
    sections = sections if sections is not None else full_text(analysis)
    return {"version": analysis.version,
            **{f"section_{k}": v for k, v in sections.items()}, **extra}


@pytest.fixture
def as_member(client, member):
    client.force_login(member)
    return client


def mine_url(analysis):
    return reverse("analyses:mine", args=[analysis.campaign_id])


def test_member_starts_from_the_page_and_sees_each_section(as_member, review_open):
    url = reverse("analyses:mine", args=[review_open.campaign.pk])
    assert b'data-testid="start"' in as_member.get(url).content
    as_member.post(reverse("analyses:start", args=[review_open.campaign.pk]))
    page = as_member.get(url).content.decode()
    for label in ("学习情况", "存在的突出问题及表现", "今后的努力方向"):
        assert label in page
    assert 'data-keep-draft="analysis-' in page and "at least 800" in page


def test_a_forged_reviewer_field_does_not_choose_the_reviewer(as_member, analysis, district):
    response = as_member.post(mine_url(analysis), form_data(
        analysis, action="submit", reviewer=district.users["office"].pk,
        reviewer_office=district.schools[0].committee.pk))
    assert response.status_code == 302
    analysis.refresh_from_db()
    assert analysis.status == S.SUBMITTED
    assert analysis.reviewer == district.users["secretary"]
    assert analysis.reviewer_office is None


def test_hand_in_too_short_shows_each_short_section_and_keeps_the_text(as_member, analysis):
    sections = full_text(analysis)
    sections["causes"] = "<p>原因待写</p>"
    page = as_member.post(mine_url(analysis), form_data(analysis, sections, action="submit"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "“产生问题的原因” has 4 characters, needs at least 600" in text
    assert "原因待写" in text  # the form keeps what was typed
    analysis.refresh_from_db()
    assert analysis.status == S.DRAFT


def test_autosave_answers_json_and_refuses_a_stale_or_overlong_draft(as_member, analysis):
    url = reverse("analyses:draft", args=[analysis.pk])
    ok = as_member.post(url, form_data(analysis, {"study": "<p>学习了党章</p>"}))
    assert ok.json()["ok"] and ok.json()["characters"]["study"] == 5
    stale = as_member.post(url, form_data(analysis, {"study": "<p>旧窗口</p>"}))
    assert stale.status_code == 409 and stale.json()["code"] == "stale"
    analysis.refresh_from_db()
    over = as_member.post(url, form_data(analysis, {"study": "<p>" + "长" * 10_001 + "</p>"}))
    assert over.status_code == 400 and "学习情况" in over.json()["error"]
    assert SelfAnalysis.objects.get(pk=analysis.pk).sections["study"] == "<p>学习了党章</p>"


def test_autosave_after_the_session_ended_sends_to_login(as_member, analysis):
    Session.objects.all().delete()
    response = as_member.post(reverse("analyses:draft", args=[analysis.pk]),
                              form_data(analysis, {"study": "<p>还在写</p>"}))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_opinion_links_and_the_unaddressed_panel(as_member, analysis, member, review_open,
                                                 district):
    first = released_opinion(review_open.campaign, member.person, "备课不够认真")
    second = released_opinion(review_open.campaign, member.person, "与同事沟通少")
    links = reverse("analyses:links", args=[analysis.pk])
    as_member.post(links, {"links_problems": [str(first.pk)]})
    page = as_member.get(mine_url(analysis)).content.decode()
    assert "1 fed-back opinion is not answered by any section yet." in page
    assert "与同事沟通少" in page
    other = released_opinion(review_open.campaign, district.schools[0].members[4], "别人的意见")
    refused = as_member.post(links, {"links_problems": [str(first.pk), str(other.pk)]},
                             headers={"X-Requested-With": "fetch"})
    assert refused.status_code == 400
    assert "only the opinions fed back to you" in refused.json()["error"]
    assert SelfAnalysis.objects.get(pk=analysis.pk).opinion_links == {
        "problems": [str(first.pk)]}
    del second


def test_reviewer_queue_and_review_page_with_section_comments(client, submitted, secretary,
                                                              member):
    client.force_login(secretary)
    queue = client.get(reverse("analyses:queue", args=[submitted.campaign_id])).content.decode()
    assert member.person.name in queue
    url = reverse("analyses:review", args=[submitted.pk])
    page = client.get(url).content.decode()
    assert 'name="comment_problems"' in page and "析析析" in page
    refused = client.post(url, {"version": 1, "decision": "return", "comment_problems": ""})
    assert "returning needs at least one comment" in refused.content.decode()
    assert SelfAnalysis.objects.get(pk=submitted.pk).status == S.SUBMITTED
    done = client.post(url, {"version": 1, "decision": "return",
                             "comment_problems": "请对照反馈意见逐条剖析"})
    assert done.status_code == 302
    client.force_login(member)
    mine = client.get(mine_url(submitted)).content.decode()
    assert 'data-testid="comment-problems"' in mine and "请对照反馈意见逐条剖析" in mine


def test_a_stale_review_form_shows_a_message(client, submitted, secretary, member):
    client.force_login(secretary)
    services.review_analysis(actor=secretary, analysis=submitted, version=1, decision="return",
                             comment="补充")
    hand_in(member, submitted, sections=full_text(submitted, extra="补充"))
    page = client.post(reverse("analyses:review", args=[submitted.pk]),
                       {"version": 1, "decision": "approve"})
    assert "version 2 is the one waiting" in page.content.decode()


@pytest.mark.parametrize("who", ["office", "other_secretary", "leader", "admin"])
def test_nobody_but_the_reviewer_opens_the_review_page(who, client, submitted, district):
    client.force_login(district.users[who])
    assert client.get(reverse("analyses:review", args=[submitted.pk])).status_code == 404
    assert client.get(reverse("analyses:word", args=[submitted.pk])).status_code == 404


def test_progress_shows_names_status_and_length_but_never_the_text(client, submitted,
                                                                   district):
    client.force_login(district.users["office"])
    url = reverse("analyses:progress", args=[submitted.campaign_id]) + "?org=S1-C"
    page = client.get(url).content.decode()
    assert submitted.person.name in page and "3000" in page
    assert "析" not in page
    assert page.count("<tr>") == 7  # the header and S1's six members


def test_revision_diff_and_the_final_word_document(client, submitted, member, secretary,
                                                   review_open):
    services.review_analysis(actor=secretary, analysis=submitted, version=1, decision="approve")
    hold_meeting(review_open.campaign, submitted.organization)
    client.force_login(member)
    assert b'data-testid="revise"' in client.get(mine_url(submitted)).content
    client.post(reverse("analyses:revise", args=[submitted.pk]))
    submitted.refresh_from_db()
    sections = full_text(submitted)
    sections["direction"] = sections["direction"].replace("</p>", "会后认真整改</p>")
    assert client.post(mine_url(submitted), form_data(submitted, sections,
                                                      action="submit")).status_code == 302
    page = client.get(mine_url(submitted)).content.decode()
    assert "<ins>会后认真整改</ins>" in page and 'data-testid="diff-2"' in page
    for viewer in (member, secretary):
        client.force_login(viewer)
        response = client.get(reverse("analyses:word", args=[submitted.pk]))
        assert response.status_code == 200
        text = [p.text for p in Document(io.BytesIO(response.content)).paragraphs]
        assert text[0] == "党性分析材料"  # final: no status line above the title
        assert f"姓名：{member.person.name}" in text[1] and "S1第2党支部" in text[1]
        assert "一、学习情况" in text and "五、今后的努力方向" in text
        assert any(line.endswith("会后认真整改") for line in text)


def test_task_panel_says_what_to_do_next(client, submitted, member, secretary):
    client.force_login(member)
    page = client.get(reverse("campaigns:my_tasks")).content.decode()
    assert "Waiting for review by" in page and reverse("analyses:mine", args=[
        submitted.campaign_id]) in page
    client.force_login(secretary)
    page = client.get(reverse("campaigns:my_tasks")).content.decode()
    assert "1 analysis waits for your review" in page
