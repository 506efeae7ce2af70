"""The public campaign page, its embeddable variant and the feeds: no login, only what is
published, the embed page frameable and no other page."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from tests.publicity.support import (
    JPEG,
    approved_exemplar,
    draft,
    nominate,
    published,
    record,
    upload,
)
from vanguard.publicity.services import exemplars, news

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_rss_feed_is_valid_xml_with_the_published_items(launched, district, client):
    published(launched, district, title="第一条")
    published(launched, district, title="第二条")
    draft(launched, district, title="未发布")
    response = client.get(reverse("publicity:feed_rss", args=[launched.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    titles = [i.findtext("title") for i in root.iter("item")]
    assert sorted(titles) == ["第一条", "第二条"]
    assert all(i.findtext("link").startswith("http") for i in root.iter("item"))


def test_atom_feed_is_valid_xml_with_the_published_items(launched, district, client):
    item = published(launched, district, title="原子")
    response = client.get(reverse("publicity:feed_atom", args=[launched.pk]))
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["原子"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.endswith(reverse("publicity:public_news", args=[item.pk]))


def test_feed_narrowed_to_one_school(launched, district, client):
    published(launched, district, title="一校")
    url = reverse("publicity:feed_rss", args=[launched.pk])
    mine = ET.fromstring(client.get(url, {"org": district.schools[0].committee.code}).content)
    other = ET.fromstring(client.get(url, {"org": district.schools[-1].committee.code}).content)
    assert [i.findtext("title") for i in mine.iter("item")] == ["一校"]
    assert list(other.iter("item")) == []
    assert client.get(url, {"org": "NOPE"}).status_code == 404


def test_embed_page_is_frameable_and_the_others_are_not(launched, district, client):
    embed = client.get(reverse("publicity:public_embed", args=[launched.pk]))
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *" in embed["Content-Security-Policy"]
    assert "<form" not in embed.content.decode()
    for url in (reverse("publicity:public", args=[launched.pk]),
                reverse("publicity:feed_rss", args=[launched.pk])):
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_embed_frame_ancestors_follow_the_setting(launched, client, settings):
    settings.PUBLICITY_EMBED_FRAME_ANCESTORS = ["https://www.s1.edu.cn"]
    embed = client.get(reverse("publicity:public_embed", args=[launched.pk]))
    assert "frame-ancestors https://www.s1.edu.cn" in embed["Content-Security-Policy"]


def test_public_exemplars_show_only_name_organization_and_deeds(launched, district, client):
    exemplar = approved_exemplar(launched, district)
    person = exemplar.person
    person.phone = "13900001111"
    person.save()
    page = client.get(reverse("publicity:public", args=[launched.pk])).content.decode()
    assert person.name not in page  # approved but not yet published
    exemplars.publish_exemplar(actor=district.users["office"], exemplar=exemplar)
    page = client.get(reverse("publicity:public", args=[launched.pk])).content.decode()
    assert person.name in page and exemplar.organization.name in page
    assert "13900001111" not in page and person.staff_no not in page


def test_nominated_exemplar_is_never_public(launched, district, client):
    exemplar = nominate(launched, district)
    page = client.get(reverse("publicity:public_embed", args=[launched.pk])).content.decode()
    assert exemplar.person.name not in page


def test_photo_public_only_if_marked_and_its_activity_is_in_published_news(launched, district,
                                                                           client):
    school = district.schools[0]
    activity = record(launched, district, user="secretary", organization=school.branches[-1],
                      participants=[], photos=[upload("a.jpg", JPEG)], for_publication=True)
    private = record(launched, district, user="secretary", organization=school.branches[-1],
                     participants=[], photos=[upload("b.jpg", JPEG)], for_publication=False)
    shown, kept = activity.photos.get(), private.photos.get()
    url = reverse("publicity:public_photo", args=[shown.pk])
    assert client.get(url).status_code == 404  # no news yet
    item = draft(launched, district, activity=activity)
    news.submit_news(actor=district.users["secretary"], item=item)
    assert client.get(url).status_code == 404  # submitted, not published
    news.publish_news(actor=district.users["office"], item=item)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == JPEG
    page = client.get(reverse("publicity:public_news", args=[item.pk])).content.decode()
    assert url in page
    published(launched, district, activity=private, title="另一条")
    assert client.get(reverse("publicity:public_photo", args=[kept.pk])).status_code == 404
    news.withdraw_news(actor=district.users["office"], item=item, note="撤回")
    assert client.get(url).status_code == 404


def test_unknown_campaign_is_404(client):
    assert client.get(reverse("publicity:public", args=[999])).status_code == 404
    assert client.get(reverse("publicity:feed_atom", args=[999])).status_code == 404


def test_campaign_page_links_to_publicity(launched, district, client):
    client.force_login(district.users["office"])
    page = client.get(reverse("campaigns:detail", args=[launched.pk])).content.decode()
    assert reverse("publicity:activities", args=[launched.pk]) in page
    assert reverse("publicity:public", args=[launched.pk]) in page


def test_school_public_page_links_to_its_campaign_news_once_published(launched, district,
                                                                      client):
    top = district.schools[0].committee
    url = reverse("web:public_school", args=[top.code])
    draft(launched, district, title="草稿")
    assert b'data-testid="school-news-links"' not in client.get(url).content
    published(launched, district, title="已发布")
    page = client.get(url).content.decode()
    assert f'{reverse("publicity:public", args=[launched.pk])}?org={top.code}' in page
    other = client.get(reverse("web:public_school",
                               args=[district.schools[1].committee.code])).content
    assert b'data-testid="school-news-links"' not in other
