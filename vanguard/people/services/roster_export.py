"""Exporting a roster: the organization's people in the layout an import reads back unchanged."""

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.core import clock
from vanguard.people.models import Activist, Member, Organization, Person, School
from vanguard.people.roster import writing
from vanguard.people.roster.categories import export_text
from vanguard.people.roster.headers import EXPORT_HEADERS
from vanguard.people.roster.records import ACTIVIST, MEMBER, PUBLIC, ExportedRoster
from vanguard.people.services.permissions import require

_GENDER_WORDS = {Person.Gender.MALE: "男", Person.Gender.FEMALE: "女"}
_WIDTHS = {"name": 12, "gender": 6, "birth_date": 12, "id_number": 22, "phone": 15,
           "branch": 24, "category": 16, "joined_on": 12, "staff_no": 14,
           "department": 16}


@transaction.atomic
def export_roster(*, actor, organization: Organization,
                  include_id_numbers: bool = False) -> ExportedRoster:
    """Members by their branch, activists, then the school's other people, as an .xlsx.

    ID numbers go out only on request and only to those who may import the roster too.
    """
    require(actor, "people.export_roster", organization)
    if include_id_numbers:
        require(actor, "people.import_roster", organization)
    fields = [f for f in EXPORT_HEADERS if include_id_numbers or f != "id_number"]
    shared = _shared_branch_names(organization)
    rows = [[_cell(entry, f, shared) for f in fields] for entry in roster_people(organization)]
    content = writing.workbook_bytes(
        _("Roster"), [EXPORT_HEADERS[f] for f in fields], rows,
        widths=[_WIDTHS[f] for f in fields])
    audit.record(actor=actor, action="people.roster.exported", target=organization,
                 changes={"rows": [None, len(rows)], "id_numbers": [None, include_id_numbers]})
    filename = f"roster-{organization.code}-{clock.today():%Y%m%d}.xlsx"
    return ExportedRoster(content=content, filename=filename, rows=len(rows))


def roster_people(organization: Organization):
    """(person, status, organization, joined_on) for everyone the organization's roster lists."""
    members = (Member.objects.filter(organization.subtree_q("organization__"))
               .select_related("person__department", "organization")
               .order_by("organization__path", "person__name", "person_id"))
    for member in members:
        yield member.person, MEMBER, member.organization, member.joined_on
    activists = (Activist.objects.filter(organization.subtree_q("organization__"),
                                         person__member__isnull=True)
                 .select_related("person__department", "organization")
                 .order_by("organization__path", "person__name", "person_id"))
    for activist in activists:
        yield activist.person, ACTIVIST, activist.organization, None
    public = (Person.objects.filter(school__in=_schools_of(organization), member__isnull=True,
                                    activist__isnull=True)
              .select_related("department").order_by("name", "id"))
    for person in public:
        yield person, PUBLIC, None, None


def _schools_of(organization: Organization):
    if organization.school_id:
        return School.objects.filter(pk=organization.school_id)
    # A district node has no school: its roster covers the schools of its subtree.
    return School.objects.filter(organizations__path__startswith=organization.path).distinct()


def _shared_branch_names(organization: Organization) -> set[str]:
    """Branch names used twice in the subtree: those branches are written by code instead."""
    names = (Organization.objects.filter(organization.subtree_q(), kind=Organization.Kind.BRANCH)
             .values("name").annotate(n=Count("id")).filter(n__gt=1).order_by())
    return {row["name"] for row in names}


def _cell(entry: tuple, field: str, shared: set[str]):
    person, status, place, joined_on = entry
    if field == "id_number":
        return person.id_number()
    if field == "gender":
        return _GENDER_WORDS.get(person.gender, "")
    if field == "branch":
        # Only a branch is written: the import reads this column as a branch name or code.
        if place is None or place.kind != Organization.Kind.BRANCH:
            return ""
        return place.code if place.name in shared else place.name
    if field == "category":
        return export_text(person.category, status)
    if field == "joined_on":
        return joined_on
    if field == "department":
        return person.department.name if person.department_id else None
    return getattr(person, field) or None
