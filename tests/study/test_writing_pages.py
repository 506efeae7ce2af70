"""The reading and writing pages: scope checked on the server, the draft call's answers, a
refused hand-in that keeps the text, and query counts that do not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import make_member, make_user
from vanguard.campaigns.services import create_assignments_for_plan
from vanguard.study.models import ReadingMark, Reflection
from vanguard.study.services import reading, writing

pytestmark = pytest.mark.django_db


def text(n: int) -> str:
    return "<p>" + "学" * n + "</p>"


@pytest.fixture
def member(district):
    return district.users["member"]


@pytest.fixture
def draft(launched, member):
    return writing.start_writing(actor=member, campaign=launched, kind="reflection")


@pytest.fixture
def submitted(launched, member):
    piece = writing.start_writing(actor=member, campaign=launched, kind="reflection")
    return writing.submit_writing(actor=member, writing=piece, version=1, title="心得",
                                  body=text(800))


def url(name, piece):
    kind = "note" if piece._meta.model_name == "readingnote" else "reflection"
    return reverse(f"study:{name}", args=[kind, piece.pk])


# --- the member's pages -----------------------------------------------------------------

def test_member_marks_a_reading_from_the_list(client, launched, district, member):
    reading.load_seed_readings(actor=district.users["district_office"], campaign=launched)
    item = launched.readings.first()
    client.force_login(member)
    page = client.get(reverse("study:reading", args=[launched.pk]))
    assert page.status_code == 200 and item.title in page.content.decode()
    response = client.post(reverse("study:reading_mark", args=[item.pk]), {"read": "1"})
    assert response.status_code == 302
    assert ReadingMark.objects.filter(item=item, person=member.person).exists()
    client.post(reverse("study:reading_mark", args=[item.pk]), {"read": "0"})
    assert not ReadingMark.objects.filter(item=item).exists()


def test_someone_outside_the_campaign_cannot_mark(client, launched, district):
    reading.load_seed_readings(actor=district.users["district_office"], campaign=launched)
    item = launched.readings.first()
    client.force_login(district.users["office"])  # no person: no reading of their own
    assert client.post(reverse("study:reading_mark", args=[item.pk])).status_code == 403


def test_new_reflection_opens_the_editor(client, launched, member):
    client.force_login(member)
    response = client.post(reverse("study:writing_new", args=[launched.pk]),
                           {"kind": "reflection"})
    piece = Reflection.objects.get(person=member.person)
    assert response["Location"] == url("writing_edit", piece)
    page = client.get(response["Location"]).content.decode()
    assert f'data-keep-draft="reflection-{piece.pk}"' in page
    assert "data-editor-area" in page and "web/editor.js" in page
    assert "800" in page  # the minimum is shown beside the counter


def test_the_draft_call_saves_and_answers_the_new_version(client, draft, member):
    client.force_login(member)
    answer = client.post(url("writing_draft", draft), {
        "version": 1, "title": "草稿", "body": "<p>学习<script>x()</script>党章</p>"})
    assert answer.status_code == 200
    assert answer.json()["version"] == 2 and answer.json()["characters"] == 4
    draft.refresh_from_db()
    assert draft.body == "<p>学习党章</p>" and draft.status == "draft"


def test_the_draft_call_refuses_a_stale_version_and_keeps_the_newer_text(client, draft,
                                                                         member):
    client.force_login(member)
    client.post(url("writing_draft", draft), {"version": 1, "title": "A", "body": text(50)})
    answer = client.post(url("writing_draft", draft), {"version": 1, "title": "B",
                                                       "body": text(5)})
    assert answer.status_code == 409
    assert "another window or device" in answer.json()["error"]
    draft.refresh_from_db()
    assert (draft.title, draft.characters) == ("A", 50)


def test_the_draft_call_refuses_too_long_a_text(client, draft, member):
    client.force_login(member)
    answer = client.post(url("writing_draft", draft), {"version": 1, "title": "长",
                                                       "body": text(20_001)})
    assert answer.status_code == 400 and "at most 20000" in answer.json()["error"]


def test_an_expired_session_gets_the_login_redirect_on_the_draft_call(client, draft):
    answer = client.post(url("writing_draft", draft), {"version": 1, "title": "x",
                                                       "body": text(5)})
    assert answer.status_code == 302 and "/accounts/login/" in answer["Location"]


def test_a_refused_hand_in_keeps_what_was_typed(client, draft, member):
    client.force_login(member)
    response = client.post(url("writing_edit", draft), {
        "version": 1, "title": "我的心得", "body": text(500), "action": "submit"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Write 300 more" in page
    assert "学" * 500 in page and "我的心得" in page
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_a_stale_hand_in_keeps_what_was_typed(client, draft, member):
    writing.save_draft(actor=member, writing=draft, version=1, title="另一台设备",
                       body=text(10))
    client.force_login(member)
    response = client.post(url("writing_edit", draft), {
        "version": 1, "title": "这台设备", "body": text(900), "action": "submit"})
    page = response.content.decode()
    assert response.status_code == 200 and "another window or device" in page
    assert "学" * 900 in page


def test_hand_in_clears_the_browser_copy_and_shows_the_text(client, draft, member):
    client.force_login(member)
    response = client.post(url("writing_edit", draft), {
        "version": 1, "title": "我的心得", "body": text(801), "action": "submit"})
    assert response["Location"] == url("writing_detail", draft) + "?saved=1"
    page = client.get(response["Location"]).content.decode()
    assert f'data-draft-saved="reflection-{draft.pk}"' in page
    assert "学" * 801 in page
    # Handed in: the editor sends its author to the page that shows it.
    assert client.get(url("writing_edit", draft)).status_code == 302


# --- scope --------------------------------------------------------------------------------

def test_a_member_cannot_read_another_members_draft(client, launched, district, draft):
    other = make_user("b2_other", person=district.schools[0].members[-2])
    client.force_login(other)
    for name in ("writing_detail", "writing_edit"):
        assert client.get(url(name, draft)).status_code == 404
    assert client.post(url("writing_draft", draft), {"version": 1, "title": "x",
                                                     "body": "y"}).status_code == 404


def test_the_secretary_sees_submitted_work_but_not_drafts(client, district, draft, submitted):
    client.force_login(district.users["secretary"])
    assert client.get(url("writing_detail", draft)).status_code == 404
    page = client.get(url("writing_detail", submitted))
    assert page.status_code == 200 and 'data-testid="review-form"' in page.content.decode()
    queue = client.get(reverse("study:writing_queue", args=[submitted.campaign_id])
                       + "?status=all").content.decode()
    assert url("writing_detail", submitted) in queue
    assert url("writing_detail", draft) not in queue


def test_secretary_of_another_branch_cannot_see_or_review(client, district, submitted):
    client.force_login(district.users["other_secretary"])
    assert client.get(url("writing_detail", submitted)).status_code == 404
    response = client.post(url("writing_review", submitted), {"decision": "accept"})
    assert response.status_code == 404
    queue = client.get(reverse("study:writing_queue", args=[submitted.campaign_id]))
    assert url("writing_detail", submitted) not in queue.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_the_secretary_returns_with_a_comment_from_the_page(client, district, submitted):
    client.force_login(district.users["secretary"])
    refused = client.post(url("writing_review", submitted), {"decision": "return",
                                                             "comment": ""})
    assert refused["Location"] == url("writing_detail", submitted)
    submitted.refresh_from_db()
    assert submitted.status == "submitted"
    client.post(url("writing_review", submitted), {"decision": "return",
                                                   "comment": "请联系实际。"})
    submitted.refresh_from_db()
    assert (submitted.status, submitted.review_comment) == ("returned", "请联系实际。")


def test_supervisors_read_but_never_review(client, district, submitted):
    client.force_login(district.users["supervisor"])
    page = client.get(url("writing_detail", submitted)).content.decode()
    assert "学" * 800 in page and 'data-testid="review-form"' not in page
    client.post(url("writing_review", submitted), {"decision": "accept"})
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_the_list_editor_is_read_only_for_a_school_office(client, launched, district):
    client.force_login(district.users["office"])
    page = client.get(reverse("study:reading_items", args=[launched.pk])).content.decode()
    assert 'data-testid="load-seed"' not in page
    response = client.post(reverse("study:reading_items", args=[launched.pk]),
                           {"title": "校本读物", "required": "on"})
    assert response.status_code == 403
    client.post(reverse("study:reading_seed", args=[launched.pk]))
    assert not launched.readings.exists()


def test_the_campaign_office_loads_and_edits_the_list_from_the_page(client, launched,
                                                                    district):
    client.force_login(district.users["district_office"])
    client.post(reverse("study:reading_seed", args=[launched.pk]))
    assert launched.readings.count() == 4
    client.post(reverse("study:reading_items", args=[launched.pk]),
                {"title": "《中国共产党纪律处分条例》", "required": "on"})
    item = launched.readings.get(title="《中国共产党纪律处分条例》")
    assert item.required and item.order == 4
    client.post(reverse("study:reading_item_update", args=[item.pk]), {
        f"r{item.pk}-title": item.title, f"r{item.pk}-source": "选学",
        f"r{item.pk}-order": "9"})
    item.refresh_from_db()
    assert (item.source, item.required, item.order) == ("选学", False, 9)
    client.post(reverse("study:reading_item_remove", args=[item.pk]))
    assert not launched.readings.filter(pk=item.pk).exists()


# --- query counts --------------------------------------------------------------------------

def grow(launched, district, n: int) -> None:
    """More readings, more members in branch B2 with handed-in and drafted work."""
    office = district.users["district_office"]
    start = launched.readings.count()
    for i in range(n):
        reading.add_reading(actor=office, campaign=launched, title=f"读物{start + i}",
                            required=i % 2 == 0)
    branch = district.schools[0].branches[-1]
    plan = launched.plans.get(organization=district.schools[0].committee)
    people = [make_member(f"新党员{start}{i}", branch) for i in range(n)]
    create_assignments_for_plan(plan)
    for i, person in enumerate(people):
        user = make_user(f"new{start}{i}", person=person)
        for kind in ("note", "reflection"):
            piece = writing.start_writing(actor=user, campaign=launched, kind=kind)
            writing.submit_writing(actor=user, writing=piece, version=1, title="文",
                                   body=text(800))
        writing.start_writing(actor=user, campaign=launched, kind="note")
    member = district.users["member"]
    for item in launched.readings.all():
        reading.mark_read(actor=member, item=item)
    for _ in range(n):
        for kind in ("note", "reflection"):
            writing.start_writing(actor=member, campaign=launched, kind=kind)


def count_queries(client, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who, name, query", [
    ("member", "study:reading", ""),
    ("member", "study:my_writing", ""),
    ("secretary", "study:writing_queue", "?status=all"),
    ("office", "study:writing_queue", "?status=submitted&kind=reflection"),
    ("district_office", "study:reading_items", ""),
    ("office", "study:reading_items", ""),
])
def test_list_pages_cost_the_same_with_more_data(client, launched, district, who, name,
                                                 query, django_assert_max_num_queries):
    path = reverse(name, args=[launched.pk]) + query
    client.force_login(district.users[who])
    grow(launched, district, 2)
    small = count_queries(client, path)
    grow(launched, district, 8)
    large = count_queries(client, path)
    assert small == large
    with django_assert_max_num_queries(14):
        client.get(path)
