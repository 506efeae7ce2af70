"""News: written and submitted by who runs an organization, published only by an office at the
organization or above that is not the writer; drafts, submitted and withdrawn items are never
public; a published one appears on the public page and in the feeds."""

import pytest
from django.urls import reverse

from tests.publicity.support import approved_exemplar, draft, nominate, published, record
from vanguard.publicity.errors import PublicityError
from vanguard.publicity.models import NewsItem
from vanguard.publicity.services import news

pytestmark = pytest.mark.django_db
S = NewsItem.Status


def public_text(client, launched) -> str:
    parts = [client.get(reverse(name, args=[launched.pk])).content.decode()
             for name in ("publicity:public", "publicity:public_embed", "publicity:feed_rss",
                          "publicity:feed_atom")]
    return "\n".join(parts)


def test_pasted_markup_becomes_plain_text(launched, district):
    item = news.write_news(actor=district.users["secretary"], campaign=launched,
                           organization=district.schools[0].branches[-1], title="标题",
                           body="<p>段落<script>alert(1)</script></p><b>粗体</b>")
    assert "<" not in item.body and "alert" not in item.body
    assert "段落" in item.body and "粗体" in item.body


def test_writer_cannot_publish_own_item(launched, district):
    item = draft(launched, district, user="office", organization=district.schools[0].committee)
    news.submit_news(actor=district.users["office"], item=item)
    with pytest.raises(PublicityError) as exc:
        news.publish_news(actor=district.users["office"], item=item)
    assert exc.value.code == "four_eyes"
    item.refresh_from_db()
    assert item.status == S.SUBMITTED and item.published_at is None
    news.publish_news(actor=district.users["district_office"], item=item)
    item.refresh_from_db()
    assert item.status == S.PUBLISHED and item.reviewed_by == district.users["district_office"]


def test_a_draft_is_not_published_before_it_is_submitted(launched, district):
    item = draft(launched, district)
    with pytest.raises(PublicityError) as exc:
        news.publish_news(actor=district.users["office"], item=item)
    assert exc.value.code == "not_submitted"


@pytest.mark.parametrize("user", ["secretary", "other_secretary", "leader", "supervisor",
                                  "other_office", "member"])
def test_only_an_office_at_or_above_publishes(launched, district, user):
    item = draft(launched, district, user="office")
    news.submit_news(actor=district.users["office"], item=item)
    with pytest.raises(PublicityError):
        news.publish_news(actor=district.users[user], item=item)
    item.refresh_from_db()
    assert item.status == S.SUBMITTED


@pytest.mark.parametrize("user", ["supervisor", "leader", "member", "other_office"])
def test_who_does_not_run_the_organization_cannot_write(launched, district, user):
    with pytest.raises(PublicityError):
        draft(launched, district, user=user)
    assert NewsItem.objects.count() == 0


def test_only_the_writer_edits_and_submits_a_draft(launched, district):
    item = draft(launched, district)
    with pytest.raises(PublicityError) as exc:
        news.submit_news(actor=district.users["office"], item=item)
    assert exc.value.code == "not_writer"
    news.edit_news(actor=district.users["secretary"], item=item, title="新标题", body="正文")
    news.submit_news(actor=district.users["secretary"], item=item)
    with pytest.raises(PublicityError) as exc:
        news.edit_news(actor=district.users["secretary"], item=item, title="再改", body="正文")
    assert exc.value.code == "not_draft"
    item.refresh_from_db()
    assert item.title == "新标题"


def test_sent_back_item_returns_to_draft_with_the_note(launched, district):
    item = draft(launched, district)
    news.submit_news(actor=district.users["secretary"], item=item)
    news.return_news(actor=district.users["office"], item=item, note="请补充活动照片")
    item.refresh_from_db()
    assert item.status == S.DRAFT and item.review_note == "请补充活动照片"


def test_draft_and_submitted_never_public_published_is_withdrawn_is_not(launched, district,
                                                                         client):
    item = draft(launched, district, title="草稿新闻标题")
    assert "草稿新闻标题" not in public_text(client, launched)
    news.submit_news(actor=district.users["secretary"], item=item)
    assert "草稿新闻标题" not in public_text(client, launched)
    assert client.get(reverse("publicity:public_news", args=[item.pk])).status_code == 404
    news.publish_news(actor=district.users["office"], item=item)
    text = public_text(client, launched)
    assert text.count("草稿新闻标题") >= 4  # page, embed, RSS, Atom
    assert client.get(reverse("publicity:public_news", args=[item.pk])).status_code == 200
    news.withdraw_news(actor=district.users["office"], item=item, note="内容有误")
    assert "草稿新闻标题" not in public_text(client, launched)
    assert client.get(reverse("publicity:public_news", args=[item.pk])).status_code == 404


def test_withdrawing_needs_a_reason_and_a_published_item(launched, district):
    item = published(launched, district)
    with pytest.raises(PublicityError):
        news.withdraw_news(actor=district.users["office"], item=item, note="")
    with pytest.raises(PublicityError):
        news.withdraw_news(actor=district.users["secretary"], item=item, note="理由")
    item.refresh_from_db()
    assert item.status == S.PUBLISHED


def test_links_must_be_of_the_organization_and_an_approved_exemplar(launched, district):
    school = district.schools[0]
    other = record(launched, district, user="office", organization=school.committee)
    with pytest.raises(PublicityError) as exc:  # the school's activity, from a branch's item
        draft(launched, district, activity=other)
    assert exc.value.code == "link"
    nominated = nominate(launched, district)
    with pytest.raises(PublicityError):
        draft(launched, district, exemplar=nominated)
    assert NewsItem.objects.count() == 0


def test_review_through_the_pages(launched, district, client):
    item = draft(launched, district)
    client.force_login(district.users["secretary"])
    client.post(reverse("publicity:news_submit", args=[item.pk]))
    client.post(reverse("publicity:news_review", args=[item.pk]), {"action": "publish"})
    item.refresh_from_db()
    assert item.status == S.SUBMITTED  # the secretary is not an office (and is the writer)
    client.force_login(district.users["office"])
    page = client.get(reverse("publicity:news", args=[item.pk]))
    assert 'data-testid="review-form"' in page.content.decode()
    client.post(reverse("publicity:news_review", args=[item.pk]), {"action": "publish"})
    item.refresh_from_db()
    assert item.status == S.PUBLISHED


def test_write_page_saves_a_draft(launched, district, client):
    school = district.schools[0]
    client.force_login(district.users["secretary"])
    response = client.post(reverse("publicity:news_add", args=[launched.pk]), {
        "organization": school.branches[-1].pk, "title": "支部新闻", "body": "正文"})
    item = NewsItem.objects.get()
    assert response["Location"] == reverse("publicity:news", args=[item.pk])
    assert item.status == S.DRAFT and item.written_by == district.users["secretary"]


def test_other_school_office_cannot_open_the_draft(launched, district, client):
    item = draft(launched, district)
    client.force_login(district.users["other_office"])
    assert client.get(reverse("publicity:news", args=[item.pk])).status_code == 404


def test_news_about_an_approved_exemplar(launched, district):
    exemplar = approved_exemplar(launched, district)
    item = published(launched, district, exemplar=exemplar)
    assert item.exemplar == exemplar
