"""Reads of the reports app, scoped to the viewer: the reports of their organizations, the
organizations they may write one for, and the reports sent to their office."""

from django.db.models import Case, IntegerField, Value, When
from django.http import Http404

from vanguard.access import scope
from vanguard.access.models import Role
from vanguard.campaigns.models import Campaign
from vanguard.people.models import Organization
from vanguard.reports.models import SummaryReport
from vanguard.reports.services import may_report

OFFICE = (Role.Kind.OFFICE,)


def _rows():
    return SummaryReport.objects.select_related("campaign", "organization", "superior",
                                                "submitted_by", "decided_by")


def reports_for(viewer, campaign: Campaign):
    """The campaign's reports of organizations in the viewer's subtrees."""
    return _rows().filter(scope.subtree_filter(viewer, scope.READERS, "organization__"),
                          campaign=campaign).order_by("organization__path")


def get_report_for(viewer, pk) -> SummaryReport:
    """The report if the viewer reads its organization (its office, readers of the school,
    an office above such as the superior's); 404 otherwise, so existence never leaks."""
    report = _rows().filter(pk=pk).first()
    if report is None or not viewer.has_perm("reports.view_report", report.organization):
        raise Http404
    return report


def writable_organizations(viewer, campaign: Campaign) -> list[Organization]:
    """Where the viewer holds office (an admin: the campaign's root), inside the campaign's
    tree, at a level that writes a report; the report itself is found by the caller."""
    if scope.is_admin(viewer):
        candidates = [campaign.organization]
    else:
        candidates = [r.organization for r in scope.roles_of(viewer)
                      if r.kind == Role.Kind.OFFICE and r.organization is not None]
    return [o for o in candidates if may_report(campaign, o)]


def received_for(viewer):
    """Reports sent to an organization where the viewer holds office (an admin: all),
    waiting ones first, then newest."""
    waiting = Case(When(status=SummaryReport.Status.SUBMITTED, then=Value(0)), default=Value(1),
                   output_field=IntegerField())
    return _rows().filter(scope.subtree_filter(viewer, OFFICE, "superior__"),
                          submitted_at__isnull=False).annotate(waiting=waiting).order_by(
        "waiting", "-submitted_at", "-id")


def holds_office(viewer) -> bool:
    return any(r.kind in (Role.Kind.OFFICE, Role.Kind.ADMIN) for r in scope.roles_of(viewer))
