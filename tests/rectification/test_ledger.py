"""The ledger: items move open → in progress → done (with evidence) → verified by the
superior's office; overdue is read from the date; the member's ledger task is done when
their now/hard items are solved; readers list, filter and export the lines in their scope."""

import datetime as dt
import io

import openpyxl
import pytest

from tests.rectification.plans_support import (
    a_deadline,
    approved_member_plan,
    item,
    member_user,
    start_unit_plan,
    step,
)
from vanguard.campaigns.models import Assignment
from vanguard.core import clock
from vanguard.rectification.errors import RectificationError
from vanguard.rectification.models import Item, Owner
from vanguard.rectification.services import evidence, items
from vanguard.rectification.services import plans as plan_services

pytestmark = pytest.mark.django_db


def ledger_task(rectify_open, district):
    return Assignment.objects.get(activity=step(rectify_open, "solve_problems"),
                                  person=member_user(district).person)


def solve(district, line, actor="member"):
    evidence.add_evidence(actor=district.users[actor], item=line, text="已按计划完成批改。")
    return items.mark_done(actor=district.users[actor], item=line)


def test_item_moves_to_verified_and_the_ledger_task_follows(rectify_open, district):
    plan = approved_member_plan(rectify_open, district)
    line = plan.items.get()
    assert ledger_task(rectify_open, district).status == "pending"
    items.start_item(actor=member_user(district), item=line)
    assert Item.objects.get(pk=line.pk).status == "in_progress"
    solve(district, line)
    done = Item.objects.get(pk=line.pk)
    assert done.status == "done" and done.done_at is not None
    assert ledger_task(rectify_open, district).status == "done"
    items.verify_item(actor=district.users["office"], item=line)
    verified = Item.objects.get(pk=line.pk)
    assert (verified.status, verified.verified_by) == ("verified", district.users["office"])
    assert ledger_task(rectify_open, district).status == "done"


def test_cannot_solve_yet_items_do_not_hold_the_ledger_task_back(rectify_open, district):
    campaign_only = rectify_open_plan(rectify_open)
    plan = approved_member_plan(
        rectify_open, district, item(campaign_only),
        item(campaign_only, item_class="later", deadline=None,
             explanation="需区里统筹，暂时解决不了，已向师生说明。"))
    assert ledger_task(rectify_open, district).status == "pending"
    solve(district, plan.items.get(item_class="now"))
    assert ledger_task(rectify_open, district).status == "done"


def test_marking_done_without_evidence_is_refused(rectify_open, district):
    line = approved_member_plan(rectify_open, district).items.get()
    with pytest.raises(RectificationError) as refused:
        items.mark_done(actor=member_user(district), item=line)
    assert refused.value.code == "no_evidence"
    assert Item.objects.get(pk=line.pk).status == "open"


def test_items_of_a_plan_not_approved_do_not_move(rectify_open, district):
    from tests.rectification.plans_support import start_member_plan

    plan = start_member_plan(rectify_open, district)
    line = plan_services.add_item(actor=member_user(district), plan=plan, data=item(plan))
    with pytest.raises(RectificationError) as refused:
        items.start_item(actor=member_user(district), item=line)
    assert refused.value.code == "not_approved"


@pytest.mark.parametrize("who", ["member", "secretary", "other_office", "leader", "supervisor"])
def test_only_the_superior_office_verifies_a_member_item(rectify_open, district, who):
    line = approved_member_plan(rectify_open, district).items.get()
    solve(district, line)
    with pytest.raises(RectificationError) as refused:
        items.verify_item(actor=district.users[who], item=line)
    assert refused.value.code == "forbidden"
    assert Item.objects.get(pk=line.pk).status == "done"


def test_team_item_is_verified_by_the_district_office_not_the_school_office(rectify_open,
                                                                           district):
    office = district.users["office"]
    plan = start_unit_plan(rectify_open, district, Owner.TEAM)
    line = plan_services.add_item(actor=office, plan=plan, data=item(plan))
    plan_services.submit_plan(actor=office, plan=plan)
    plan_services.decide_plan(actor=district.users["district_office"], plan=plan, approve=True)
    solve(district, line, actor="office")
    with pytest.raises(RectificationError):
        items.verify_item(actor=office, item=line)
    items.verify_item(actor=district.users["district_office"], item=line)
    assert Item.objects.get(pk=line.pk).status == "verified"


def test_an_item_not_done_cannot_be_verified(rectify_open, district):
    line = approved_member_plan(rectify_open, district).items.get()
    with pytest.raises(RectificationError) as refused:
        items.verify_item(actor=district.users["office"], item=line)
    assert refused.value.code == "status"


def test_sent_back_item_is_in_progress_and_the_ledger_task_pending_again(rectify_open,
                                                                        district):
    line = approved_member_plan(rectify_open, district).items.get()
    solve(district, line)
    items.send_back(actor=district.users["office"], item=line)
    assert Item.objects.get(pk=line.pk).status == "in_progress"
    assert ledger_task(rectify_open, district).status == "pending"


def test_overdue_is_derived_from_the_date(rectify_open, district, monkeypatch):
    from vanguard.rectification import selectors

    line = approved_member_plan(rectify_open, district).items.get()
    assert not selectors.overdue(Item.objects.all()).exists()
    later = a_deadline(rectify_open) + dt.timedelta(days=1)
    monkeypatch.setattr(clock, "today", lambda: later)
    assert list(selectors.overdue(Item.objects.all())) == [line]
    solve(district, line)
    assert not selectors.overdue(Item.objects.all()).exists()


def test_member_task_panel_lists_open_items_with_overdue_highlighted(rectify_open, district,
                                                                    client, monkeypatch):
    plan = approved_member_plan(rectify_open, district, item(rectify_open_plan(rectify_open)),
                                item(rectify_open_plan(rectify_open), problem="按时参加组织生活",
                                     deadline=a_deadline(rectify_open, 60)))
    assert plan.items.count() == 2
    monkeypatch.setattr(clock, "today", lambda: a_deadline(rectify_open, 41))
    client.force_login(member_user(district))
    page = client.get("/campaigns/tasks/").content.decode()
    panel = page.split('data-testid="ledger-task"')[1].split("</div>\n</div>")[0]
    assert "2 items not solved yet" in panel and "1 overdue" in panel
    assert panel.count('data-overdue="1"') == 1


def rectify_open_plan(rectify_open):
    """An object with the campaign, enough for `item()` to compute a deadline."""
    return type("Plan", (), {"campaign": rectify_open.campaign})()


def test_ledger_list_shows_readers_their_scope_and_filters(rectify_open, district, client):
    approved_member_plan(rectify_open, district)
    other_branch = start_unit_plan(rectify_open, district, Owner.ORGANIZATION,
                                   organization=district.schools[0].branches[0])
    plan_services.add_item(actor=district.users["office"], plan=other_branch,
                           data=item(other_branch, problem="支部学习制度落实不够"))
    url = f"/rectification/ledger/{rectify_open.campaign_id}/"
    client.force_login(district.users["office"])
    page = client.get(url).content.decode()
    assert "备课不够认真" in page and "支部学习制度落实不够" in page
    assert "支部学习制度" not in client.get(url + "?owner=member").content.decode()
    assert "备课不够认真" not in client.get(url + "?class=hard").content.decode()
    client.force_login(district.users["secretary"])
    page = client.get(url).content.decode()
    assert "备课不够认真" in page and "支部学习制度落实不够" not in page
    client.force_login(district.users["other_office"])  # S2's office: the same campaign
    page = client.get(url).content.decode()
    assert "备课不够认真" not in page and "支部学习制度落实不够" not in page
    client.force_login(member_user(district))
    assert client.get(url).status_code == 403


def test_ledger_export_has_the_school_layout(rectify_open, district, client):
    plan = approved_member_plan(rectify_open, district)
    line = plan.items.get()
    solve(district, line)
    items.verify_item(actor=district.users["office"], item=line)
    client.force_login(district.users["office"])
    response = client.get(f"/rectification/ledger/{rectify_open.campaign_id}/export.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("序号", "整改主体", "整改问题", "责任人", "整改标准", "整改措施",
                       "完成时限", "类别", "进展情况", "完成/销号日期")
    assert rows[1][0] == 1 and rows[1][2] == line.problem and rows[1][3] == "张老师"
    assert rows[1][7] == "有条件解决"
    assert rows[1][8].startswith("已销号") and "已按计划完成批改" in rows[1][8]
    today = clock.today().strftime("%Y-%m-%d")
    assert rows[1][9] == f"完成 {today}；销号 {today}"


def test_four_eyes_whoever_marked_an_item_done_cannot_verify_it(rectify_open, district):
    """The district office may write and solve a branch's item (it runs every unit below it)
    and also sits above it; verifying its own work is refused."""
    boss = district.users["district_office"]
    plan = start_unit_plan(rectify_open, district, Owner.ORGANIZATION, actor="district_office",
                           organization=district.schools[0].branches[-1])
    line = plan_services.add_item(actor=boss, plan=plan, data=item(plan))
    plan_services.submit_plan(actor=boss, plan=plan)
    with pytest.raises(RectificationError) as own_plan:
        plan_services.decide_plan(actor=boss, plan=plan, approve=True)
    assert own_plan.value.code == "own_plan"
    plan_services.decide_plan(actor=district.users["office"], plan=plan, approve=True)
    solve(district, line, actor="district_office")
    with pytest.raises(RectificationError) as own_item:
        items.verify_item(actor=boss, item=line)
    assert own_item.value.code == "own_item"
    items.verify_item(actor=district.users["office"], item=line)
    assert Item.objects.get(pk=line.pk).status == "verified"


def test_a_reopened_plan_waiting_for_its_decision_keeps_its_old_items_moving(rectify_open,
                                                                             district):
    """Re-rectification (重新整改) reopens an approved plan for new items; while it waits for
    the new decision its earlier items stay on the ledger, the new ones wait."""
    from vanguard.rectification.models import RectificationPlan

    plan = approved_member_plan(rectify_open, district)
    old = plan.items.get()
    RectificationPlan.objects.filter(pk=plan.pk).update(reopened_at=clock.now())
    member = member_user(district)
    new = plan_services.add_item(actor=member, plan=plan, data=item(plan))
    plan_services.submit_plan(actor=member, plan=plan)
    items.start_item(actor=member, item=old)
    assert Item.objects.get(pk=old.pk).status == "in_progress"
    with pytest.raises(RectificationError) as refused:
        items.start_item(actor=member, item=new)
    assert refused.value.code == "not_approved"
