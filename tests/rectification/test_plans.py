"""Rectification plans: members', branches' and the team's, written, submitted and decided one
level up; the member's plan task follows the decision; the plan shows the fed-back opinions
no item answers; an approved plan takes new items only when reopened."""

import pytest

from tests.rectification.plans_support import (
    approved_member_plan,
    item,
    member_user,
    released_opinions,
    start_member_plan,
    start_unit_plan,
    step,
)
from vanguard.access.models import AuditEntry
from vanguard.campaigns.models import Assignment
from vanguard.core import clock
from vanguard.opinions.models import Opinion
from vanguard.rectification.errors import RectificationError
from vanguard.rectification.models import Item, Owner, RectificationPlan
from vanguard.rectification.services import plans as services

pytestmark = pytest.mark.django_db


def plan_task(rectify_open, person):
    return Assignment.objects.get(activity=step(rectify_open, "rectification_plan"),
                                  person=person)


def test_member_plan_approved_by_branch_secretary_completes_the_plan_task(rectify_open,
                                                                            district):
    plan = approved_member_plan(rectify_open, district)
    assert plan.status == RectificationPlan.Status.APPROVED
    assert plan.decided_by == district.users["secretary"]
    assert plan_task(rectify_open, member_user(district).person).status == "done"
    assert AuditEntry.objects.filter(action="rectification.plan.approved",
                                     target_id=str(plan.pk)).exists()


def test_returned_plan_needs_a_reason_and_can_be_changed_and_submitted_again(rectify_open,
                                                                             district):
    member, secretary = member_user(district), district.users["secretary"]
    plan = start_member_plan(rectify_open, district)
    first = services.add_item(actor=member, plan=plan, data=item(plan))
    services.submit_plan(actor=member, plan=plan)
    with pytest.raises(RectificationError) as refused:
        services.decide_plan(actor=secretary, plan=plan, approve=False, reason="  ")
    assert refused.value.code == "no_reason"
    assert RectificationPlan.objects.get(pk=plan.pk).status == "submitted"
    services.decide_plan(actor=secretary, plan=plan, approve=False, reason="措施不够具体")
    plan.refresh_from_db()
    assert (plan.status, plan.return_reason) == ("returned", "措施不够具体")
    services.change_item(actor=member, item=first, data=item(plan, measures="每周自查两次。"))
    services.submit_plan(actor=member, plan=plan)
    assert plan_task(rectify_open, member.person).status == "pending"
    services.decide_plan(actor=secretary, plan=plan, approve=True)
    assert plan_task(rectify_open, member.person).status == "done"


def test_member_cannot_decide_their_own_plan(rectify_open, district):
    """The secretary is a member of their branch too: their own plan goes to the office."""
    secretary = district.users["secretary"]
    plan = start_member_plan(rectify_open, district, user_key="secretary")
    services.add_item(actor=secretary, plan=plan, data=item(plan))
    services.submit_plan(actor=secretary, plan=plan)
    with pytest.raises(RectificationError) as refused:
        services.decide_plan(actor=secretary, plan=plan, approve=True)
    assert refused.value.code == "forbidden"
    services.decide_plan(actor=district.users["office"], plan=plan, approve=True)
    assert RectificationPlan.objects.get(pk=plan.pk).status == "approved"


def test_another_branch_secretary_cannot_decide_a_member_plan(rectify_open, district):
    member = member_user(district)
    plan = start_member_plan(rectify_open, district)
    services.add_item(actor=member, plan=plan, data=item(plan))
    services.submit_plan(actor=member, plan=plan)
    for outsider in ("other_secretary", "other_office", "member", "leader"):
        with pytest.raises(RectificationError):
            services.decide_plan(actor=district.users[outsider], plan=plan, approve=True)
    assert RectificationPlan.objects.get(pk=plan.pk).status == "submitted"


def test_branch_plan_is_written_by_its_secretary_and_decided_by_the_school_office(
        rectify_open, district):
    branch = district.schools[0].branches[-1]
    secretary = district.users["secretary"]
    plan = start_unit_plan(rectify_open, district, Owner.ORGANIZATION, actor="secretary",
                           organization=branch)
    services.add_item(actor=secretary, plan=plan, data=item(plan))
    services.submit_plan(actor=secretary, plan=plan)
    with pytest.raises(RectificationError):
        services.decide_plan(actor=secretary, plan=plan, approve=True)
    services.decide_plan(actor=district.users["office"], plan=plan, approve=True)
    assert RectificationPlan.objects.get(pk=plan.pk).status == "approved"


def test_other_branch_secretary_cannot_start_or_write_the_branch_plan(rectify_open, district):
    branch = district.schools[0].branches[-1]
    with pytest.raises(RectificationError) as refused:
        start_unit_plan(rectify_open, district, Owner.ORGANIZATION, actor="other_secretary",
                        organization=branch)
    assert refused.value.code == "forbidden"
    plan = start_unit_plan(rectify_open, district, Owner.ORGANIZATION, organization=branch)
    with pytest.raises(RectificationError):
        services.add_item(actor=district.users["other_secretary"], plan=plan, data=item(plan))
    assert not plan.items.exists()


def test_team_plan_is_written_by_the_school_office_and_decided_by_the_district_office(
        rectify_open, district):
    office = district.users["office"]
    plan = start_unit_plan(rectify_open, district, Owner.TEAM)
    services.add_item(actor=office, plan=plan, data=item(plan))
    services.submit_plan(actor=office, plan=plan)
    with pytest.raises(RectificationError) as refused:
        services.decide_plan(actor=office, plan=plan, approve=True)
    assert refused.value.code == "forbidden"
    services.decide_plan(actor=district.users["district_office"], plan=plan, approve=True)
    assert RectificationPlan.objects.get(pk=plan.pk).status == "approved"


def test_the_principal_leader_may_write_the_team_plan(rectify_open, district):
    from tests.builders import make_user

    principal = make_user("principal", person=district.schools[0].members[0])
    plan = start_unit_plan(rectify_open, district, Owner.TEAM)
    services.add_item(actor=principal, plan=plan, data=item(plan))
    assert plan.items.count() == 1
    with pytest.raises(RectificationError):
        services.add_item(actor=district.users["leader"], plan=plan, data=item(plan))


def test_member_items_are_not_public_unless_the_step_says_so(rectify_open, district):
    member = member_user(district)
    plan = start_member_plan(rectify_open, district)
    hidden = services.add_item(actor=member, plan=plan, data=item(plan))
    activity = step(rectify_open, "rectification_plan")
    activity.settings = {**activity.settings, "member_items_public": True}
    activity.save(update_fields=["settings"])
    shown = services.add_item(actor=member, plan=RectificationPlan.objects.get(pk=plan.pk),
                              data=item(plan))
    team = start_unit_plan(rectify_open, district, Owner.TEAM)
    team_item = services.add_item(actor=district.users["office"], plan=team, data=item(team))
    assert (hidden.public, shown.public, team_item.public) == (False, True, True)


def test_plan_shows_fed_back_opinions_no_item_answers_and_approval_answers_them(
        rectify_open, district, client):
    member = member_user(district)
    first, second = released_opinions(rectify_open.campaign, district, member.person)
    plan = start_member_plan(rectify_open, district)
    services.add_item(actor=member, plan=plan, data=item(plan, opinion_ids=[str(first.pk)]))
    client.force_login(member)
    page = client.get(f"/rectification/plan/{plan.pk}/").content.decode()
    unanswered = page.split('data-testid="unanswered"')[1].split("</section>")[0]
    assert "意见摘要1" in unanswered and "意见摘要0" not in unanswered
    services.submit_plan(actor=member, plan=plan)
    services.decide_plan(actor=district.users["secretary"], plan=plan, approve=True)
    assert Opinion.objects.get(pk=first.pk).status == Opinion.Status.ANSWERED
    assert Opinion.objects.get(pk=second.pk).status == Opinion.Status.RELEASED


def test_approved_plan_refuses_new_and_changed_items_until_reopened(rectify_open, district):
    member = member_user(district)
    plan = approved_member_plan(rectify_open, district)
    existing = plan.items.get()
    with pytest.raises(RectificationError) as refused:
        services.add_item(actor=member, plan=plan, data=item(plan))
    assert refused.value.code == "approved"
    with pytest.raises(RectificationError):
        services.change_item(actor=member, item=existing, data=item(plan, problem="改写"))
    assert plan.items.count() == 1 and plan.items.get().problem == existing.problem
    RectificationPlan.objects.filter(pk=plan.pk).update(reopened_at=clock.now())
    plan.refresh_from_db()
    added = services.add_item(actor=member, plan=plan, data=item(plan, problem="重新整改事项"))
    with pytest.raises(RectificationError):
        services.change_item(actor=member, item=existing, data=item(plan, problem="改写"))
    services.submit_plan(actor=member, plan=plan)
    assert plan_task(rectify_open, member.person).status == "pending"
    services.decide_plan(actor=district.users["secretary"], plan=plan, approve=True)
    plan.refresh_from_db()
    assert plan.reopened_at is None and plan.items.count() == 2
    assert Item.objects.get(pk=added.pk).problem == "重新整改事项"


def test_a_plan_is_submitted_only_with_items(rectify_open, district):
    plan = start_member_plan(rectify_open, district)
    with pytest.raises(RectificationError) as refused:
        services.submit_plan(actor=member_user(district), plan=plan)
    assert refused.value.code == "no_items"
    assert RectificationPlan.objects.get(pk=plan.pk).status == "draft"


def test_a_second_plan_for_the_same_owner_is_refused(rectify_open, district):
    start_member_plan(rectify_open, district)
    with pytest.raises(RectificationError) as refused:
        start_member_plan(rectify_open, district)
    assert refused.value.code == "exists"
    assert RectificationPlan.objects.count() == 1


def test_plans_cannot_be_started_before_the_phase_opens(launched, district):
    plan = launched.plans.get(organization=district.schools[0].committee)
    with pytest.raises(RectificationError) as refused:
        start_member_plan(plan, district)
    assert refused.value.code == "not_started"


def test_my_tasks_shows_the_plan_status_and_the_return_reason(rectify_open, district, client):
    member = member_user(district)
    plan = start_member_plan(rectify_open, district)
    services.add_item(actor=member, plan=plan, data=item(plan))
    services.submit_plan(actor=member, plan=plan)
    services.decide_plan(actor=district.users["secretary"], plan=plan, approve=False,
                         reason="问题查找不够深入")
    client.force_login(member)
    page = client.get("/campaigns/tasks/").content.decode()
    panel = page.split('data-testid="plan-task"')[1].split("</div>\n</div>")[0]
    assert 'data-status="returned"' in panel and "问题查找不够深入" in panel
    assert f"/rectification/plan/{plan.pk}/" in panel
