"""The printable answer slips (测评票) as a Word document: per respondent their name and
group, the answer page's address with the code after "#", and that address as a QR code."""

import io

import segno
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from vanguard.assessments.models import Assessment
from vanguard.assessments.services.common import group_labels

SLIPS_PER_PAGE = 4


def _qr_png(url: str) -> io.BytesIO:
    # segno writes PNG itself (no Pillow); python-docx reads its size from the header.
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=4, border=2)
    out.seek(0)
    return out


def slip_url(answer_url: str, token: str) -> str:
    # The code rides in the fragment: a browser never sends it to the server or its logs.
    return f"{answer_url}#{token}"


def slips_document(assessment: Assessment, slips, answer_url: str) -> bytes:
    doc = Document()
    for section in doc.sections:
        section.top_margin = section.bottom_margin = Mm(12)
        section.left_margin = section.right_margin = Mm(18)
    doc.styles["Normal"].font.size = Pt(11)
    labels = group_labels()
    for number, (respondent, token) in enumerate(slips, 1):
        url = slip_url(answer_url, token)
        title = doc.add_paragraph()
        title.add_run(f"{assessment.organization.name} · 满意度测评").bold = True
        doc.add_paragraph(f"{respondent.person.name} · {labels.get(respondent.group, '')} · "
                          f"{respondent.get_part_display()}")
        doc.add_paragraph(_("Scan the code, or open %(url)s and enter the code:")
                          % {"url": answer_url})
        code = doc.add_paragraph()
        code.add_run(token).font.name = "Courier New"
        doc.add_picture(_qr_png(url), width=Mm(32))
        doc.add_paragraph(_("Answer by %(day)s. Your answers are anonymous: they carry neither "
                            "your name nor this code, and the code works once.")
                          % {"day": assessment.closes_on})
        cut = doc.add_paragraph("✂ " + "- " * 40)
        cut.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if number % SLIPS_PER_PAGE == 0 and number < len(slips):
            doc.add_page_break()
    if not slips:
        doc.add_paragraph(_("Everyone has answered: no slip is needed."))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
