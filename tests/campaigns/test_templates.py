"""The built-in templates say what the plans say, and a bad template is named by field and line."""

import datetime as dt
from decimal import Decimal

import pytest

from vanguard.campaigns import builtin, services
from vanguard.campaigns.models import Phase
from vanguard.campaigns.template_spec import TemplateError


def builtin_spec(key):
    return builtin.parse(builtin.builtin_sources()[key])


@pytest.mark.parametrize("key", ["advanced-nature-2005", "theme-education-2019"])
def test_builtin_template_validates_with_the_registered_kinds(key):
    spec = builtin_spec(key)
    assert spec.key == key
    assert spec.total_days >= spec.min_total_days


# --- the seed plan: 学校开展先进性教育活动的实施方案 ---

def test_seed_has_three_phases_of_30_40_30_days_lasting_at_least_three_months():
    spec = builtin_spec("advanced-nature-2005")
    assert [(p.key, p.name, p.days) for p in spec.phases] == [
        ("mobilize", "学习动员", 30), ("review", "分析评议", 40), ("rectify", "整改提高", 30)]
    assert spec.tracks == [] and spec.batches == []
    assert spec.min_total_days == 90 and spec.total_days == 100


def test_seed_phases_hold_every_step_the_plan_lists():
    phases = {p.key: [a.key for a in p.activities]
              for p in builtin_spec("advanced-nature-2005").phases}
    # 第一阶段 1、召开动员大会 2、认真组织学习（必读篇目、读书笔记、心得体会） 3、开展大讨论活动
    assert phases["mobilize"] == ["mobilization_meeting", "organized_study", "reading_notes",
                                  "reflection", "big_discussion"]
    # 第二阶段 1、广泛征求意见 2、开展谈心活动 3、进行党性分析
    # 4、开好专题组织生活会和民主生活会 5、提出评议意见
    assert phases["review"] == ["opinion_intake", "heart_to_heart_talks", "self_analysis",
                                "org_life_meeting", "democratic_life_meeting", "evaluation"]
    # 第三阶段 1、制定整改方案 2、认真解决问题 3、公布整改情况（及其专题组织生活会）;
    # then, at the end of the concentrated period: 满意度测评 and the 总结报告
    assert phases["rectify"] == ["rectification_plan", "solve_problems", "disclosure",
                                 "follow_up_meeting", "satisfaction_assessment",
                                 "summary_report"]


def test_seed_asks_for_at_least_40_hours_of_organized_study_in_the_first_phase():
    spec = builtin_spec("advanced-nature-2005")
    hours = next(r for r in spec.requirements if r.key == "study_hours_min")
    assert (hours.value, hours.unit, hours.applies_to) == (Decimal(40), "hours", "mobilize")
    assert "40" in hours.label
    assert spec.figure("total_days_min") == Decimal(90)


def test_seed_gates_every_phase_on_its_own_steps():
    for phase in builtin_spec("advanced-nature-2005").phases:
        own = {a.key for a in phase.activities}
        assert phase.gate, f"{phase.key} has no gate"
        assert {check.activity for check in phase.gate} <= own


# --- 2019: tracks through the whole period, two batches ---

def test_2019_runs_four_tracks_side_by_side_through_the_whole_period():
    spec = builtin_spec("theme-education-2019")
    assert spec.phases == []
    assert [(t.key, t.name) for t in spec.tracks] == [
        ("study", "学习教育"), ("research", "调查研究"), ("examine", "检视问题"),
        ("rectify", "整改落实")]
    assert {t.days for t in spec.tracks} == {spec.total_days}
    assert spec.total_days >= spec.min_total_days == 90


def test_2019_has_two_batches_the_second_after_the_first_ends():
    spec = builtin_spec("theme-education-2019")
    assert [(b.key, b.name) for b in spec.batches] == [("first", "第一批"), ("second", "第二批")]
    assert spec.batches[0].offset_days == 0
    assert spec.batches[1].offset_days >= spec.total_days


def test_launching_2019_gives_each_school_plan_tracks_from_its_batch_start(district, a_date):
    campaign = services.launch_campaign(actor=None, template_key="theme-education-2019",
                                        organization=district.root, starts_on=a_date)
    batches = {b.key: (b.starts_on, b.ends_on) for b in campaign.batches.all()}
    assert batches == {
        "first": (a_date, a_date + dt.timedelta(days=89)),
        "second": (a_date + dt.timedelta(days=92), a_date + dt.timedelta(days=92 + 89)),
    }
    assert campaign.ends_on == batches["second"][1]
    schools = list(campaign.plans.exclude(organization=district.root).select_related("batch"))
    assert len(schools) == len(district.schools)
    for plan in schools:
        tracks = list(plan.phases.all())
        assert {t.kind for t in tracks} == {Phase.Kind.TRACK}
        assert {t.key for t in tracks} == {"study", "research", "examine", "rectify"}
        assert {t.starts_on for t in tracks} == {plan.batch.starts_on}
        assert {t.ends_on for t in tracks} == {plan.batch.ends_on}


# --- errors name the field and the line ---

VALID = """\
key: sample
name: 样例
min_total_days: 10
phases:
  - key: first
    name: 第一阶段
    days: 10
    activities:
      - key: meeting
        kind: campaigns.task
        name: 开会
        days: 5
    gate:
      - activity: meeting
"""


def problems_of(text):
    with pytest.raises(TemplateError) as caught:
        builtin.parse(text)
    return caught.value.problems


def test_the_sample_template_is_valid():
    assert builtin.parse(VALID).total_days == 10


def test_unknown_activity_kind_names_the_kind_on_its_line():
    [(line, field, message)] = problems_of(VALID.replace("campaigns.task", "campaigns.nope"))
    assert (line, field) == (10, "phases.0.activities.0.kind")
    assert "campaigns.nope" in message and "campaigns.task" in message  # lists the known kinds


def test_missing_name_names_the_field():
    [(line, field, message)] = problems_of(VALID.replace("name: 样例\n", ""))
    assert (line, field) == (1, "name")
    assert "required" in message.lower()


def test_missing_activity_name_points_at_the_activity():
    [(line, field, _)] = problems_of(VALID.replace("        name: 开会\n", ""))
    assert (line, field) == (9, "phases.0.activities.0.name")


def test_extra_unknown_field_is_named_on_its_own_line():
    text = VALID.replace("        days: 5\n", "        days: 5\n        colour: red\n")
    [(line, field, message)] = problems_of(text)
    assert (line, field) == (13, "phases.0.activities.0.colour")
    assert "not permitted" in message


def test_invalid_yaml_gives_the_line_of_the_fault():
    [(line, field, message)] = problems_of(VALID.replace("name: 开会", "name: 开会: 动员"))
    assert (line, field) == (11, "")
    assert message.startswith("not valid YAML")


@pytest.mark.parametrize("text", ["- key: a\n- key: b\n", "just words\n", ""])
def test_a_document_that_is_not_a_mapping_is_refused(text):
    [(line, field, message)] = problems_of(text)
    assert (line, field) == (1, "")
    assert "mapping" in message


def test_activity_running_past_its_phase_is_named_in_the_message():
    [(line, field, message)] = problems_of(VALID.replace("        days: 5\n",
                                                         "        offset_days: 8\n"
                                                         "        days: 5\n"))
    assert "'meeting' runs past the end of 'first'" in message
    assert field.startswith("phases.0")


def test_activity_running_past_its_phase_points_at_the_activity():
    [(line, field, _)] = problems_of(VALID.replace("        days: 5\n",
                                                   "        offset_days: 8\n"
                                                   "        days: 5\n"))
    assert field == "phases.0.activities.0.days"
    assert 9 <= line <= 13


def test_gate_naming_an_unknown_activity_points_at_the_gate_check():
    [(line, field, message)] = problems_of(VALID.replace("activity: meeting",
                                                         "activity: lecture"))
    assert "lecture" in message
    assert (line, field) == (14, "phases.0.gate.0.activity")


def test_total_shorter_than_min_total_days_points_at_min_total_days():
    [(line, field, message)] = problems_of(VALID.replace("min_total_days: 10",
                                                         "min_total_days: 90"))
    assert "min_total_days" in message
    assert (line, field) == (3, "min_total_days")


def test_gate_naming_an_unknown_activity_is_named_in_the_message():
    [(_, field, message)] = problems_of(VALID.replace("activity: meeting", "activity: lecture"))
    assert "gate names unknown activity 'lecture'" in message
    assert field.startswith("phases.0")


def test_total_shorter_than_min_total_days_is_named_in_the_message():
    [(_, _, message)] = problems_of(VALID.replace("min_total_days: 10", "min_total_days: 90"))
    assert "last 10 days, fewer than min_total_days (90)" in message


def test_a_field_given_twice_is_refused_on_its_second_line():
    text = VALID.replace("        days: 5\n", "        days: 5\n        days: 6\n")
    [(line, field, message)] = problems_of(text)
    assert (line, field) == (13, "phases.0.activities.0.days")
    assert "twice" in message
