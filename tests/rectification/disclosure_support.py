"""What the disclosure, rules and consolidation tests share: approved plans and their items
made with the ORM (the plan pages have their own tests), on S1's rectify step."""

import datetime as dt

from vanguard.core import clock
from vanguard.rectification.models import Item, LastingRule, Owner, RectificationPlan

APPROVED = RectificationPlan.Status.APPROVED


def plan_step(school_plan):
    return school_plan.activities.get(key="rectification_plan")


def make_plan(school_plan, owner_kind, organization, *, person=None, status=APPROVED):
    return RectificationPlan.objects.create(
        campaign=school_plan.campaign, activity=plan_step(school_plan), owner_kind=owner_kind,
        organization=organization, person=person, status=status)


def add_item(plan, problem="教学管理制度执行不严", *, deadline_days=20, item_class="now",
             status=Item.Status.OPEN, responsible=None, public=True, explanation="",
             order=0):
    deadline = None if item_class == "later" else clock.today() + dt.timedelta(deadline_days)
    return Item.objects.create(
        plan=plan, campaign=plan.campaign, organization=plan.organization, order=order,
        problem=problem, responsible=responsible,
        responsible_name=responsible.name if responsible else "王主任",
        standard="每学期检查两次", measures="修订制度，逐月检查。", deadline=deadline,
        item_class=item_class, explanation=explanation, status=status, public=public)


def team_plan_with_items(school_plan, district):
    """S1's leadership team plan, approved, with a solved item, an open one, an overdue one
    and one that cannot be solved yet."""
    s1 = district.schools[0]
    plan = make_plan(school_plan, Owner.TEAM, s1.committee)
    add_item(plan, "校舍维修资金不足", status=Item.Status.VERIFIED, order=1)
    add_item(plan, "家校沟通渠道不畅", responsible=s1.members[1], order=2)
    add_item(plan, "作业负担过重", deadline_days=-3, order=3)
    add_item(plan, "新建实验楼", item_class="later",
             explanation="需区里统一立项，预计明年解决。", order=4)
    return plan


def add_rule(school_plan, district, title="集体备课制度", adopted_days_ago=1):
    return LastingRule.objects.create(
        campaign=school_plan.campaign, organization=district.schools[0].committee, title=title,
        text="每周三下午集体备课。", adopted_on=clock.today() - dt.timedelta(adopted_days_ago),
        owner="教务处")
