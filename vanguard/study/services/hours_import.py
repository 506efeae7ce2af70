"""Importing hours from the Excel sheets schools keep: every row checked, then all written or none.

Members are found in one query for the whole scope; the ledger is read in two; lines are
written in batches, and totals and tasks recomputed per chunk of people, never per row.
"""

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Campaign
from vanguard.core.errors import VanguardError
from vanguard.people.models import Member, Organization
from vanguard.people.roster import reading
from vanguard.people.roster import values as v
from vanguard.people.roster.places import BranchIndex
from vanguard.people.roster.records import RowProblem
from vanguard.study.errors import StudyError
from vanguard.study.hours_sheet import (
    EXPORT_HEADERS,
    ONE_PLACE,
    HoursSheet,
    day_parser,
    kind_of,
    optional,
    parse_hours,
    parse_title,
    read_table,
    sheet_of,
)
from vanguard.study.models import HoursEntry
from vanguard.study.models.hours import MAX_HOURS_A_DAY
from vanguard.study.services.hours import require
from vanguard.study.services.hours_totals import lock_people, refresh_tasks, refresh_totals

BATCH = 2000


@dataclass(frozen=True)
class HoursRow:
    row: int
    person_id: int
    branch_id: int
    name: str
    title: str
    studied_on: dt.date
    hours: Decimal


@dataclass
class HoursImportResult:
    filename: str
    header_row: int
    dry_run: bool
    ignored_headers: list[str] = field(default_factory=list)
    stopped_at: int | None = None
    rows_ok: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    created: int = 0
    unchanged: int = 0  # already on the ledger: importing the file again changes nothing
    people: int = 0
    written: bool = False

    @property
    def rows_with_errors(self) -> int:
        return len(self.problems)

    @property
    def ok(self) -> bool:
        return not self.problems


# --- finding the member -----------------------------------------------------------------------

def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).lower()


@dataclass(frozen=True)
class _Member:
    person_id: int
    name: str
    branch_id: int
    path: str


class _Scope:
    """The members of the organization's subtree, loaded in one query, found by number or name."""

    def __init__(self, organization: Organization):
        self.organization = organization
        self.by_staff: dict[str, list[_Member]] = defaultdict(list)
        self.by_name: dict[str, list[_Member]] = defaultdict(list)
        rows = Member.objects.filter(organization.subtree_q("organization__")).values_list(
            "person_id", "person__name", "person__staff_no", "organization_id",
            "organization__path")
        for person_id, name, staff_no, branch_id, path in rows:
            member = _Member(person_id, name, branch_id, path)
            if staff_no:
                self.by_staff[_key(staff_no)].append(member)
            self.by_name[_key(name)].append(member)
        self._branches: BranchIndex | None = None
        self._found: dict[str, Organization | str] = {}

    def branch(self, text: str) -> Organization | str:
        if self._branches is None:
            self._branches = BranchIndex(self.organization)
        if text not in self._found:
            self._found[text] = self._branches.find(text)
        return self._found[text]

    def find(self, name: str | None, staff_no: str | None, branch_text: str | None
             ) -> _Member | str:
        """The member a row names, or the reason it names none."""
        branch = self.branch(branch_text) if branch_text else None
        if isinstance(branch, str):
            return branch
        org = self.organization.name
        if staff_no:
            found = self.by_staff.get(_key(staff_no), [])
            if len(found) > 1 and branch is not None:
                found = [m for m in found if m.path.startswith(branch.path)]
            if not found:
                return _("No member of %(org)s has the staff or student number %(number)s.") \
                    % {"org": org, "number": staff_no}
            if len(found) > 1:
                return _("Several members have the staff or student number %(number)s: fill in "
                         "the 党支部 column.") % {"number": staff_no}
            if name and _key(name) != _key(found[0].name):
                return _("The staff or student number %(number)s is %(owner)s's, not "
                         "%(name)s's.") % {"number": staff_no, "owner": found[0].name,
                                           "name": name}
            return found[0]
        found = self.by_name.get(_key(name), [])
        if branch is not None:
            found = [m for m in found if m.path.startswith(branch.path)]
            org = branch.name
        if not found:
            return _("No member of %(org)s is called %(name)s.") % {"org": org, "name": name}
        if len(found) > 1:
            return _("Several members of %(org)s are called %(name)s: fill in the 学号/工号 "
                     "column.") % {"org": org, "name": name}
        return found[0]


# --- the import -------------------------------------------------------------------------------

@transaction.atomic
def import_hours(*, actor, organization: Organization, campaign: Campaign, path_or_file,
                 filename: str = "", dry_run: bool = False) -> HoursImportResult:
    """Check every row and, unless `dry_run` or any row is refused, add them to the ledger.

    A row already on the ledger (same member, date, activity and hours) is left as it is, so
    importing the same file again changes nothing. `actor=None` is the platform itself.
    """
    require(actor, "study.import_hours", organization)
    if not organization.path.startswith(campaign.organization.path):
        raise StudyError(_("%(org)s does not take part in %(campaign)s.")
                         % {"org": organization.name, "campaign": campaign.name},
                         code="outside_campaign")
    if campaign.state != Campaign.State.RUNNING:
        raise StudyError(_("The campaign is closed: its hours can no longer be changed."),
                         code="campaign_closed")
    filename = filename or reading._name_of(path_or_file)
    try:
        sheet = sheet_of(read_table(path_or_file, filename))
    except StudyError:
        raise
    except VanguardError as exc:  # the roster reader's own errors (size, type, encoding)
        raise StudyError(exc.text, code=getattr(exc, "code", None)) from None
    result = HoursImportResult(filename=filename, header_row=sheet.header_row, dry_run=dry_run,
                               ignored_headers=sheet.ignored, stopped_at=sheet.stopped_at)
    reasons: dict[int, list[str]] = defaultdict(list)
    rows = _read_rows(sheet, campaign, _Scope(organization), reasons)
    if not dry_run:  # from here until the commit no one else may change these ledgers
        lock_people({r.person_id for r in rows})
    new = _against_ledger(rows, campaign, organization, reasons)
    result.problems = [RowProblem(n, texts) for n, texts in sorted(reasons.items()) if texts]
    new = [r for r in new if not reasons.get(r.row)]
    result.rows_ok = sum(1 for n, _v in sheet.rows if not reasons.get(n))
    result.created = len(new)
    result.unchanged = result.rows_ok - result.created
    result.people = len({r.person_id for r in new})
    if result.problems or dry_run:
        return result
    _write(new, campaign, actor)
    audit.record(actor=actor, action="study.hours.imported", target=organization, changes={
        "campaign": [None, campaign.pk], "filename": [None, filename],
        "rows": [None, result.rows_ok], "created": [None, result.created],
        "unchanged": [None, result.unchanged], "people": [None, result.people]})
    result.written = True
    return result


def _read_rows(sheet: HoursSheet, campaign: Campaign, scope: _Scope,
               reasons: dict[int, list[str]]) -> list[HoursRow]:
    parsers = {"name": optional(v.parse_name), "staff_no": v.parse_staff_no,
               "branch": v.parse_branch, "title": parse_title,
               "studied_on": day_parser(campaign), "hours": parse_hours}
    rows, seen = [], defaultdict(list)
    for number, values in sheet.rows:
        cells, problems = {}, reasons[number]
        for name, parser in parsers.items():
            try:
                cells[name] = parser(values.get(name))
            except v.ValueProblem as problem:
                label = sheet.labels.get(name) or EXPORT_HEADERS[name]
                problems.append(_("%(column)s: %(problem)s")
                                % {"column": label, "problem": problem.message})
        if not problems and not cells["name"] and not cells["staff_no"]:
            problems.append(_("Give the member's 姓名 or 学号/工号."))
        if problems:
            continue
        member = scope.find(cells["name"], cells["staff_no"], cells["branch"])
        if isinstance(member, str):
            problems.append(member)
            continue
        row = HoursRow(row=number, person_id=member.person_id, branch_id=member.branch_id,
                       name=member.name, title=cells["title"], studied_on=cells["studied_on"],
                       hours=cells["hours"])
        rows.append(row)
        seen[(row.person_id, row.title, row.studied_on)].append(number)
    for numbers in seen.values():
        for number in numbers if len(numbers) > 1 else ():
            others = ", ".join(str(n) for n in numbers if n != number)
            reasons[number].append(_("The same member, activity and date is also on row "
                                     "%(rows)s.") % {"rows": others})
    return [r for r in rows if not reasons[r.row]]


def _against_ledger(rows: list[HoursRow], campaign: Campaign, organization: Organization,
                    reasons: dict[int, list[str]]) -> list[HoursRow]:
    """The rows not on the ledger yet; rows that clash with it, or would take a member past 24
    hours on a day, get their reason. Two queries over the scope and the file's dates."""
    if not rows:
        return []
    people = {r.person_id for r in rows}
    span = (min(r.studied_on for r in rows), max(r.studied_on for r in rows))
    in_scope = HoursEntry.objects.filter(
        organization.subtree_q("person__member__organization__"), studied_on__range=span)
    stored: dict[tuple, set[Decimal]] = defaultdict(set)
    for person_id, day, title, hours in in_scope.filter(campaign=campaign).values_list(
            "person_id", "studied_on", "title", "hours"):
        if person_id in people:
            stored[(person_id, title, day)].add(Decimal(hours))
    by_day = in_scope.values("person_id", "studied_on").annotate(total=Sum("hours")).order_by()
    day_totals = {(r["person_id"], r["studied_on"]): Decimal(r["total"]).quantize(ONE_PLACE)
                  for r in by_day if r["person_id"] in people}
    new, adding = [], defaultdict(Decimal)
    for row in rows:
        known = stored.get((row.person_id, row.title, row.studied_on))
        if known and row.hours in known:
            continue
        if known:
            reasons[row.row].append(
                _("%(name)s already has “%(title)s” on %(date)s with %(hours)s hours on the "
                  "ledger. To change the hours, remove that line first.")
                % {"name": row.name, "title": row.title, "date": row.studied_on,
                   "hours": ", ".join(str(h) for h in sorted(known))})
            continue
        new.append(row)
        adding[(row.person_id, row.studied_on)] += row.hours
    for row in new:
        key = (row.person_id, row.studied_on)
        before = day_totals.get(key, Decimal(0))
        if before + adding[key] > MAX_HOURS_A_DAY:
            reasons[row.row].append(
                _("%(name)s would have %(total)s hours on %(date)s (%(stored)s already on the "
                  "ledger); at most 24 hours a day are counted.")
                % {"name": row.name, "total": before + adding[key], "date": row.studied_on,
                   "stored": before})
    return new


def _write(rows: list[HoursRow], campaign: Campaign, actor) -> None:
    recorder = actor if getattr(actor, "is_authenticated", False) else None
    for start in range(0, len(rows), BATCH):
        HoursEntry.objects.bulk_create([
            HoursEntry(campaign=campaign, person_id=r.person_id, organization_id=r.branch_id,
                       kind=kind_of(r.title), title=r.title, studied_on=r.studied_on,
                       hours=r.hours, source=HoursEntry.Source.IMPORT, recorded_by=recorder)
            for r in rows[start:start + BATCH]])
    refresh_tasks(campaign, refresh_totals(campaign, {r.person_id for r in rows}))
