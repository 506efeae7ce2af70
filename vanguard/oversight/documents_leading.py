"""The campaign's leading groups as a Word document (the list a superior asks for): per level
the group's head, deputies and members with their duties, then the office and its staff."""

import io
from itertools import count

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from vanguard.campaigns.documents import (
    HEI,
    TITLE_PT,
    _paragraph,
    _set_up_page,
    chinese_numeral,
)
from vanguard.oversight.models import Seat

# The document is the zh-hans artefact, as the plan's own document is.
POSTS = {Seat.Post.HEAD: "组长", Seat.Post.DEPUTY: "副组长", Seat.Post.MEMBER: "成员",
         Seat.Post.OFFICE_HEAD: "办公室主任", Seat.Post.OFFICE_STAFF: "办公室工作人员"}
ORDER = list(Seat.Post.values)


def _seat_line(seat: Seat) -> str:
    duty = f"（{seat.duty}）" if seat.duty else ""
    return f"{POSTS[seat.post]}：{seat.person.name}{duty}"


def groups_document(campaign, groups) -> bytes:
    """`groups` come with their organization and seats (person) loaded."""
    doc = Document()
    _set_up_page(doc)
    _paragraph(doc, f"{campaign.name}领导小组及办公室名单", font="方正小标宋简体", size=TITLE_PT,
               align=WD_ALIGN_PARAGRAPH.CENTER)
    number = count(1)
    for group in groups:
        _paragraph(doc, f"{chinese_numeral(next(number))}、{group.organization.name}："
                        f"{group.name}", font=HEI, indent=True)
        seats = sorted(group.seats.all(), key=lambda s: (ORDER.index(s.post), s.pk))
        for seat in (s for s in seats if s.post in Seat.GROUP_POSTS):
            _paragraph(doc, _seat_line(seat), indent=True)
        if group.office_name or any(s.post in Seat.OFFICE_POSTS for s in seats):
            _paragraph(doc, f"领导小组下设办公室：{group.office_name or '办公室'}", indent=True,
                       bold=True)
            for seat in (s for s in seats if s.post in Seat.OFFICE_POSTS):
                _paragraph(doc, _seat_line(seat), indent=True)
            if group.duties:
                _paragraph(doc, f"工作职责：{group.duties}", indent=True)
    if not groups:
        _paragraph(doc, "尚未成立领导小组。", indent=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
