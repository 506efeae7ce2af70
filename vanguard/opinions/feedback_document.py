"""One subject's feedback as a Word sheet (反馈意见): the released opinions' summaries in a
table, channel and source group under the same k ≥ 5 rule as the page, and lines for the
member's signature and the date. Laid out as the plan document is (campaigns.documents)."""

import io

from django.utils import translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

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
from vanguard.opinions import selectors
from vanguard.opinions.models import Feedback, Subject

TABLE_PT = 12  # 小四: the table must fit the page's width
HIDDEN = "—"
COLUMNS = ("序号", "类别", "意见（梳理后）", "次数", "渠道", "来源")
NOTE = "注：渠道、来源仅在同一对象的反馈意见中至少有%d条相同时显示，以免识别提意见的人。"


def _unit_line(feedback: Feedback) -> str:
    if feedback.subject_kind in (Subject.MEMBER, Subject.LEADER):
        where = feedback.organization.name
        return f"姓名：{feedback.subject_person.name}　　所在党组织：{where}"
    return f"反馈对象：{selectors.subject_label(feedback)}"


def _cell(cell, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = None
    _style_run(paragraph.add_run(text), font=HEI if bold else SONG, size=TABLE_PT, bold=bold)


def feedback_document(feedback: Feedback) -> bytes:
    """The sheet in Chinese whatever the page's language: it is the official paper."""
    with translation.override("zh-hans"):
        lines = selectors.feedback_lines(feedback)
        doc = Document()
        _set_up_page(doc)
        _paragraph(doc, "反馈意见", font=SONG, size=TITLE_PT, bold=True,
                   align=WD_ALIGN_PARAGRAPH.CENTER)
        _paragraph(doc, feedback.campaign.name, font=KAI, align=WD_ALIGN_PARAGRAPH.CENTER)
        _paragraph(doc, _unit_line(feedback))
        if lines:
            table = doc.add_table(rows=1, cols=len(COLUMNS))
            table.style = "Table Grid"
            for cell, title in zip(table.rows[0].cells, COLUMNS, strict=True):
                _cell(cell, title, bold=True)
            for number, line in enumerate(lines, 1):
                values = (str(number), line.opinion.get_category_display(),
                          line.opinion.summary, str(line.opinion.weight),
                          line.channel or HIDDEN, line.source_group or HIDDEN)
                for cell, text in zip(table.add_row().cells, values, strict=True):
                    _cell(cell, str(text))
            _paragraph(doc, NOTE % selectors.MIN_SHARED, size=TABLE_PT)
        else:
            _paragraph(doc, "经梳理，本次征求意见中未收到对你的意见。", indent=True)
        released = chinese_date(feedback.released_on) if feedback.released_on else ""
        _paragraph(doc, f"反馈日期：{released}", size=TABLE_PT)
        doc.add_paragraph().paragraph_format.space_after = Pt(12)
        _paragraph(doc, "本人签字：＿＿＿＿＿＿＿＿　　日期：＿＿＿＿年＿＿月＿＿日",
                   align=WD_ALIGN_PARAGRAPH.RIGHT)
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()
