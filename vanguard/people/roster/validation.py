"""Checking each row on its own: every cell readable, the row's status consistent."""

from django.utils.translation import gettext as _

from vanguard.people.roster import values as v
from vanguard.people.roster.categories import parse_category
from vanguard.people.roster.headers import EXPORT_HEADERS
from vanguard.people.roster.records import ACTIVIST, MEMBER, RawRow, RosterRecord, RowProblem, Sheet

_PARSERS = {
    "gender": v.parse_gender,
    "birth_date": v.parse_date,
    "id_number": v.parse_id_number,
    "phone": v.parse_phone,
    "branch": v.parse_branch,
    "joined_on": v.parse_date,
    "staff_no": v.parse_staff_no,
    "department": v.parse_department,
}


def validate_rows(sheet: Sheet) -> tuple[list[RosterRecord], list[RowProblem]]:
    records, problems = [], []
    for raw in sheet.rows:
        outcome = validate_row(raw, sheet.labels)
        if isinstance(outcome, RosterRecord):
            records.append(outcome)
        else:
            problems.append(RowProblem(row=raw.number, reasons=outcome))
    return records, problems


def validate_row(raw: RawRow, labels: dict[str, str]) -> RosterRecord | list[str]:
    """The row as a record, or the reasons it cannot be one (every reason, not the first)."""
    reasons: list[str] = []

    def read(field: str, parser):
        try:
            return parser(raw.values.get(field))
        except v.ValueProblem as problem:
            label = labels.get(field) or EXPORT_HEADERS[field]
            reasons.append(_("%(column)s: %(problem)s") % {"column": label,
                                                            "problem": problem.message})
            return None

    name = read("name", v.parse_name)
    fields = {field: read(field, parser) for field, parser in _PARSERS.items()}
    category_and_status = read("category", parse_category)
    category, status = category_and_status or (None, None)
    if fields["joined_on"] is not None:
        if status == ACTIVIST:
            reasons.append(_("The row has a date of joining the party, but its category says "
                             "activist: clear one of them."))
        status = MEMBER
    if reasons:
        return reasons
    return RosterRecord(row=raw.number, name=name, category=category, status=status, **fields)
