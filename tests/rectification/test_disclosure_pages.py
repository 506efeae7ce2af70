"""The disclosure pages: the office's list with publishing and the consolidation state, one
snapshot with its correction and printable notice, and the public pages (no login) with the
digest anyone can check and the comment form on an item."""

import hashlib
import io
import json
import re

import pytest
from django.urls import reverse
from docx import Document

from tests.opinions.opinion_rows import s1_intake
from tests.rectification.disclosure_support import (
    add_item,
    add_rule,
    make_plan,
    team_plan_with_items,
)
from vanguard.opinions.models import Opinion
from vanguard.rectification.models import Disclosure, Owner
from vanguard.rectification.services import disclosure as services

CODE = "S1-C"


def publish(district, school_plan, title="整改情况公布"):
    return services.publish_disclosure(actor=district.users["office"],
                                       campaign=school_plan.campaign,
                                       organization=district.schools[0].committee, title=title)


@pytest.fixture
def published(rectify_open, district):
    team_plan_with_items(rectify_open, district)
    add_rule(rectify_open, district)
    return publish(district, rectify_open)


def office_client(client, district, user="office"):
    client.force_login(district.users[user])
    return client


def list_url(school_plan):
    return reverse("rectification:disclosures", args=[school_plan.campaign_id, CODE])


# --- the office ----------------------------------------------------------------------------

def test_the_office_publishes_from_its_page(rectify_open, district, client):
    team_plan_with_items(rectify_open, district)
    c = office_client(client, district)
    page = c.get(list_url(rectify_open))
    assert page.status_code == 200 and b'data-testid="consolidation"' in page.content
    response = c.post(list_url(rectify_open), {"title": "S1整改情况公布"})
    d = Disclosure.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "rectification:disclosure", args=[d.pk])
    detail = c.get(response["Location"]).content.decode()
    assert d.sha256 in detail and "家校沟通渠道不畅" in detail


def test_nothing_to_publish_is_a_message_on_the_form(rectify_open, district, client):
    response = office_client(client, district).post(list_url(rectify_open), {"title": "公布"})
    assert response.status_code == 200 and not Disclosure.objects.exists()
    assert "nothing to publish" in response.content.decode()


def test_a_long_title_is_an_error_on_the_form(rectify_open, district, client):
    team_plan_with_items(rectify_open, district)
    response = office_client(client, district).post(list_url(rectify_open),
                                                    {"title": "标" * 121})
    assert response.status_code == 200 and not Disclosure.objects.exists()
    assert "At most 120 characters (it has 121)" in response.content.decode()


def test_the_office_page_says_when_the_school_is_in_consolidation(rectify_open, district,
                                                                  client):
    from vanguard.campaigns import services as campaigns

    campaigns.close_phase(actor=district.users["office"],
                          phase=rectify_open.phases.get(key="rectify"),
                          override_reason="测试：集中整改阶段结束，进入巩固期")
    page = office_client(client, district).get(list_url(rectify_open)).content.decode()
    assert "Consolidation period" in page


def test_a_correction_from_the_page(published, district, client):
    c = office_client(client, district)
    url = reverse("rectification:disclosure_correct", args=[published.pk])
    empty = c.post(url, {"note": "  "})
    assert empty.status_code == 400 and Disclosure.objects.count() == 1
    assert b'data-testid="note-error"' in empty.content
    response = c.post(url, {"note": "更正一处错别字"})
    new = Disclosure.objects.get(number=2)
    assert response["Location"] == reverse("rectification:disclosure", args=[new.pk])
    old_page = c.get(reverse("rectification:disclosure", args=[published.pk])).content
    assert b'data-testid="superseded"' in old_page and b'data-testid="correct"' not in old_page


def test_the_printable_notice_carries_the_qr_code_and_the_address(published, district, client):
    response = office_client(client, district).get(
        reverse("rectification:disclosure_notice", args=[published.pk]))
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml")
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    url = "http://testserver" + reverse("rectification:public_detail", args=[CODE, 1])
    assert published.title in text and "S1学校" in text and url in text
    assert "Rectification items: 4; solved: 1; verified by the superior: 1; overdue: 1." in text
    assert published.sha256 in text
    assert len(doc.inline_shapes) == 1  # the QR code


def test_another_schools_office_gets_404(published, district, client):
    c = office_client(client, district, "other_office")
    assert c.get(reverse("rectification:disclosure", args=[published.pk])).status_code == 404
    assert c.post(reverse("rectification:disclosure_correct", args=[published.pk]),
                  {"note": "更正"}).status_code == 404
    assert Disclosure.objects.count() == 1


# --- the public pages ------------------------------------------------------------------------

def test_the_public_page_shows_the_sha256_of_the_canonical_json(published, client):
    page = client.get(reverse("rectification:public_detail", args=[CODE, 1])).content.decode()
    shown = re.search(r'data-testid="sha256">([0-9a-f]{64})<', page).group(1)
    content = Disclosure.objects.get(pk=published.pk).content
    raw = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert shown == hashlib.sha256(raw.encode("utf-8")).hexdigest()


def test_the_published_json_hashes_to_the_digest_shown(published, client):
    body = client.get(reverse("rectification:public_json", args=[CODE, 1])).content
    assert hashlib.sha256(body).hexdigest() == published.sha256
    assert json.loads(body)["number"] == 1


def test_the_public_pages_need_no_login_and_show_plans_and_rules(published, client):
    index = client.get(reverse("rectification:public_index", args=[CODE]))
    detail = client.get(reverse("rectification:public_detail", args=[CODE, 1])).content.decode()
    assert index.status_code == 200 and published.sha256 in index.content.decode()
    for text in ("校舍维修资金不足", "需区里统一立项，预计明年解决。", "集体备课制度", "王主任"):
        assert text in detail


def test_a_members_private_items_are_not_on_the_public_page(rectify_open, district, client):
    s1 = district.schools[0]
    team_plan_with_items(rectify_open, district)
    member_plan = make_plan(rectify_open, Owner.MEMBER, s1.branches[-1], person=s1.members[-1])
    add_item(member_plan, "个人的私密事项")
    publish(district, rectify_open)
    page = client.get(reverse("rectification:public_detail", args=[CODE, 1])).content.decode()
    assert "个人的私密事项" not in page


def test_the_superseded_snapshot_stays_visible_and_says_so(published, district, client):
    services.correct_disclosure(actor=district.users["office"], disclosure=published,
                                note="更正")
    old = client.get(reverse("rectification:public_detail", args=[CODE, 1])).content.decode()
    index = client.get(reverse("rectification:public_index", args=[CODE])).content.decode()
    assert 'data-testid="superseded"' in old and published.sha256 in old
    assert 'data-testid="public-older"' in index and "superseded by No. 2" in index


def test_an_unknown_number_or_school_answers_404(published, client):
    assert client.get(reverse("rectification:public_detail", args=[CODE, 9])).status_code == 404
    assert client.get(reverse("rectification:public_detail",
                              args=["S1-B1", 1])).status_code == 404


def test_the_schools_public_page_links_the_disclosure(published, client):
    page = client.get(reverse("web:public_school", args=[CODE])).content.decode()
    assert reverse("rectification:public_detail", args=[CODE, 1]) in page


# --- comments through the opinion form -------------------------------------------------------

@pytest.fixture
def published_during_review(review_open, district):
    """Published while S1's opinion intake (phase 2) takes opinions."""
    s1_intake(review_open.campaign, district)
    team_plan_with_items(review_open, district)
    return publish(district, review_open)


def test_each_item_links_to_the_comment_form_while_the_intake_is_open(published_during_review,
                                                                       client):
    page = client.get(reverse("rectification:public_detail", args=[CODE, 1])).content.decode()
    assert page.count('data-testid="comment-link"') == 4


def test_the_comment_form_names_the_item_and_sends_to_the_opinion_form(
        published_during_review, district, client):
    item = published_during_review.content["plans"][0]["items"][1]
    page = client.get(reverse("rectification:public_comment", args=[CODE, 1, item["id"]]))
    html = page.content.decode()
    intake = s1_intake(published_during_review.campaign, district)
    action = reverse("opinions:public_form", args=[intake.form_key])
    reference = f"（关于整改事项：第1号公布 · 事项{item['id']} · 家校沟通渠道不畅）"
    assert f'action="{action}"' in html and reference in html
    assert '<option value="team" selected>' in html
    nonce = re.search(r'name="nonce" value="([^"]+)"', html).group(1)
    sent = client.post(action, {"nonce": nonce, "subject": "team", "category": "work",
                                "source_group": "student",
                                "text": reference + "\n希望每周公布进度。"})
    assert sent.status_code == 200
    opinion = Opinion.objects.get()
    assert opinion.text.startswith(reference) and opinion.anonymous


def test_comments_are_taken_in_phase_3_while_disclosed(published, client):
    item = published.content["plans"][0]["items"][0]
    page = client.get(reverse("rectification:public_comment", args=[CODE, 1, item["id"]]))
    assert b'data-testid="comment-form"' in page.content


def test_no_comment_form_when_the_intake_takes_no_opinions(published, client, district):
    from vanguard.opinions.services import intake as intake_services

    # The office closed its intake: the disclosure stays, the comments stop.
    intake_services.set_intake_open(actor=district.users["office"],
                                    intake=s1_intake(published.campaign, district),
                                    is_open=False)
    item = published.content["plans"][0]["items"][0]
    detail = client.get(reverse("rectification:public_detail", args=[CODE, 1])).content
    page = client.get(reverse("rectification:public_comment", args=[CODE, 1, item["id"]]))
    assert b'data-testid="comment-link"' not in detail
    assert b'data-testid="comments-closed"' in page.content
    assert b'data-testid="comment-form"' not in page.content


def test_an_item_not_in_the_snapshot_answers_404(published_during_review, client):
    assert client.get(reverse("rectification:public_comment",
                              args=[CODE, 1, 999999])).status_code == 404


# --- query counts -----------------------------------------------------------------------------

def _queries(client, url, django_assert_max_num_queries, ceiling):
    with django_assert_max_num_queries(ceiling) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _current_number() -> int:
    return Disclosure.objects.get(superseded_by=None).number


@pytest.mark.parametrize(("name", "login", "ceiling"), [
    ("rectification:public_index", False, 3),
    ("rectification:public_detail", False, 4),
    ("rectification:disclosures", True, 13),
    ("rectification:rules", True, 12),
])
def test_pages_cost_the_same_queries_with_more_records(published, rectify_open, district,
                                                      client, django_assert_max_num_queries,
                                                      name, login, ceiling):
    """Measured with one snapshot, then with more plans, items, rules and corrections; the
    public detail is of the current snapshot each time."""
    if login:
        office_client(client, district)

    def url():
        if name == "rectification:public_detail":
            return reverse(name, args=[CODE, _current_number()])
        if name == "rectification:public_index":
            return reverse(name, args=[CODE])
        return reverse(name, args=[rectify_open.campaign_id, CODE])

    before = _queries(client, url(), django_assert_max_num_queries, ceiling)
    branch = make_plan(rectify_open, Owner.ORGANIZATION, district.schools[0].branches[0])
    for n in range(5):
        add_item(branch, f"更多事项{n}")
        add_rule(rectify_open, district, title=f"规则{n}")
    for _n in range(3):
        services.correct_disclosure(actor=district.users["office"],
                                    disclosure=Disclosure.objects.get(superseded_by=None),
                                    note="更正")
    assert _queries(client, url(), django_assert_max_num_queries, ceiling) == before


def test_the_comment_page_is_logged_without_who_asked_for_it(published_during_review):
    from vanguard.opinions.logging import is_anonymous_path

    item = published_during_review.content["plans"][0]["items"][0]["id"]
    assert is_anonymous_path(reverse("rectification:public_comment", args=[CODE, 1, item]))
    assert not is_anonymous_path(reverse("rectification:public_detail", args=[CODE, 1]))
