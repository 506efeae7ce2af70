"""The plan as a Word document: laid out like an official 实施方案, readable back by python-docx."""

import datetime as dt
import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from vanguard.campaigns import builtin, services
from vanguard.campaigns.documents import (
    chinese_date,
    chinese_numeral,
    chinese_span,
    plan_document,
)
from vanguard.core import clock


def launch(district, key, start):
    return services.launch_campaign(actor=None, template_key=key,
                                    organization=district.root, starts_on=start)


def paragraphs(plan):
    return docx.Document(io.BytesIO(plan_document(plan))).paragraphs


def texts(plan):
    return [p.text for p in paragraphs(plan)]


def east_asian_font(run):
    return run._element.rPr.rFonts.get(qn("w:eastAsia"))


@pytest.fixture
def seed(district, a_date):
    return launch(district, "advanced-nature-2005", a_date)


def test_chinese_dates_and_numerals():
    assert chinese_date(dt.date(2026, 9, 1)) == "2026年9月1日"
    assert chinese_span(dt.date(2026, 9, 1), dt.date(2026, 9, 30)) == "2026年9月1日—9月30日"
    assert chinese_span(dt.date(2026, 12, 2), dt.date(2027, 3, 1)) == "2026年12月2日—2027年3月1日"
    assert chinese_span(dt.date(2026, 9, 1), dt.date(2026, 9, 1)) == "2026年9月1日"
    assert [chinese_numeral(n) for n in (1, 3, 10, 11, 20, 23)] == \
        ["一", "三", "十", "十一", "二十", "二十三"]


def test_draft_plan_opens_with_the_draft_line_then_the_centred_bold_title(seed, district):
    plan = seed.plans.get(organization=district.schools[0].committee)
    status, title, issuer = paragraphs(plan)[:3]
    assert status.text == "草稿"
    assert title.text == plan.title
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    run = title.runs[0]
    assert run.bold and run.font.size == Pt(22) and east_asian_font(run) == "宋体"
    assert issuer.text == f"{plan.organization.name}　{chinese_date(clock.today())}"


def test_approved_plan_has_no_draft_line(seed, district):
    root = seed.plans.get(organization=district.root)
    assert texts(root)[0] == root.title == "保持共产党员先进性教育活动（学校）"
    assert "草稿" not in texts(root)


def test_preamble_follows_the_title(seed, district):
    lines = texts(seed.plans.get(organization=district.root))
    assert lines[2].startswith("按照“提高党员素质，加强基层组织，服务人民群众，促进各项工作”")


def test_each_phase_is_a_numbered_section_with_its_dates(seed, district):
    plan = seed.plans.get(organization=district.schools[0].committee)
    headings = [p for p in paragraphs(plan) if p.text[:2] in ("一、", "二、", "三、", "四、")]
    assert [p.text for p in headings] == [
        "一、第一阶段：学习动员（2026年9月1日—9月30日）",
        "二、第二阶段：分析评议（2026年10月1日—11月9日）",
        "三、第三阶段：整改提高（2026年11月10日—12月9日）",
        "四、主要要求",
    ]
    assert {east_asian_font(p.runs[0]) for p in headings} == {"黑体"}


def test_every_activity_is_a_numbered_paragraph_with_dates_and_description(seed, district):
    plan = seed.plans.get(organization=district.schools[0].committee)
    lines = texts(plan)
    for phase in plan.phases.all():
        for i, activity in enumerate(phase.activities.order_by("order"), 1):
            span = chinese_span(activity.starts_on, activity.due_on)
            assert any(line.startswith(f"{i}、{activity.name}（{span}）") for line in lines), \
                activity.name
    assert ("1、召开动员大会（2026年9月1日—9月7日）。党组织主要负责同志亲自作动员，"
            "吸收入党积极分子参加。") in lines


def test_figures_are_listed_under_main_requirements_with_the_template_labels(seed, district):
    lines = texts(seed.plans.get(organization=district.root))
    figures = lines[lines.index("四、主要要求") + 1:]
    labels = [r.label for r in builtin.parse(seed.template_source).requirements]
    assert len(figures) == len(labels) == 6  # the five figures and the consolidation period
    for i, (line, label) in enumerate(zip(figures, labels, strict=True), 1):
        assert line.startswith(f"{i}、{label}")
    assert "1、集中学习的时间一般不少于40个小时。" in figures
    assert "2、具体教育时间原则上不少于3个月（90天）。" in figures


def test_tracks_stand_in_their_own_section_through_the_whole_period(district, a_date):
    campaign = launch(district, "theme-education-2019", a_date)
    plan = campaign.plans.get(organization=district.schools[0].committee)
    lines = texts(plan)
    assert "一、贯穿全过程" in lines
    tracks = [line for line in lines if line.startswith("（")]
    assert tracks == [f"（{n}）{name}（2026年9月1日—11月29日）" for n, name in
                      zip("一二三四", ["学习教育", "调查研究", "检视问题", "整改落实"],
                          strict=True)]
    assert "1、深入基层调查研究并形成调研报告（2026年9月8日—10月22日）" in lines
    assert "二、主要要求" in lines
    assert "1、领导班子集中学习研讨一周左右（7天）。" in lines
