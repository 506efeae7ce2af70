"""The printable notice of a disclosure for the bulletin board (Word): title, school, date,
the summary figures, the QR code and the address of the public page, and the digest."""

import io

import segno
from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from vanguard.rectification.models import Disclosure


def qr_png(url: str) -> io.BytesIO:
    # segno writes PNG itself (no Pillow); python-docx reads its size from the header.
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=6, border=2)
    out.seek(0)
    return out


def _centered(doc, text: str, size: int | None = None):
    paragraph = doc.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if size:
        for run in paragraph.runs:
            run.font.size = Pt(size)
    return paragraph


def notice_document(disclosure: Disclosure, url: str) -> bytes:
    content = disclosure.content
    counts = content["counts"]
    doc = Document()
    for section in doc.sections:
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin = section.right_margin = Mm(22)
    doc.styles["Normal"].font.size = Pt(14)
    heading = doc.add_heading(disclosure.title, level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _centered(doc, content["organization"]["school"] or content["organization"]["name"])
    _centered(doc, _("No. %(n)d · published on %(day)s") % {
        "n": disclosure.number,
        "day": timezone.localtime(disclosure.published_at).date().isoformat()})
    if disclosure.correction_note:
        doc.add_paragraph(_("This is a correction of No. %(n)s: %(note)s") % {
            "n": content.get("supersedes"), "note": disclosure.correction_note})
    doc.add_paragraph(_("Rectification items: %(items)d; solved: %(solved)d; verified by the "
                        "superior: %(verified)d; overdue: %(overdue)d.") % counts)
    doc.add_paragraph(_("Lasting rules adopted: %(n)d.") % {"n": len(content.get("rules", []))})
    doc.add_paragraph(_("The plans, measures and results in full, and a form to comment on each "
                        "item (anonymously if you wish), are on the public page:"))
    picture = doc.add_paragraph()
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.add_run().add_picture(qr_png(url), width=Mm(45))
    _centered(doc, url, size=11)
    _centered(doc, _("sha256 of this disclosure: %(digest)s") % {"digest": disclosure.sha256},
              size=8)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
