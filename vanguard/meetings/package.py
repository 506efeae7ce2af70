"""The democratic-life meeting's material package: one Word document (the meeting's facts,
attendance, minutes, each leader's analysis, the criticisms) and a zip archive holding it
with a manifest of SHA-256 digests.

Built the same way every time from the same records: the archive's entries carry a fixed
date and each leader's analysis is the latest version submitted by `as_of` (the package's
submission), so the archive the superior downloads has the digest stored at submission."""

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass

from django.utils import timezone, translation
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from vanguard.analyses.models import AnalysisVersion
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
from vanguard.meetings.models import Attendance, Criticism, MaterialPackage, Meeting
from vanguard.meetings.plain_text import to_plain_text

TABLE_PT = 12
FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip entry can carry
DOCUMENT_NAME = "materials.docx"
MANIFEST_NAME = "manifest.json"
ATTENDANCE = {Attendance.Status.PRESENT: "出席", Attendance.Status.ABSENT: "缺席",
              Attendance.Status.EXPECTED: "未登记"}
ACCEPTED = {True: "接受", False: "未接受", None: "—"}


@dataclass(frozen=True)
class Package:
    document: bytes
    archive: bytes
    sha256: str  # of the archive
    filename: str


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fixed_zip(files: list[tuple[str, bytes]]) -> bytes:
    """A zip whose bytes depend only on the files: fixed dates, fixed order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _stable_docx(data: bytes) -> bytes:
    """python-docx stamps each part with the time of saving: the same parts again with a
    fixed date, so the same records give the same document."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return _fixed_zip([(name, source.read(name)) for name in source.namelist()])


def _cell(cell, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = None
    _style_run(paragraph.add_run(text), font=HEI if bold else SONG, size=TABLE_PT, bold=bold)


def _table(doc, columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
    table = doc.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, title in zip(table.rows[0].cells, columns, strict=True):
        _cell(cell, title, bold=True)
    for values in rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            _cell(cell, text)


def _heading(doc, text: str) -> None:
    _paragraph(doc, text, font=HEI, indent=True)


def _text(doc, text: str) -> None:
    for line in text.splitlines():
        if line.strip():
            _paragraph(doc, line.strip(), indent=True)


def _latest_versions(meeting: Meeting, person_ids, as_of) -> dict[int, AnalysisVersion]:
    """Each person's latest analysis version submitted by `as_of`: one query."""
    versions = AnalysisVersion.objects.filter(
        analysis__campaign_id=meeting.activity.plan.campaign_id,
        analysis__person_id__in=person_ids, submitted_at__lte=as_of).select_related(
        "analysis__activity").order_by("analysis__person_id", "number")
    return {v.analysis.person_id: v for v in versions}  # the last wins: the highest number


def _section_labels(version: AnalysisVersion) -> dict[str, str]:
    sections = (version.analysis.activity.settings or {}).get("sections") or []
    return {s.get("key"): s.get("label") or s.get("key") for s in sections}


def _analyses(doc, rows: list[Attendance], versions: dict[int, AnalysisVersion]) -> None:
    _heading(doc, "四、个人党性分析材料")
    for number, row in enumerate(rows, 1):
        _paragraph(doc, f"{number}. {row.person.name}", bold=True, indent=True)
        version = versions.get(row.person_id)
        if version is None:
            _paragraph(doc, "（未提交）", font=KAI, indent=True)
            continue
        labels = _section_labels(version)
        keys = list(labels) + [k for k in version.sections if k not in labels]
        for key in keys:
            if key in version.sections:
                _paragraph(doc, labels.get(key, key), font=KAI, indent=True)
                _text(doc, to_plain_text(version.sections[key]))


def word_document(meeting: Meeting, as_of) -> bytes:
    """The package's Word document, in Chinese whatever the page's language."""
    rows = list(Attendance.objects.filter(meeting=meeting).select_related("person"))
    criticisms = list(Criticism.objects.filter(meeting=meeting).select_related("critic",
                                                                                "target"))
    versions = _latest_versions(meeting, [r.person_id for r in rows], as_of)
    with translation.override("zh-hans"):
        doc = Document()
        _set_up_page(doc)
        stamp = timezone.localtime(as_of).replace(tzinfo=None, microsecond=0)
        doc.core_properties.created = doc.core_properties.modified = stamp
        _paragraph(doc, f"{meeting.organization.name}领导班子专题民主生活会材料", font=SONG,
                   size=TITLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _paragraph(doc, f"报送日期：{chinese_date(timezone.localtime(as_of).date())}", font=KAI,
                   align=WD_ALIGN_PARAGRAPH.CENTER)
        _heading(doc, "一、会议基本情况")
        held = timezone.localtime(meeting.held_at)
        facts = [f"会议名称：{meeting.title}",
                 f"召开时间：{chinese_date(held.date())} {held:%H:%M}，"
                 f"时长{meeting.duration_minutes}分钟",
                 f"召开地点：{meeting.place or '—'}",
                 f"应到{len(rows)}人，实到"
                 f"{sum(r.status == Attendance.Status.PRESENT for r in rows)}人。"]
        for line in facts:
            _paragraph(doc, line, indent=True)
        _table(doc, ("序号", "姓名", "出席情况", "自我批评"), [
            (str(i), r.person.name, ATTENDANCE.get(r.status, r.status)
             + (f"（{r.absence_reason}）" if r.absence_reason else ""),
             "已作" if r.self_criticism_done else "未作") for i, r in enumerate(rows, 1)])
        _heading(doc, "二、会议记录")
        _text(doc, meeting.minutes or "（未记录）")
        _heading(doc, "三、相互批评意见")
        if criticisms:
            _table(doc, ("序号", "提出人", "被批评人", "意见摘要", "是否接受"), [
                (str(i), c.critic.name, c.target.name, c.summary, ACCEPTED[c.accepted])
                for i, c in enumerate(criticisms, 1)])
        else:
            _paragraph(doc, "（未记录）", indent=True)
        _analyses(doc, rows, versions)
        doc.add_paragraph().paragraph_format.space_after = Pt(12)
        buffer = io.BytesIO()
        doc.save(buffer)
    return _stable_docx(buffer.getvalue())


def build_package(meeting: Meeting, *, as_of=None) -> Package:
    """The Word document and the archive. `as_of` defaults to the package's submission (so
    a download matches what was sent), or now for a preview before it is sent."""
    meeting = Meeting.objects.select_related("organization", "activity__plan").get(
        pk=meeting.pk)  # fresh: the caller's copy may predate the minutes
    if as_of is None:
        sent = MaterialPackage.objects.filter(meeting=meeting).first()
        as_of = sent.submitted_at if sent else clock.now()
    # One time zone whatever the database hands back, so the same moment prints the same.
    as_of = timezone.localtime(as_of)
    document = word_document(meeting, as_of)
    manifest = {"meeting": meeting.pk, "organization": meeting.organization.code,
                "title": meeting.title, "as_of": timezone.localtime(as_of).isoformat(),
                "files": {DOCUMENT_NAME: _sha256(document)}}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2,
                                sort_keys=True).encode()
    archive = _fixed_zip([(DOCUMENT_NAME, document), (MANIFEST_NAME, manifest_bytes)])
    return Package(document=document, archive=archive, sha256=_sha256(archive),
                   filename=f"democratic-life-{meeting.organization.code}-{meeting.pk}.zip")
