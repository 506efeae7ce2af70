"""A self-analysis as a Word document (党性分析材料), laid out as the plan document is
(campaigns.documents): title, name and branch, date, each section under its heading."""

import io
import re

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from vanguard.analyses.diffs import plain_text
from vanguard.analyses.models import SelfAnalysis
from vanguard.analyses.services.sections import sections_of
from vanguard.campaigns.documents import (
    GREY,
    HEADING_PT,
    HEI,
    KAI,
    SONG,
    STATUS_PT,
    TITLE_PT,
    _paragraph,
    _set_up_page,
    chinese_date,
    chinese_numeral,
)

TITLE = "党性分析材料"
# A version that is not yet final must never pass for the final one, even when printed.
STATUS_LINES = {SelfAnalysis.Status.SUBMITTED: "送审稿", SelfAnalysis.Status.RETURNED: "退回修改稿",
                SelfAnalysis.Status.APPROVED: "审阅稿", SelfAnalysis.Status.REVISING: "审阅稿"}
HEADING_NUMBER = re.compile(r"^[一二三四五六七八九十]+、")


def analysis_document(analysis: SelfAnalysis) -> bytes | None:
    """The latest handed-in version (the final one once revised); None before any."""
    version = analysis.versions.order_by("-number").first()
    if version is None:
        return None
    doc = Document()
    _set_up_page(doc)
    status = STATUS_LINES.get(analysis.status)
    if status:
        _paragraph(doc, status, font=HEI, size=STATUS_PT, bold=True, color=GREY,
                   align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(doc, TITLE, font=SONG, size=TITLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, f"姓名：{analysis.person.name}　　所在党组织：{analysis.organization.name}",
               font=KAI, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(doc, chinese_date(timezone.localtime(version.submitted_at).date()), font=KAI,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    for number, spec in enumerate(sections_of(analysis.activity), 1):
        heading = spec.label if HEADING_NUMBER.match(spec.label) else \
            f"{chinese_numeral(number)}、{spec.label}"
        _paragraph(doc, heading, font=HEI, size=HEADING_PT, indent=True)
        for line in plain_text(version.sections.get(spec.key, "")).splitlines():
            _paragraph(doc, line, indent=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
