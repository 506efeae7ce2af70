"""Consolidation: the ledger stays open after the rectify phase until the campaign's end
plus the template's consolidation_days, and the daily reminders to the people responsible
for open items due within a week or overdue, never twice a day."""

import datetime as dt

import pytest
from django.conf import settings

from tests.rectification.disclosure_support import add_item, make_plan
from vanguard.campaigns import services as campaigns
from vanguard.campaigns.models import Notification
from vanguard.core import clock
from vanguard.rectification import tasks
from vanguard.rectification.models import Item, Owner, RectificationPlan
from vanguard.rectification.services.consolidation import (
    consolidation_ends_on,
    consolidation_state,
    send_rectification_reminders,
)

DAY = dt.timedelta(days=1)


@pytest.fixture
def s1(district):
    return district.schools[0]


@pytest.fixture
def team_plan(rectify_open, s1):
    return make_plan(rectify_open, Owner.TEAM, s1.committee)


def close_rectify(rectify_open, district):
    campaigns.close_phase(actor=district.users["office"],
                          phase=rectify_open.phases.get(key="rectify"),
                          override_reason="测试：集中整改阶段结束，进入巩固期")


def reminded(person, day):
    return Notification.objects.filter(person=person, key=f"rectification:{day.isoformat()}")


def test_the_consolidation_ends_the_templates_days_after_the_campaign(launched):
    assert consolidation_ends_on(launched) == launched.ends_on + dt.timedelta(days=75)


def test_not_in_consolidation_while_the_rectify_phase_is_open(rectify_open, s1):
    campaign = rectify_open.campaign
    assert consolidation_state(campaign, s1.committee) == (False, consolidation_ends_on(campaign))


def test_in_consolidation_once_the_rectify_phase_is_closed(rectify_open, district, s1):
    close_rectify(rectify_open, district)
    campaign = rectify_open.campaign
    ends = consolidation_ends_on(campaign)
    assert consolidation_state(campaign, s1.committee, today=ends) == (True, ends)
    assert consolidation_state(campaign, s1.branches[0], today=ends) == (True, ends)
    assert consolidation_state(campaign, s1.committee, today=ends + DAY) == (False, ends)


def test_another_school_whose_phase_is_open_is_not_in_consolidation(rectify_open, district):
    close_rectify(rectify_open, district)
    s2 = district.schools[-1]
    assert consolidation_state(rectify_open.campaign, s2.committee)[0] is False


def test_items_due_within_a_week_or_overdue_are_reminded(team_plan, s1):
    leader, member = s1.members[1], s1.members[-1]
    add_item(team_plan, "七天内到期", deadline_days=7, responsible=leader)
    add_item(team_plan, "已逾期", deadline_days=-2, responsible=member)
    add_item(team_plan, "还早", deadline_days=8, responsible=s1.members[2])
    add_item(team_plan, "已完成", deadline_days=1, responsible=s1.members[3],
             status=Item.Status.DONE)
    add_item(team_plan, "暂时解决不了", item_class="later", explanation="说明",
             responsible=s1.members[4])
    today = clock.today()
    assert send_rectification_reminders(today=today) == 2
    assert reminded(leader, today).count() == 1 and reminded(member, today).count() == 1
    assert Notification.objects.count() == 2
    assert "已逾期" in reminded(member, today).get().text


def test_one_notification_a_person_a_day_however_many_items(team_plan, s1):
    leader = s1.members[1]
    for n in range(3):
        add_item(team_plan, f"事项{n}", deadline_days=n, responsible=leader)
    assert send_rectification_reminders(today=clock.today()) == 1
    assert "3" in reminded(leader, clock.today()).get().text


def test_never_twice_the_same_day_again_the_next_day(team_plan, s1):
    leader = s1.members[1]
    add_item(team_plan, "逾期事项", deadline_days=-1, responsible=leader)
    today = clock.today()
    assert send_rectification_reminders(today=today) == 1
    assert send_rectification_reminders(today=today) == 0
    assert reminded(leader, today).count() == 1
    assert send_rectification_reminders(today=today + DAY) == 1
    assert Notification.objects.filter(person=leader).count() == 2


def test_items_of_plans_not_yet_approved_are_not_reminded(rectify_open, s1):
    draft = make_plan(rectify_open, Owner.TEAM, s1.committee,
                      status=RectificationPlan.Status.SUBMITTED)
    add_item(draft, "待审核", deadline_days=1, responsible=s1.members[1])
    assert send_rectification_reminders(today=clock.today()) == 0


def test_reminders_go_on_in_the_consolidation_period_and_stop_after(team_plan, rectify_open,
                                                                    district, s1):
    leader = s1.members[1]
    close_rectify(rectify_open, district)
    ends = consolidation_ends_on(rectify_open.campaign)
    add_item(team_plan, "巩固期内逾期", deadline_days=-1, responsible=leader)
    assert send_rectification_reminders(today=ends) == 1
    assert send_rectification_reminders(today=ends + DAY) == 0


def test_no_reminders_before_the_rectify_phase_opens(launched, district):
    s1 = district.schools[0]
    school_plan = launched.plans.get(organization=s1.committee)
    plan = make_plan(school_plan, Owner.TEAM, s1.committee)
    add_item(plan, "阶段未开始", deadline_days=-1, responsible=s1.members[1])
    assert send_rectification_reminders(today=clock.today()) == 0


def test_the_daily_task_calls_the_service(team_plan, s1):
    add_item(team_plan, "逾期", deadline_days=-1, responsible=s1.members[1])
    assert tasks.send_rectification_reminders.apply().get() == 1
    assert reminded(s1.members[1], clock.today()).exists()


def test_the_task_is_on_the_beat_schedule():
    entry = settings.CELERY_BEAT_SCHEDULE["send-rectification-reminders"]
    assert entry["task"] == "vanguard.rectification.tasks.send_rectification_reminders"
