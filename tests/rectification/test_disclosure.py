"""Publishing a school's disclosure: what the snapshot holds, its digest, its number, the
correction that supersedes it, and that a published snapshot never changes."""

import hashlib
import json

import pytest

from tests.rectification.disclosure_support import (
    add_item,
    add_rule,
    make_plan,
    team_plan_with_items,
)
from vanguard.access.models import AuditEntry
from vanguard.campaigns.models import Activity
from vanguard.rectification.errors import RectificationError
from vanguard.rectification.models import Disclosure, Item, Owner, RectificationPlan
from vanguard.rectification.services import disclosure as services
from vanguard.rectification.services import rules as rule_services

TITLE = "S1学校整改情况公布"


def publish(district, campaign, user="office"):
    return services.publish_disclosure(actor=district.users[user], campaign=campaign,
                                       organization=district.schools[0].committee, title=TITLE)


def recomputed(content) -> str:
    raw = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@pytest.fixture
def s1_plans(rectify_open, district):
    """The team's plan (4 items), branch S1-B2's plan (1 item), a member's plan (1 item),
    all approved, and one lasting rule."""
    s1 = district.schools[0]
    team_plan_with_items(rectify_open, district)
    branch = make_plan(rectify_open, Owner.ORGANIZATION, s1.branches[-1])
    add_item(branch, "支部活动形式单一")
    member = make_plan(rectify_open, Owner.MEMBER, s1.branches[-1], person=s1.members[-1])
    add_item(member, "个人学习不够深入")
    add_rule(rectify_open, district)
    return rectify_open


def test_snapshot_holds_the_approved_plans_items_counts_and_rules(s1_plans, district):
    d = publish(district, s1_plans.campaign)
    owners = [(p["owner_kind"], p["owner"]) for p in d.content["plans"]]
    assert owners == [("team", "S1学校党委"), ("organization", "S1第2党支部")]
    team_items = d.content["plans"][0]["items"]
    assert [i["problem"] for i in team_items] == ["校舍维修资金不足", "家校沟通渠道不畅",
                                                   "作业负担过重", "新建实验楼"]
    later = team_items[3]
    assert later["deadline"] is None and later["explanation"] == "需区里统一立项，预计明年解决。"
    assert team_items[2]["overdue"] is True and team_items[1]["overdue"] is False
    assert d.content["counts"] == {"items": 5, "solved": 1, "verified": 1, "overdue": 1}
    assert [r["title"] for r in d.content["rules"]] == ["集体备课制度"]
    assert d.number == 1 and d.organization == district.schools[0].committee


def test_members_items_stay_out_unless_the_template_makes_them_public(s1_plans, district):
    d = publish(district, s1_plans.campaign)
    assert "个人学习不够深入" not in json.dumps(d.content, ensure_ascii=False)


def test_members_items_marked_public_are_shown_when_the_template_says_so(s1_plans, district):
    Activity.objects.filter(pk=s1_plans.activities.get(key="rectification_plan").pk).update(
        settings={"member_items_public": True})
    member_plan = RectificationPlan.objects.get(owner_kind=Owner.MEMBER)
    add_item(member_plan, "不公开的个人事项", public=False)
    text = json.dumps(publish(district, s1_plans.campaign).content, ensure_ascii=False)
    assert "个人学习不够深入" in text and "不公开的个人事项" not in text


def test_sha256_is_that_of_the_canonical_json_as_stored(s1_plans, district):
    d = publish(district, s1_plans.campaign)
    d.refresh_from_db()
    assert d.sha256 == recomputed(d.content) == services.digest(d.content)


def test_numbers_follow_each_other_per_school(s1_plans, district):
    first = publish(district, s1_plans.campaign)
    second = publish(district, s1_plans.campaign)
    assert (first.number, second.number) == (1, 2)
    assert second.content["number"] == 2


def test_publishing_is_audited(s1_plans, district):
    d = publish(district, s1_plans.campaign)
    entry = AuditEntry.objects.get(action="rectification.disclosure.published")
    assert entry.target_id == str(d.pk) and entry.changes["sha256"] == [None, d.sha256]


def test_a_correction_is_a_new_snapshot_and_the_old_one_is_marked_superseded(s1_plans,
                                                                             district):
    old = publish(district, s1_plans.campaign)
    content, digest = old.content, old.sha256
    Item.objects.filter(problem="家校沟通渠道不畅").update(status=Item.Status.DONE)
    new = services.correct_disclosure(actor=district.users["office"], disclosure=old,
                                      note="更正：家校沟通事项已完成")
    old.refresh_from_db()
    assert old.superseded_by == new and new.number == 2
    assert (old.content, old.sha256) == (content, digest)
    assert new.content["supersedes"] == 1 and new.correction_note == "更正：家校沟通事项已完成"
    assert new.content["counts"]["solved"] == 2
    assert AuditEntry.objects.filter(action="rectification.disclosure.corrected").count() == 1


def test_no_service_changes_a_published_snapshot(s1_plans, district):
    """Publishing again, correcting, editing and removing rules, and moving items on the
    ledger: the first snapshot keeps its content and digest byte for byte."""
    office = district.users["office"]
    first = publish(district, s1_plans.campaign)
    frozen = (services.canonical_json(first.content), first.sha256, first.title)
    publish(district, s1_plans.campaign)
    rule = add_rule(s1_plans, district, title="新规则")
    rule_services.update_rule(actor=office, rule=rule, title="新规则（修订）", text="文本",
                              adopted_on=rule.adopted_on, owner="校办")
    published_rule = s1_plans.campaign.lasting_rules.get(title="集体备课制度")
    rule_services.update_rule(actor=office, rule=published_rule, title="集体备课制度（修订）",
                              text="每周四集体备课。", adopted_on=published_rule.adopted_on,
                              owner="教务处")
    Item.objects.update(status=Item.Status.VERIFIED)
    services.correct_disclosure(actor=office, disclosure=first, note="全部核销")
    first.refresh_from_db()
    assert (services.canonical_json(first.content), first.sha256, first.title) == frozen
    assert first.sha256 == recomputed(first.content)


def test_an_edit_of_a_published_snapshot_is_refused(s1_plans, district):
    d = publish(district, s1_plans.campaign)
    with pytest.raises(RectificationError) as refused:
        services.edit_disclosure(actor=district.users["office"], disclosure=d,
                                 title="改过的标题", content={"plans": []})
    assert refused.value.code == "frozen"
    d.refresh_from_db()
    assert d.title == TITLE and d.sha256 == recomputed(d.content)
    assert AuditEntry.objects.get(action="rectification.disclosure.edit_refused").outcome \
        == "failure"


def test_the_admin_may_not_edit_either(s1_plans, district):
    d = publish(district, s1_plans.campaign)
    with pytest.raises(RectificationError) as refused:
        services.edit_disclosure(actor=district.users["admin"], disclosure=d, sha256="0" * 64)
    assert refused.value.code == "frozen"
    assert Disclosure.objects.get(pk=d.pk).sha256 == d.sha256


def test_the_model_itself_refuses_to_save_a_published_snapshot_again(s1_plans, district):
    d = publish(district, s1_plans.campaign)
    d.title = "绕过服务改的标题"
    with pytest.raises(ValueError, match="never edited"):
        d.save()
    assert Disclosure.objects.get(pk=d.pk).title == TITLE


def test_the_public_can_comment_while_the_rectification_is_disclosed(s1_plans, district):
    """The opinion intake's own phase (review) is closed in phase 3; a current disclosure
    keeps it taking opinions, so the public's comments on the items get in."""
    from vanguard.opinions.models import Intake
    from vanguard.opinions.services import intake as intake_services

    intake = Intake.objects.get(campaign=s1_plans.campaign,
                                organization=district.schools[0].committee)
    assert intake_services.accepting(intake) != ""
    publish(district, s1_plans.campaign)
    assert intake_services.accepting(intake) == ""
