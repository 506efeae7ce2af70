"""The printable opinion form (征求意见表) as a Word document: filled in by hand, returned to
the box or the office, typed in as channel "form"; it carries the public link and its QR."""

import io

import segno
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from vanguard.opinions.models import Category, Intake, SourceGroup

BOX = "☐"
TEXT_LINES = 14
LINE = "_" * 46


def _ticks(choices) -> str:
    return "    ".join(f"{BOX} {label}" for _value, label in choices)


def _qr_png(url: str) -> io.BytesIO:
    # segno writes PNG itself (no Pillow); python-docx reads its size from the header.
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=5, border=2)
    out.seek(0)
    return out


def opinion_form_document(intake: Intake, url: str) -> bytes:
    doc = Document()
    for section in doc.sections:
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin = section.right_margin = Mm(22)
    doc.styles["Normal"].font.size = Pt(12)
    title = doc.add_heading(_("Opinion form"), level=1)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    school = doc.add_paragraph(str(intake.organization))
    school.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(_("You need not write your name. Fold the form and put it in the opinion "
                        "box, or hand it to the campaign office."))
    doc.add_paragraph(_("About (a member, a leader, a branch, the leadership team or the school's "
                        "party organization):") + " " + "_" * 24)
    doc.add_paragraph(_("Category:") + "  " + _ticks(Category.choices))
    doc.add_paragraph(_("You are:") + "  " + _ticks(SourceGroup.choices))
    doc.add_paragraph(_("Your opinion:"))
    for _line in range(TEXT_LINES):
        doc.add_paragraph(LINE)
    doc.add_paragraph(_("Your name (optional; only the campaign office sees it):") + " "
                      + "_" * 16)
    doc.add_paragraph(_("Date:") + " " + "_" * 16)
    online = doc.add_paragraph(_("You may also give your opinion online, anonymously, at:")
                               + " " + url)
    online.runs[0].font.size = Pt(10)
    doc.add_picture(_qr_png(url), width=Mm(30))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
