"""A branch's evaluation table (民主评议党员情况登记表) as a Word document, in the layout of the
plan document (GB/T 9704 page, 宋体 title, issuer and date): name, grade and opinion."""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from vanguard.campaigns.documents import (
    HEI,
    KAI,
    SONG,
    TITLE_PT,
    _paragraph,
    _set_up_page,
    _style_run,
    chinese_date,
)
from vanguard.core import clock
from vanguard.evaluations import selectors
from vanguard.evaluations.models import Evaluation

TABLE_PT = 12
HEADERS = ("序号", "姓名", "评定等次", "评议意见", "本人确认")
WIDTHS_MM = (12, 22, 20, 78, 24)


def _cell(cell, text: str, *, bold: bool = False, center: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.line_spacing = Pt(18)
    _style_run(paragraph.add_run(text), font=HEI if bold else SONG, size=TABLE_PT, bold=bold)


def _opinion(row) -> str:
    if row.grade is None:
        return ""
    return f"主要成绩：{row.grade.achievements}\n存在不足：{row.grade.shortcomings}"


def _acknowledged(row) -> str:
    day = row.grade.acknowledged_on if row.grade else None
    return chinese_date(day) if day else "未确认"


def evaluation_table(evaluation: Evaluation) -> bytes:
    rows = selectors.member_rows(evaluation)
    doc = Document()
    _set_up_page(doc)
    _paragraph(doc, f"{evaluation.organization.name}民主评议党员情况登记表", font=SONG,
               size=TITLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, f"{evaluation.campaign.name}　{chinese_date(clock.today())}", font=KAI,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, header, width in zip(table.rows[0].cells, HEADERS, WIDTHS_MM, strict=True):
        cell.width = Mm(width)
        _cell(cell, header, bold=True, center=True)
    # Repeat the header row on every page of a long branch.
    table.rows[0]._tr.get_or_add_trPr().append(
        table.rows[0]._tr.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"}))
    for number, row in enumerate(rows, 1):
        cells = table.add_row().cells
        grade = row.grade.get_grade_display() if row.grade else "未评定"
        for cell, text, width, center in zip(
                cells, (str(number), row.person.name, grade, _opinion(row), _acknowledged(row)),
                WIDTHS_MM, (True, True, True, False, True), strict=True):
            cell.width = Mm(width)
            _cell(cell, text, center=center)
    _paragraph(doc, "")
    _paragraph(doc, f"党支部（盖章）：{evaluation.organization.name}",
               align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
