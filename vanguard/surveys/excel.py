"""The results of a preparation survey out to Excel: the hot issues, the groups (small ones
kept together, as on the page) and the texts written, in the page's random order. Text stays
text (the roster's writer guards against formulas). The export is audited."""

import io

import openpyxl
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.people.roster.writing import cell
from vanguard.surveys import selectors
from vanguard.surveys.models import Survey

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(workbook, title: str, header: list, rows, widths: list[int]):
    sheet = workbook.create_sheet(title[:31])
    for index, width in enumerate(widths):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index + 1)].width = width
    sheet.append([cell(sheet, text, bold=True) for text in header])
    for row in rows:
        sheet.append([cell(sheet, value) for value in row])


def results_workbook(*, actor, survey: Survey) -> bytes:
    result = selectors.results(survey)
    workbook = openpyxl.Workbook(write_only=True)
    if not result.shown:
        _sheet(workbook, _("Hot issues"), [_("Answers")],
               [[result.total], [_("Fewer than %(n)d answers: nothing is broken down.")
                                 % {"n": selectors.MIN_GROUP}]], [60])
    else:
        _sheet(workbook, _("Hot issues"), [_("Rank"), _("Issue"), _("Chosen by"), _("Share")],
               [[n, t.label, t.count, round(t.share, 4)]
                for n, t in enumerate(result.topics, 1)], [6, 30, 10, 10])
        header = [_("Group"), _("Answers"), *[t.label for t in result.topics]]
        _sheet(workbook, _("By group"), header,
               [[row.label, row.answers, *[row.counts.get(t.key, 0) for t in result.topics]]
                for row in result.rows], [22, 10] + [14] * len(result.topics))
        _sheet(workbook, _("Expectations"), [_("Expectation")],
               [[text] for text in result.expectations], [100])
        _sheet(workbook, _("Other issues"), [_("Other issue")],
               [[text] for text in result.others], [60])
    buffer = io.BytesIO()
    workbook.save(buffer)
    audit.record(actor=actor, action="surveys.results.exported", target=survey,
                 changes={"answers": [None, result.total]})
    return buffer.getvalue()
