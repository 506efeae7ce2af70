"""A plan as a Word document laid out like an official Chinese 实施方案 (the zh-hans artefact)."""

import datetime as dt
import io
from decimal import Decimal, InvalidOperation
from itertools import count

from django.db.models import Prefetch
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from vanguard.campaigns import builtin
from vanguard.campaigns.models import Activity, Campaign, Phase, Plan
from vanguard.campaigns.template_spec import TemplateError

SONG, HEI, KAI = "宋体", "黑体", "楷体"
# Sizes as GB/T 9704 (党政机关公文格式) has them: title 二号, headings and body 三号.
TITLE_PT, HEADING_PT, BODY_PT, STATUS_PT = 22, 16, 16, 26
GREY = RGBColor(0xA6, 0xA6, 0xA6)
STATUS_LINES = {Plan.Status.DRAFT: "草稿", Plan.Status.SUBMITTED: "送审稿",
                Plan.Status.RETURNED: "草稿（退回修改）"}
UNITS = {"hours": "学时", "days": "天", "count": "项", "characters": "字", "percent": "%"}
DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九: enough for section numbers."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if not tens:
        return DIGITS[ones]
    return (DIGITS[tens] if tens > 1 else "") + "十" + (DIGITS[ones] if ones else "")


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_span(first: dt.date, last: dt.date) -> str:
    """2026年9月1日—9月30日; the year is repeated only when the span crosses into another."""
    if first == last:
        return chinese_date(first)
    end = f"{last.month}月{last.day}日" if last.year == first.year else chinese_date(last)
    return f"{chinese_date(first)}—{end}"


def plan_document(plan: Plan) -> bytes:
    """The plan's .docx: status line, title, issuer and date, preamble, phases, tracks, figures."""
    plan = Plan.objects.select_related("campaign", "organization").get(pk=plan.pk)
    stages = list(plan.phases.order_by("kind", "order").prefetch_related(
        Prefetch("activities", queryset=Activity.objects.order_by("order", "id"))))
    doc = Document()
    _set_up_page(doc)
    status = STATUS_LINES.get(plan.status)
    if status:  # a draft must never pass for the issued plan, even when printed
        _paragraph(doc, status, font=HEI, size=STATUS_PT, bold=True, color=GREY,
                   align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(doc, plan.title, font=SONG, size=TITLE_PT, bold=True,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, f"{plan.organization.name}　{chinese_date(_issued_on(plan))}", font=KAI,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in plan.preamble.splitlines():
        if line.strip():
            _paragraph(doc, line.strip(), indent=True)
    number = count(1)
    phases = [s for s in stages if s.kind == Phase.Kind.PHASE]
    for i, phase in enumerate(phases, 1):
        _heading(doc, number, f"第{chinese_numeral(i)}阶段：{phase.name}"
                              f"（{chinese_span(phase.starts_on, phase.ends_on)}）")
        _activities(doc, phase.activities.all())
    tracks = [s for s in stages if s.kind == Phase.Kind.TRACK]
    if tracks:
        _heading(doc, number, "贯穿全过程")
        for i, track in enumerate(tracks, 1):
            _paragraph(doc, f"（{chinese_numeral(i)}）{track.name}"
                            f"（{chinese_span(track.starts_on, track.ends_on)}）",
                       font=KAI, indent=True)
            _activities(doc, track.activities.all())
    figures = figure_lines(plan.campaign)
    if figures:
        _heading(doc, number, "主要要求")
        for i, text in enumerate(figures, 1):
            _paragraph(doc, f"{i}、{text}。", indent=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def figure_lines(campaign: Campaign) -> list[str]:
    """The campaign's figures in the template's order, each under the template's label."""
    try:
        requirements = builtin.parse(campaign.template_source).requirements
    except TemplateError:  # a kind since unregistered: still print the figures, by key
        requirements = []
    lines = []
    for requirement in requirements:
        if requirement.key in campaign.figures:
            lines.append(_figure_text(requirement.label, campaign.figures[requirement.key],
                                      requirement.unit))
    known = {r.key for r in requirements}
    lines += [f"{key}：{value}" for key, value in campaign.figures.items() if key not in known]
    return lines


def _figure_text(label: str, value: str, unit: str) -> str:
    if unit == "share":
        try:
            value, unit = f"{(Decimal(value) * 100).normalize():f}", "percent"
        except InvalidOperation:
            pass
    if value in label:  # "集中学习的时间一般不少于40个小时" already says it
        return label
    return f"{label}（{value}{UNITS.get(unit, '')}）"


def _issued_on(plan: Plan) -> dt.date:
    return timezone.localtime(plan.decided_at or plan.submitted_at or plan.created_at).date()


def _heading(doc, number, text: str) -> None:
    _paragraph(doc, f"{chinese_numeral(next(number))}、{text}", font=HEI, size=HEADING_PT,
               indent=True)


def _activities(doc, activities) -> None:
    for i, activity in enumerate(activities, 1):
        paragraph = _paragraph(doc, f"{i}、{activity.name}", bold=True, indent=True)
        text = f"（{chinese_span(activity.starts_on, activity.due_on)}）"
        description = activity.description.strip()
        if description:
            text += "。" + description + ("" if description[-1] in "。！？；" else "。")
        _style_run(paragraph.add_run(text), font=SONG, size=BODY_PT)


def _set_up_page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = SONG, Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), SONG)
    # Chinese as the East Asian language, so that “” and ： are set full width in 宋体.
    rpr.append(OxmlElement("w:lang", {qn("w:val"): "zh-CN", qn("w:eastAsia"): "zh-CN"}))
    normal.paragraph_format.line_spacing = Pt(28)
    normal.paragraph_format.space_after = Pt(0)


def _paragraph(doc, text: str, *, font: str = SONG, size: int = BODY_PT, bold: bool = False,
               color: RGBColor | None = None, align=None, indent: bool = False):
    paragraph = doc.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    if indent:  # the first line indented by two characters, as Chinese documents are
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    _style_run(paragraph.add_run(text), font=font, size=size, bold=bold, color=color)
    return paragraph


def _style_run(run, *, font: str, size: int, bold: bool = False,
               color: RGBColor | None = None) -> None:
    run.font.name, run.font.size, run.font.bold = font, Pt(size), bold
    # Word picks the font for Chinese characters from w:eastAsia, not from w:ascii.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    if color is not None:
        run.font.color.rgb = color
