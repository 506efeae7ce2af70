"""The discussion's pages: what each role sees and may do, hidden posts, the requirements
page, the links from the plan and the tasks page, and query counts at two sizes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.builders import make_user
from vanguard.campaigns.models import Assignment
from vanguard.study.models import Discussion, Post, Requirement
from vanguard.study.services import discussion as services

KIND = "study.discussion"


@pytest.fixture
def s1_plan(launched, district):
    return launched.plans.get(organization=district.schools[0].committee)


@pytest.fixture
def activity(s1_plan):
    return s1_plan.activities.get(kind=KIND)


@pytest.fixture
def discussion(activity, district):
    return services.open_discussion(actor=district.users["office"], activity=activity)


@pytest.fixture
def drafted(discussion, district):
    for text in ("坚定理想信念", "爱岗敬业，为人师表", "关爱学生，服务师生"):
        services.add_requirement(actor=district.users["office"], discussion=discussion,
                                 text=text)
    return discussion


@pytest.fixture
def member(district):
    return district.users["member"]


@pytest.fixture
def b1_member(district):
    return make_user("b1member", person=district.schools[0].members[2])


def get(client, user, url):
    client.force_login(user)
    return client.get(url)


def text_of(response) -> str:
    return response.content.decode()


# --- opening ---------------------------------------------------------------------------------

def test_the_office_gets_the_open_form_with_the_seed_question(activity, district, client):
    page = get(client, district.users["office"],
               reverse("study:discussion_for_activity", args=[activity.pk]))
    assert page.status_code == 200 and "如何认识新时期学校党员先进性具体要求" in text_of(page)
    response = client.post(reverse("study:discussion_for_activity", args=[activity.pk]),
                           {"question": "如何认识新时期学校党员先进性具体要求"})
    opened = Discussion.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("study:discussion", args=[opened.pk])


def test_before_it_opens_members_are_told_it_will(activity, member, client):
    page = get(client, member, reverse("study:discussion_for_activity", args=[activity.pk]))
    assert page.status_code == 200 and 'data-testid="discussion-not-open"' in text_of(page)


@pytest.mark.parametrize("role", ["secretary", "supervisor", "leader", "member"])
def test_only_the_office_may_open_it(role, activity, district, client):
    client.force_login(district.users[role])
    response = client.post(reverse("study:discussion_for_activity", args=[activity.pk]),
                           {"question": "x"})
    assert response.status_code == 403 and not Discussion.objects.exists()


def test_once_open_the_step_leads_to_the_discussion(discussion, activity, member, client):
    response = get(client, member, reverse("study:discussion_for_activity",
                                           args=[activity.pk]))
    assert response["Location"] == reverse("study:discussion", args=[discussion.pk])
    response = client.get(reverse("study:requirements_for_activity", args=[activity.pk]))
    assert response["Location"] == reverse("study:requirements", args=[discussion.pk])


def test_the_plan_and_the_tasks_page_link_to_it(activity, s1_plan, member, district, client):
    link = reverse("study:discussion_for_activity", args=[activity.pk])
    plan_page = text_of(get(client, district.users["office"],
                            reverse("campaigns:plan", args=[s1_plan.pk])))
    assert link in plan_page
    assert reverse("study:requirements_for_activity", args=[activity.pk]) in plan_page
    # The step is later in the phase; the tasks page lists open-phase tasks.
    assert link in text_of(get(client, member, reverse("campaigns:my_tasks")))


# --- posting and reading ---------------------------------------------------------------------

def test_a_member_posts_and_replies_from_the_page(discussion, member, launched, client):
    client.force_login(member)
    url = reverse("study:discussion_post", args=[discussion.pk])
    response = client.post(url, {"text": "做学生的引路人"})
    post = Post.objects.get()
    assert response["Location"].endswith(f"?posted=1#post-{post.pk}")
    client.post(url, {"text": "补充一点", "parent": post.pk})
    page = text_of(client.get(reverse("study:discussion", args=[discussion.pk])))
    assert "做学生的引路人" in page and "补充一点" in page
    assert Assignment.objects.get(person=member.person, activity__kind=KIND,
                                  activity__plan__campaign=launched).status == "done"


def test_an_empty_post_is_refused_with_a_message(discussion, member, client):
    client.force_login(member)
    response = client.post(reverse("study:discussion_post", args=[discussion.pk]),
                           {"text": "   "}, follow=True)
    assert not Post.objects.exists()
    assert response.status_code == 200 and 'role="alert"' in text_of(response)


def test_a_reply_to_a_post_of_another_discussion_is_refused(discussion, member, launched,
                                                          district, client):
    root_step = launched.plans.get(organization=district.root).activities.get(kind=KIND)
    wide = services.open_discussion(actor=district.users["district_office"],
                                    activity=root_step)
    elsewhere = services.write_post(actor=member, discussion=wide, text="别处")
    client.force_login(member)
    client.post(reverse("study:discussion_post", args=[discussion.pk]),
                {"text": "回复", "parent": elsewhere.pk})
    assert not Post.objects.filter(discussion=discussion).exists()


def test_supervisors_read_but_do_not_post_or_hide(discussion, member, district, client):
    post = services.write_post(actor=member, discussion=discussion, text="发言")
    supervisor = district.users["supervisor"]
    page = get(client, supervisor, reverse("study:discussion", args=[discussion.pk]))
    assert page.status_code == 200 and "发言" in text_of(page)
    assert 'data-testid="post-form"' not in text_of(page)
    assert client.post(reverse("study:discussion_post", args=[discussion.pk]),
                       {"text": "x"}).status_code == 403
    assert client.post(reverse("study:post_hide", args=[post.pk]),
                       {"reason": "x"}).status_code == 403
    assert client.post(reverse("study:discussion_state", args=[discussion.pk]),
                       {"state": "closed"}).status_code == 403


@pytest.mark.parametrize("role", ["other_office"])
def test_outside_the_school_it_is_not_found(role, discussion, member, district, client):
    post = services.write_post(actor=member, discussion=discussion, text="发言")
    client.force_login(district.users[role])
    assert client.get(reverse("study:discussion", args=[discussion.pk])).status_code == 404
    assert client.post(reverse("study:post_hide", args=[post.pk]),
                       {"reason": "x"}).status_code == 404


def test_a_hidden_post_is_marked_for_moderators_and_its_author_only(
        discussion, member, b1_member, district, client):
    post = services.write_post(actor=member, discussion=discussion, text="需要隐藏的发言")
    client.force_login(district.users["secretary"])
    client.post(reverse("study:post_hide", args=[post.pk]), {"reason": "偏离主题"})
    assert Post.objects.get(pk=post.pk).hidden
    url = reverse("study:discussion", args=[discussion.pk])
    for user in (district.users["secretary"], district.users["office"], member):
        page = text_of(get(client, user, url))
        assert "需要隐藏的发言" in page and "偏离主题" in page
        assert 'data-testid="hidden-mark"' in page
    for user in (b1_member, district.users["supervisor"], district.users["other_secretary"]):
        page = text_of(get(client, user, url))
        assert "需要隐藏的发言" not in page and "偏离主题" not in page
    client.force_login(district.users["office"])
    client.post(reverse("study:post_restore", args=[post.pk]))
    assert "需要隐藏的发言" in text_of(get(client, b1_member, url))


def test_the_office_closes_the_discussion_from_the_page(discussion, member, district, client):
    client.force_login(district.users["office"])
    client.post(reverse("study:discussion_state", args=[discussion.pk]), {"state": "closed"})
    assert not Discussion.objects.get(pk=discussion.pk).is_open
    page = text_of(get(client, member, reverse("study:discussion", args=[discussion.pk])))
    assert 'data-testid="post-form"' not in page and 'data-testid="discussion-closed"' in page


# --- requirements ----------------------------------------------------------------------------

def test_members_read_the_requirements_once_published(drafted, member, district, client):
    url = reverse("study:requirements", args=[drafted.pk])
    page = text_of(get(client, member, url))
    assert 'data-testid="requirements-not-published"' in page and "坚定理想信念" not in page
    assert "坚定理想信念" in text_of(get(client, district.users["supervisor"], url))
    client.force_login(district.users["office"])
    client.post(reverse("study:requirements_publish", args=[drafted.pk]))
    page = text_of(get(client, member, url))
    assert 'data-testid="requirements-published"' in page and "坚定理想信念" in page
    assert reverse("study:requirement_edit", args=[Requirement.objects.first().pk]) not in page


def test_the_office_edits_the_list_from_the_page(drafted, district, client):
    client.force_login(district.users["office"])
    url = reverse("study:requirements", args=[drafted.pk])
    client.post(url, {"text": "廉洁从教"})
    last = Requirement.objects.order_by("order").last()
    client.post(reverse("study:requirement_edit", args=[last.pk]), {"text": "廉洁从教，作风正派"})
    client.post(reverse("study:requirement_move", args=[last.pk]), {"direction": "up"})
    client.post(reverse("study:requirement_remove",
                        args=[Requirement.objects.order_by("order").first().pk]))
    assert list(Requirement.objects.values_list("text", flat=True)) == [
        "爱岗敬业，为人师表", "廉洁从教，作风正派", "关爱学生，服务师生"]


@pytest.mark.parametrize("role", ["secretary", "supervisor", "member"])
def test_readers_cannot_change_the_list(role, drafted, district, client):
    client.force_login(district.users[role])
    item = Requirement.objects.first()
    for url, data in ((reverse("study:requirements", args=[drafted.pk]), {"text": "x"}),
                      (reverse("study:requirement_edit", args=[item.pk]), {"text": "x"}),
                      (reverse("study:requirement_move", args=[item.pk]), {"direction": "up"}),
                      (reverse("study:requirement_remove", args=[item.pk]), {}),
                      (reverse("study:requirements_publish", args=[drafted.pk]), {})):
        assert client.post(url, data).status_code == 403, url
    assert Requirement.objects.count() == 3


# --- query counts ----------------------------------------------------------------------------

def add_posts(discussion, authors, threads: int, replies: int) -> None:
    made = Post.objects.bulk_create([
        Post(discussion=discussion, author=a.person, organization=a.person.member.organization,
             text=f"发言 {i}", hidden=i % 7 == 0, hidden_reason="重复" if i % 7 == 0 else "")
        for i in range(threads) for a in [authors[i % len(authors)]]])
    Post.objects.bulk_create([
        Post(discussion=discussion, author=a.person, organization=a.person.member.organization,
             parent=parent, text=f"回复 {j}")
        for parent in made for j in range(replies) for a in [authors[j % len(authors)]]])


def count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("viewer", ["member", "office", "secretary"])
def test_the_discussion_page_costs_the_same_with_more_posts(
        viewer, discussion, member, b1_member, district, client, django_assert_max_num_queries):
    authors = [member, b1_member, district.users["secretary"]]
    url = reverse("study:discussion", args=[discussion.pk])
    client.force_login(district.users[viewer])
    client.get(url)
    add_posts(discussion, authors, threads=3, replies=1)
    with django_assert_max_num_queries(14):
        small = count(client, url)
    add_posts(discussion, authors, threads=60, replies=4)
    with django_assert_max_num_queries(14):
        large = count(client, url)
    assert small == large


def test_the_requirements_page_costs_the_same_with_more_items(drafted, member, district,
                                                              client,
                                                              django_assert_max_num_queries):
    url = reverse("study:requirements", args=[drafted.pk])
    client.force_login(district.users["office"])
    client.get(url)
    with django_assert_max_num_queries(12):
        small = count(client, url)
    for i in range(40):
        services.add_requirement(actor=district.users["office"], discussion=drafted,
                                 text=f"要求 {i}")
    with django_assert_max_num_queries(12):
        large = count(client, url)
    assert small == large
