"""The Word document: title, 主送, the sections, and the appendix listing every figure with
its value and source."""

import io

from docx import Document

from vanguard.reports import services
from vanguard.reports.document import report_document, value_text


def _texts(data: bytes) -> tuple[list[str], list[list[str]]]:
    doc = Document(io.BytesIO(data))
    paragraphs = [p.text for p in doc.paragraphs]
    rows = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    return paragraphs, rows


def test_document_has_title_recipient_sections_and_every_figure_in_the_appendix(
        report_world, district):
    office = district.users["office"]
    report = services.generate_report(actor=office, campaign=report_world.campaign,
                                      organization=district.schools[0].committee)
    sections = {**report.sections, "problems": "个别党员学习不够深入。"}
    report = services.edit_report(actor=office, report=report, version=report.version,
                                  title=report.title, sections=sections)
    paragraphs, rows = _texts(report_document(report))
    assert report.title in paragraphs
    assert "区教育工委：" in paragraphs  # 主送: the parent organization
    assert "草稿" in paragraphs  # not sent yet
    assert any(p.endswith("存在的问题和不足") for p in paragraphs)
    assert "个别党员学习不够深入。" in paragraphs
    assert "附表：数据来源" in paragraphs
    assert rows[0] == ["序号", "项目", "数值", "单位", "数据来源"]
    assert len(rows) == len(report.figures) + 1
    for number, (row, figure) in enumerate(zip(rows[1:], report.figures, strict=True), 1):
        assert row == [str(number), figure["label"], value_text(figure["value"]),
                       figure["unit"], figure["source"]]


def test_sent_document_carries_no_draft_line(report_world, district):
    office = district.users["office"]
    report = services.generate_report(actor=office, campaign=report_world.campaign,
                                      organization=district.schools[0].committee)
    report = services.submit_report(actor=office, report=report, version=report.version)
    paragraphs, _rows = _texts(report_document(report))
    assert "草稿" not in paragraphs and "S1学校党委" in paragraphs
