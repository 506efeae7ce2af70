"""Hours out to Excel: the ledger in the layout the import reads back, and the list of who is
behind. Text that looks like a formula is written as text (the roster's writer)."""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Campaign
from vanguard.core import clock
from vanguard.people.models import Organization
from vanguard.people.roster import writing
from vanguard.people.roster.categories import export_text
from vanguard.people.roster.records import MEMBER
from vanguard.study import selectors_hours as hours
from vanguard.study.hours_sheet import EXPORT_HEADERS
from vanguard.study.models import HoursEntry
from vanguard.study.services.hours import require

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ExportedHours:
    content: bytes
    filename: str
    rows: int


def _branch_names(organization: Organization) -> dict[int, str]:
    """Each branch's name, or its code where two branches of the subtree share the name, so
    that the import finds the same branch again."""
    branches = Organization.objects.filter(organization.subtree_q()).values_list(
        "pk", "name", "code")
    shared = set(Organization.objects.filter(organization.subtree_q()).values("name")
                 .annotate(n=Count("id")).filter(n__gt=1).values_list("name", flat=True))
    return {pk: code if name in shared else name for pk, name, code in branches}


@transaction.atomic
def export_hours(*, actor, organization: Organization,
                 campaign: Campaign | None = None) -> ExportedHours:
    """One row per ledger line of the subtree (of one campaign, or of all)."""
    require(actor, "study.view_hours", organization)
    names = _branch_names(organization)
    entries = HoursEntry.objects.filter(organization.subtree_q("organization__"))
    if campaign is not None:
        entries = entries.filter(campaign=campaign)
    # Plain tuples, not model instances: a district's ledger runs to hundreds of thousands.
    lines = (entries.order_by("organization__path", "person__name", "person_id", "studied_on",
                              "id")
             .values_list("organization_id", "person__staff_no", "person__name",
                          "person__category", "title", "studied_on", "hours"))
    count = 0

    def rows():
        nonlocal count
        for branch, staff_no, name, category, title, studied_on, hours_ in lines.iterator(
                chunk_size=5000):
            count += 1
            yield [names.get(branch, ""), staff_no or None, name,
                   export_text(category, MEMBER), title, studied_on, hours_]

    content = writing.workbook_bytes(_("Study hours"), list(EXPORT_HEADERS.values()), rows(),
                                     widths=[22, 14, 12, 12, 36, 12, 8])
    audit.record(actor=actor, action="study.hours.exported", target=organization, changes={
        "campaign": [None, campaign.pk if campaign else None], "rows": [None, count]})
    return ExportedHours(content=content, rows=count,
                         filename=f"hours-{organization.code}-{clock.today():%Y%m%d}.xlsx")


@transaction.atomic
def export_behind(*, actor, campaign: Campaign, node: Organization) -> ExportedHours:
    """Who is behind in the subtree, and who is exempt, as a workbook to print or send on."""
    require(actor, "study.view_hours", node)
    names = _branch_names(node)
    header = [_("Branch"), _("Staff or student number"), _("Name"), _("Organized hours"),
              _("Minimum"), _("Hours missing"), _("Kinds short"), _("Self-study hours"),
              _("Exempt because")]
    tasks = hours.member_hours(campaign, node).exclude(status="done")
    count = 0

    def rows():
        nonlocal count
        for task in tasks.iterator(chunk_size=2000):
            count += 1
            row = hours.BehindRow(task, hours.Minimums.of(task.activity, campaign))
            short = "；".join(f"{label} {have}/{need}" for label, have, need in row.shortfalls)
            exempt = task.exemption_reason or ""
            yield [names.get(task.organization_id, ""), row.person.staff_no or None,
                   row.person.name, row.organized, row.minimums.hours,
                   None if exempt else row.missing, None if exempt else short,
                   row.self_study, exempt]

    content = writing.workbook_bytes(_("Behind on study hours"), header, rows(),
                                     widths=[22, 14, 12, 10, 8, 10, 30, 10, 30])
    audit.record(actor=actor, action="study.behind.exported", target=node, changes={
        "campaign": [None, campaign.pk], "rows": [None, count]})
    return ExportedHours(content=content, rows=count,
                         filename=f"hours-behind-{node.code}-{clock.today():%Y%m%d}.xlsx")
