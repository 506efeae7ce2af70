"""The summary report as an activity kind: one per school (and one for the campaign's own
organization), written by the office, acknowledged by the superior; no personal tasks."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from vanguard.campaigns import audience, registry

REPORT_KIND = "reports.summary"


class SummaryReportKind:
    key = REPORT_KIND
    label = _("Summary report to the superior")

    def create_assignments(self, activity) -> int:
        return 0

    def is_done(self, assignment) -> bool:
        return False

    def progress(self, activity, scope) -> tuple[int, int]:
        """Schools whose report the superior acknowledged, over schools in scope."""
        from vanguard.reports.models import SummaryReport

        acknowledged = (SummaryReport.objects.filter(
            campaign_id=activity.plan.campaign_id, organization__path__startswith=scope.path,
            organization__school__isnull=False, status=SummaryReport.Status.ACKNOWLEDGED)
            .values("organization_id").distinct().count())
        return acknowledged, audience.school_count(activity.plan, scope)

    def campaign_links(self, campaign, user) -> list[tuple[str, str]]:
        """The reports page for readers; the reports received for an office."""
        from django.urls import reverse

        from vanguard.access import scope as access_scope
        from vanguard.access.models import Role

        links = []
        if access_scope.is_admin(user) or access_scope.role_paths(user, access_scope.READERS):
            links.append((gettext("Summary reports"), reverse("reports:campaign",
                                                              args=[campaign.pk])))
        if access_scope.is_admin(user) or access_scope.role_paths(user, (Role.Kind.OFFICE,)):
            links.append((gettext("Summary reports received"), reverse("reports:received")))
        return links


registry.register(SummaryReportKind())
