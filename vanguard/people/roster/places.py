"""Where a roster row belongs: its branch (by name or code) and its school."""

import re
import unicodedata

from django.utils.translation import gettext as _

from vanguard.people.models import Department, Organization, School
from vanguard.people.roster.records import ACTIVIST, MEMBER, RosterRecord


def _key(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


class BranchIndex:
    """The branches of an organization's subtree, found by code or by name (one query)."""

    def __init__(self, organization: Organization):
        self.organization = organization
        branches = Organization.objects.filter(
            organization.subtree_q(), kind=Organization.Kind.BRANCH).select_related("school")
        self.by_code: dict[str, Organization] = {}
        self.by_name: dict[str, list[Organization]] = {}
        for branch in branches:
            self.by_code[_key(branch.code)] = branch
            self.by_name.setdefault(_key(branch.name), []).append(branch)

    def find(self, text: str) -> Organization | str:
        """The branch `text` names, or the reason it names none."""
        key = _key(text)
        if key in self.by_code:
            return self.by_code[key]
        named = self.by_name.get(key, [])
        if len(named) == 1:
            return named[0]
        if named:
            return _("Several branches are called “%(name)s”: write the branch code instead "
                     "(%(codes)s).") % {"name": text, "codes": ", ".join(b.code for b in named)}
        return _("“%(name)s” is not a branch of %(org)s: write a branch name or code as the "
                 "organization pages show it.") % {"name": text, "org": self.organization.name}


Place = tuple[Organization | None, School | None, list[str]]


def place_of(record: RosterRecord, branches: BranchIndex) -> Place:
    """(branch, school, reasons) for a row; the branch is None for a row that names none."""
    organization = branches.organization
    branch = None
    if record.branch:
        found = branches.find(record.branch)
        if isinstance(found, str):
            return None, None, [found]
        branch = found
    elif organization.kind == Organization.Kind.BRANCH and record.status in (MEMBER, ACTIVIST):
        branch = organization  # a branch's own roster need not repeat the branch's name
    reasons = []
    school = organization.school or (branch.school if branch else None)
    if school is None:
        reasons.append(_("%(org)s belongs to no school, so each row needs the branch of a school "
                         "in the 党支部 column.") % {"org": organization.name})
    return branch, school, reasons


class DepartmentIndex:
    """The departments of the schools a file's rows belong to, found by name (one query).

    An import never creates a department: a name the school does not know is a row error."""

    def __init__(self, schools):
        self.by_school: dict[int, dict[str, Department]] = {}
        for department in Department.objects.filter(
                school_id__in=sorted({s.pk for s in schools})).order_by("name"):
            self.by_school.setdefault(department.school_id, {})[_key(department.name)] = department

    def find(self, text: str, school: School) -> Department | str:
        """The department of `school` that `text` names, or the reason it names none."""
        known = self.by_school.get(school.pk, {})
        if _key(text) in known:
            return known[_key(text)]
        if not known:
            return _("“%(name)s” is not a department of %(school)s, which has no departments "
                     "recorded: leave the 部门 column empty.") % {"name": text,
                                                                 "school": school.name}
        return _("“%(name)s” is not a department of %(school)s. Its departments are: "
                 "%(known)s. An import does not create departments.") % {
            "name": text, "school": school.name,
            "known": "、".join(d.name for d in known.values())}
