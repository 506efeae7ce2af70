"""The big discussion through its services: who opens it, who posts, who moderates, how the
member's task follows their visible posts, and the requirements list and its gate check.

Who is who (tests/builders.py): the office runs school S1; the secretary runs branch S1-B2
(where the member is; the secretary is a B2 member too), the other secretary branch S1-B1.
"""

import pytest

from tests.builders import make_user
from vanguard.access.models import AuditEntry
from vanguard.campaigns.gates import evaluate_gate
from vanguard.campaigns.models import Assignment
from vanguard.study.errors import StudyError
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
def member(district):
    return district.users["member"]


@pytest.fixture
def b1_member(district):
    return make_user("b1member", person=district.schools[0].members[2])


def task(user, campaign) -> Assignment:
    return Assignment.objects.get(person=user.person, activity__kind=KIND,
                                  activity__plan__campaign=campaign)


def refused(code, call):
    with pytest.raises(StudyError) as error:
        call()
    assert error.value.code == code
    return error.value.text


# --- opening ---------------------------------------------------------------------------------

def test_the_school_office_opens_it_on_the_seed_question(discussion, district):
    assert discussion.question == "如何认识新时期学校党员先进性具体要求"
    assert discussion.organization == district.schools[0].committee and discussion.is_open
    assert AuditEntry.objects.filter(action="study.discussion.opened").count() == 1


@pytest.mark.parametrize("role", ["secretary", "other_secretary", "leader", "member",
                                  "supervisor", "other_office"])
def test_only_the_office_opens_it(role, activity, district):
    refused("forbidden", lambda: services.open_discussion(actor=district.users[role],
                                                          activity=activity))
    assert not Discussion.objects.exists()


def test_one_discussion_per_organization(discussion, activity, district):
    refused("exists", lambda: services.open_discussion(actor=district.users["office"],
                                                       activity=activity))


def test_the_question_is_bounded(activity, district):
    office = district.users["office"]
    refused("question_empty", lambda: services.open_discussion(actor=office, activity=activity,
                                                               question="  "))
    refused("question_long", lambda: services.open_discussion(actor=office, activity=activity,
                                                              question="问" * 301))


def test_only_a_discussion_step_gets_a_discussion(s1_plan, district):
    meeting_step = s1_plan.activities.get(key="mobilization_meeting")
    refused("wrong_kind", lambda: services.open_discussion(actor=district.users["office"],
                                                           activity=meeting_step))


# --- posting ---------------------------------------------------------------------------------

def test_a_members_first_post_does_their_task(discussion, member, launched):
    assert task(member, launched).status == Assignment.Status.PENDING
    post = services.write_post(actor=member, discussion=discussion, text="  立足岗位，教书育人。 ")
    assert post.text == "立足岗位，教书育人。"
    assert post.organization == member.person.member.organization
    assert task(member, launched).status == Assignment.Status.DONE
    assert AuditEntry.objects.filter(action="study.post.written").count() == 1


def test_an_empty_or_too_long_post_is_refused(discussion, member, launched):
    refused("text_empty", lambda: services.write_post(actor=member, discussion=discussion,
                                                      text=" \n "))
    refused("text_long", lambda: services.write_post(actor=member, discussion=discussion,
                                                     text="字" * 2001))
    services.write_post(actor=member, discussion=discussion, text="字" * 2000)
    assert Post.objects.count() == 1


def test_posting_is_refused_once_the_discussion_is_closed(discussion, member, district):
    services.set_discussion_open(actor=district.users["office"], discussion=discussion,
                                 is_open=False)
    assert "closed" in refused("closed", lambda: services.write_post(
        actor=member, discussion=discussion, text="晚到的发言"))
    services.set_discussion_open(actor=district.users["office"], discussion=discussion,
                                 is_open=True)
    services.write_post(actor=member, discussion=discussion, text="重新开放后的发言")
    assert AuditEntry.objects.filter(action__in=["study.discussion.closed",
                                                 "study.discussion.reopened"]).count() == 2


def test_replies_go_one_level_deep(discussion, member, b1_member):
    post = services.write_post(actor=member, discussion=discussion, text="发言")
    reply = services.write_post(actor=b1_member, discussion=discussion, text="回复",
                                parent=post)
    assert reply.parent == post
    refused("nested", lambda: services.write_post(actor=member, discussion=discussion,
                                                  text="回复的回复", parent=reply))


@pytest.mark.parametrize("role", ["office", "other_secretary", "supervisor", "other_office"])
def test_only_members_under_the_organization_post(role, discussion, district):
    refused("forbidden", lambda: services.write_post(actor=district.users[role],
                                                     discussion=discussion, text="x"))


def test_a_member_of_another_school_cannot_post_here(discussion, district):
    s2_member = make_user("s2member", person=district.schools[-1].members[0])
    refused("forbidden", lambda: services.write_post(actor=s2_member, discussion=discussion,
                                                     text="x"))


def test_a_district_discussion_is_open_to_every_school(launched, district):
    root_step = launched.plans.get(organization=district.root).activities.get(kind=KIND)
    wide = services.open_discussion(actor=district.users["district_office"], activity=root_step)
    s2_member = make_user("s2member", person=district.schools[-1].members[0])
    services.write_post(actor=s2_member, discussion=wide, text="二校党员的发言")
    assert task(s2_member, launched).status == Assignment.Status.DONE


# --- moderation ------------------------------------------------------------------------------

@pytest.mark.parametrize("role", ["secretary", "office", "district_office", "admin"])
def test_the_authors_secretary_or_an_office_hides_a_post(role, discussion, member, district):
    post = services.write_post(actor=member, discussion=discussion, text="不当言论")
    services.hide_post(actor=district.users[role], post=post, reason="与主题无关")
    post.refresh_from_db()
    assert (post.hidden, post.hidden_reason, post.hidden_by) == (True, "与主题无关",
                                                                 district.users[role])
    assert Post.objects.filter(pk=post.pk).exists()  # hidden, never deleted
    entry = AuditEntry.objects.get(action="study.post.hidden")
    assert entry.changes["hidden_reason"] == ["", "与主题无关"]


@pytest.mark.parametrize("role", ["other_secretary", "leader", "supervisor", "other_office",
                                  "member"])
def test_others_cannot_hide(role, discussion, b1_member, member, district):
    post = services.write_post(actor=member, discussion=discussion, text="发言")
    refused("forbidden", lambda: services.hide_post(actor=district.users[role], post=post,
                                                    reason="x"))
    assert not Post.objects.get(pk=post.pk).hidden


def test_hiding_needs_a_reason(discussion, member, district):
    post = services.write_post(actor=member, discussion=discussion, text="发言")
    refused("reason_empty", lambda: services.hide_post(actor=district.users["office"],
                                                       post=post, reason=" "))
    refused("reason_long", lambda: services.hide_post(actor=district.users["office"],
                                                      post=post, reason="理" * 201))


def test_hiding_the_only_post_sets_the_task_back_and_showing_it_again_does_it(
        discussion, member, district, launched):
    post = services.write_post(actor=member, discussion=discussion, text="发言")
    services.hide_post(actor=district.users["secretary"], post=post, reason="重复")
    assert task(member, launched).status == Assignment.Status.PENDING
    services.restore_post(actor=district.users["office"], post=post)
    assert task(member, launched).status == Assignment.Status.DONE
    assert AuditEntry.objects.filter(action="study.post.restored").count() == 1


def test_with_another_visible_post_the_task_stays_done(discussion, member, district,
                                                       launched):
    first = services.write_post(actor=member, discussion=discussion, text="发言一")
    services.write_post(actor=member, discussion=discussion, text="发言二")
    services.hide_post(actor=district.users["office"], post=first, reason="重复")
    assert task(member, launched).status == Assignment.Status.DONE


def test_a_hidden_post_cannot_be_replied_to(discussion, member, b1_member, district):
    post = services.write_post(actor=member, discussion=discussion, text="发言")
    services.hide_post(actor=district.users["office"], post=post, reason="不当")
    refused("parent_hidden", lambda: services.write_post(actor=b1_member,
                                                         discussion=discussion, text="回复",
                                                         parent=post))


# --- requirements ----------------------------------------------------------------------------

@pytest.fixture
def drafted(discussion, district):
    office = district.users["office"]
    for text in ("坚定理想信念", "爱岗敬业，为人师表", "关爱学生，服务师生"):
        services.add_requirement(actor=office, discussion=discussion, text=text)
    return discussion


def texts(discussion) -> list[str]:
    return list(Requirement.objects.filter(campaign=discussion.campaign,
                                           organization=discussion.organization)
                .values_list("text", flat=True))


def test_the_office_adds_edits_reorders_and_removes_while_a_draft(drafted, district):
    office = district.users["office"]
    first, second, third = Requirement.objects.order_by("order")
    services.edit_requirement(actor=office, requirement=second, text="爱岗敬业、为人师表")
    services.move_requirement(actor=office, requirement=third, up=True)
    assert texts(drafted) == ["坚定理想信念", "关爱学生，服务师生", "爱岗敬业、为人师表"]
    refused("edge", lambda: services.move_requirement(actor=office, requirement=first, up=True))
    services.remove_requirement(actor=office, requirement=first)
    assert texts(drafted) == ["关爱学生，服务师生", "爱岗敬业、为人师表"]
    actions = set(AuditEntry.objects.filter(action__startswith="study.requirement.")
                  .values_list("action", flat=True))
    assert actions == {"study.requirement.added", "study.requirement.changed",
                       "study.requirement.moved", "study.requirement.removed"}


def test_publishing_stamps_every_item_and_freezes_the_list(drafted, district):
    office = district.users["office"]
    assert services.publish_requirements(actor=office, discussion=drafted) == 3
    stamps = set(Requirement.objects.values_list("published_at", flat=True))
    assert len(stamps) == 1 and None not in stamps
    assert AuditEntry.objects.filter(action="study.requirements.published").count() == 1
    item = Requirement.objects.first()
    for call in (lambda: services.add_requirement(actor=office, discussion=drafted, text="x"),
                 lambda: services.edit_requirement(actor=office, requirement=item, text="x"),
                 lambda: services.move_requirement(actor=office, requirement=item, up=False),
                 lambda: services.remove_requirement(actor=office, requirement=item),
                 lambda: services.publish_requirements(actor=office, discussion=drafted)):
        refused("published", call)


def test_an_empty_list_is_not_published(discussion, district):
    refused("empty", lambda: services.publish_requirements(actor=district.users["office"],
                                                           discussion=discussion))


def test_a_requirement_is_bounded(discussion, district):
    office = district.users["office"]
    refused("requirement_empty", lambda: services.add_requirement(
        actor=office, discussion=discussion, text=""))
    refused("requirement_long", lambda: services.add_requirement(
        actor=office, discussion=discussion, text="要" * 301))


@pytest.mark.parametrize("role", ["secretary", "leader", "supervisor", "member", "other_office"])
def test_only_the_office_edits_the_requirements(role, drafted, district):
    user = district.users[role]
    item = Requirement.objects.first()
    for call in (lambda: services.add_requirement(actor=user, discussion=drafted, text="x"),
                 lambda: services.edit_requirement(actor=user, requirement=item, text="x"),
                 lambda: services.publish_requirements(actor=user, discussion=drafted)):
        refused("forbidden", call)


# --- the gate --------------------------------------------------------------------------------

def fact(plan) -> tuple[int, int]:
    checks = evaluate_gate(plan.phases.get(key="mobilize"))
    found = [c for c in checks if c.label == "Requirements published"]
    assert len(found) == 1
    return found[0].done, found[0].required


def test_the_gate_waits_for_published_requirements(drafted, s1_plan, launched, district):
    s2_plan = launched.plans.get(organization=district.schools[-1].committee)
    root_plan = launched.plans.get(organization=district.root)
    assert fact(s1_plan) == (0, 1)
    services.publish_requirements(actor=district.users["office"], discussion=drafted)
    assert fact(s1_plan) == (1, 1)
    assert fact(root_plan) == (1, 1)  # the district's gate sees a school's list
    assert fact(s2_plan) == (0, 1)  # another school's list is not this school's


def test_a_district_list_counts_for_every_school(launched, district):
    root_step = launched.plans.get(organization=district.root).activities.get(kind=KIND)
    office = district.users["district_office"]
    wide = services.open_discussion(actor=office, activity=root_step)
    services.add_requirement(actor=office, discussion=wide, text="全区统一要求")
    services.publish_requirements(actor=office, discussion=wide)
    for school in district.schools:
        assert fact(launched.plans.get(organization=school.committee)) == (1, 1)
