"""The summary report as a Word document in the layout of the plan document (GB/T 9704 page,
宋体 title, 主送 line, numbered 黑体 headings), with the appendix 附表：数据来源 that lists
every figure with its value and where it came from."""

import io
from itertools import count

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from vanguard.campaigns.documents import (
    GREY,
    HEI,
    KAI,
    SONG,
    STATUS_PT,
    TITLE_PT,
    _heading,
    _paragraph,
    _set_up_page,
    _style_run,
    chinese_date,
)
from vanguard.core import clock
from vanguard.reports.models import SummaryReport
from vanguard.reports.sections import SECTIONS

TABLE_PT = 10.5
HEADERS = ("序号", "项目", "数值", "单位", "数据来源")
WIDTHS_MM = (12, 42, 26, 12, 64)
STATUS_LINES = {SummaryReport.Status.DRAFT: "草稿",
                SummaryReport.Status.RETURNED: "草稿（退回修改）"}


def value_text(value) -> str:
    return "—" if value is None or value == "" else str(value)


def _cell(cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = Pt(16)
    paragraph.paragraph_format.first_line_indent = Pt(0)
    _style_run(paragraph.add_run(text), font=HEI if bold else SONG, size=TABLE_PT, bold=bold)


def _recipient(report: SummaryReport) -> str:
    superior = report.superior
    if superior is None and report.organization.depth > 1:
        superior = type(report.organization).objects.get_parent(report.organization)
    return f"{superior.name}：" if superior is not None else ""


def _appendix(doc, report: SummaryReport) -> None:
    doc.add_page_break()
    _paragraph(doc, "附表：数据来源", font=HEI)
    stamp = report.figures_computed_at or report.created_at
    _paragraph(doc, f"以下数据由系统于{timezone.localtime(stamp):%Y年%m月%d日 %H:%M}根据"
                    f"{report.organization.name}及下级组织的记录统计。", size=12)
    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, header, width in zip(table.rows[0].cells, HEADERS, WIDTHS_MM, strict=True):
        cell.width = Mm(width)
        _cell(cell, header, bold=True, center=True)
    # The header row repeats on every page of a long appendix.
    table.rows[0]._tr.get_or_add_trPr().append(
        table.rows[0]._tr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
    for number, row in enumerate(report.figures, 1):
        cells = table.add_row().cells
        texts = (str(number), row["label"], value_text(row["value"]), row.get("unit", ""),
                 row.get("source", ""))
        for cell, text, width, center in zip(cells, texts, WIDTHS_MM,
                                             (True, False, True, True, False), strict=True):
            cell.width = Mm(width)
            _cell(cell, text, center=center)


def report_document(report: SummaryReport) -> bytes:
    """The .docx: status line (drafts), title, 主送, the sections, signature and date, then the
    appendix of figures."""
    doc = Document()
    _set_up_page(doc)
    status = STATUS_LINES.get(report.status)
    if status:  # a draft must never pass for the report sent, even when printed
        _paragraph(doc, status, font=HEI, size=STATUS_PT, bold=True, color=GREY,
                   align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(doc, report.title, font=SONG, size=TITLE_PT, bold=True,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, "")
    recipient = _recipient(report)
    if recipient:
        _paragraph(doc, recipient)
    number = count(1)
    for key, heading in SECTIONS:
        text = report.sections.get(key, "").strip()
        if not text:
            continue
        _heading(doc, number, heading)
        for line in text.splitlines():
            if line.strip():
                _paragraph(doc, line.strip(), indent=True)
    _paragraph(doc, "")
    _paragraph(doc, report.organization.name, align=WD_ALIGN_PARAGRAPH.RIGHT)
    day = timezone.localtime(report.submitted_at).date() if report.submitted_at \
        else clock.today()
    _paragraph(doc, chinese_date(day), font=KAI, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _appendix(doc, report)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
