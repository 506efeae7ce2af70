"""The summary report's writes: generated from the records, figures refreshed, sections
edited by the office, sent to the superior, acknowledged or returned there.

Every change is audited inside its transaction; a refresh records the figures whose value
changed ({key: [old, new]}), an edit the sections' lengths (never their text: the audit log
is kept for a year and is read more widely than the report).
"""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.access.models import Role
from vanguard.campaigns.models import Campaign, Notification, Plan
from vanguard.core import clock
from vanguard.people.models import Organization, Person
from vanguard.reports import figures as report_figures
from vanguard.reports.errors import ReportError
from vanguard.reports.models import SummaryReport
from vanguard.reports.sections import MAX_SECTION_CHARACTERS, SECTION_KEYS, prefilled

MAX_TITLE = 150
MIN_REASON, MAX_REASON = 10, 1000
EDITABLE = (SummaryReport.Status.DRAFT, SummaryReport.Status.RETURNED)


def _forbidden() -> ReportError:
    return ReportError(_("You are not allowed to do this here."), code="forbidden")


def _running(campaign: Campaign) -> None:
    if campaign.state != Campaign.State.RUNNING:
        raise ReportError(_("The campaign is closed; its records can be read, not changed."),
                          code="closed")


def default_title(campaign: Campaign, organization: Organization) -> str:
    return f"{organization.name}关于开展{campaign.name}的总结报告"[:MAX_TITLE]


def may_report(campaign: Campaign, organization: Organization) -> bool:
    """A report is written by a level of the campaign: a school's top organization (it has
    a plan), the campaign's root, or a level between them (a district of a city); never by a
    branch inside a school."""
    if not organization.path.startswith(campaign.organization.path):
        return False
    return organization.school_id is None or Plan.objects.filter(
        campaign=campaign, organization=organization).exists()


@transaction.atomic
def generate_report(*, actor, campaign: Campaign, organization: Organization) -> SummaryReport:
    """The report with its figures computed now and the first section prefilled from them."""
    if not actor.has_perm("reports.write_report", organization):
        raise _forbidden()
    _running(campaign)
    if not may_report(campaign, organization):
        raise ReportError(_("A summary report is written by a school or by a level above "
                            "schools in this campaign, not by a branch."), code="level")
    if SummaryReport.objects.filter(campaign=campaign, organization=organization).exists():
        raise ReportError(_("This organization's report exists already: refresh its figures "
                            "instead."), code="exists")
    figures = report_figures.compute(campaign, organization)
    report = SummaryReport.objects.create(
        campaign=campaign, organization=organization, title=default_title(campaign, organization),
        figures=figures, figures_computed_at=clock.now(),
        sections=prefilled(figures, organization.name))
    audit.record(actor=actor, action="reports.report.generated", target=report,
                 changes={"status": [None, report.status], "figures": [None, len(figures)]})
    return report


def _locked(report: SummaryReport, version: int | None = None) -> SummaryReport:
    """The row, locked; refused if it was saved since `version` was read."""
    current = SummaryReport.objects.select_for_update(of=("self",)).select_related(
        "campaign", "organization", "superior").get(pk=report.pk)
    if version is not None and current.version != version:
        raise ReportError(_("This report was changed by someone else after you opened it. "
                            "Your text was not saved; it is kept on this page: copy it, "
                            "reload the page, and merge the two."), code="stale")
    return current


def _writable(actor, report: SummaryReport, version: int | None) -> SummaryReport:
    report = _locked(report, version)
    if not actor.has_perm("reports.write_report", report.organization):
        raise _forbidden()
    _running(report.campaign)
    if report.status not in EDITABLE:
        raise ReportError(_("The report has been sent to the superior; it can be changed "
                            "only if the superior returns it."), code="not_editable")
    return report


def figure_diff(before: list[dict], after: list[dict]) -> dict[str, list]:
    """{key: [old value, new value]} for figures added, removed or changed."""
    old, new = report_figures.by_key(before), report_figures.by_key(after)
    return {key: [old.get(key, {}).get("value"), new.get(key, {}).get("value")]
            for key in sorted(old.keys() | new.keys())
            if old.get(key, {}).get("value") != new.get(key, {}).get("value")}


@transaction.atomic
def refresh_figures(*, actor, report: SummaryReport, version: int) -> SummaryReport:
    """Recompute the figures from the records as they are now. The prefilled section is
    rewritten only if nobody has edited it, so the office's own words are never lost."""
    report = _writable(actor, report, version)
    figures = report_figures.compute(report.campaign, report.organization)
    changes = figure_diff(report.figures, figures)
    name = report.organization.name
    if report.sections.get("how_run", "") == prefilled(report.figures, name)["how_run"]:
        report.sections = {**report.sections, "how_run": prefilled(figures, name)["how_run"]}
    report.figures, report.figures_computed_at = figures, clock.now()
    report.version += 1
    report.save(update_fields=["figures", "figures_computed_at", "sections", "version",
                               "updated_at"])
    audit.record(actor=actor, action="reports.figures.refreshed", target=report,
                 changes=changes)
    return report


def clean_sections(title: str, sections: dict[str, str]) -> tuple[str, dict[str, str]]:
    title = (title or "").strip()
    if not title:
        raise ReportError(_("Give the report a title."), code="title")
    if len(title) > MAX_TITLE:
        raise ReportError(_("The title may be at most %(max)d characters.") % {"max": MAX_TITLE},
                          code="title")
    cleaned = {}
    for key in SECTION_KEYS:
        text = (sections.get(key) or "").replace("\r\n", "\n").strip()
        if len(text) > MAX_SECTION_CHARACTERS:
            raise ReportError(_("A section may be at most %(max)d characters.")
                              % {"max": MAX_SECTION_CHARACTERS}, code="too_long")
        cleaned[key] = text
    return title, cleaned


@transaction.atomic
def edit_report(*, actor, report: SummaryReport, version: int, title: str,
                sections: dict[str, str]) -> SummaryReport:
    title, cleaned = clean_sections(title, sections)
    report = _writable(actor, report, version)
    changes = {key: [len(report.sections.get(key, "")), len(text)]
               for key, text in cleaned.items() if report.sections.get(key, "") != text}
    if report.title != title:
        changes["title"] = [report.title, title]
    report.title, report.sections = title, cleaned
    report.version += 1
    report.save(update_fields=["title", "sections", "version", "updated_at"])
    audit.record(actor=actor, action="reports.report.edited", target=report, changes=changes)
    return report


def _notify(organization: Organization, text: str, url: str, key: str) -> None:
    """Office staff of `organization` who have a person get a notification."""
    people = Person.objects.filter(user__roles__kind=Role.Kind.OFFICE,
                                   user__roles__organization=organization).distinct()
    Notification.objects.bulk_create(
        [Notification(person=p, text=text[:300], url=url, key=key) for p in people],
        ignore_conflicts=True)


@transaction.atomic
def submit_report(*, actor, report: SummaryReport, version: int) -> SummaryReport:
    """Send the report to the parent organization's office (again, after a return)."""
    report = _writable(actor, report, version)
    superior = Organization.objects.get_parent(report.organization) \
        if report.organization.depth > 1 else None
    if superior is None:
        raise ReportError(_("This organization has no superior to send the report to."),
                          code="no_superior")
    if not any(report.sections.get(key, "").strip() for key in SECTION_KEYS):
        raise ReportError(_("Write the report before sending it."), code="empty")
    before = report.status
    now = clock.now()
    report.status, report.superior = SummaryReport.Status.SUBMITTED, superior
    report.submitted_at, report.submitted_by = now, actor
    report.decided_at, report.decided_by = None, None
    report.version += 1
    report.save(update_fields=["status", "superior", "submitted_at", "submitted_by",
                               "decided_at", "decided_by", "version", "updated_at"])
    with translation.override(settings.LANGUAGE_CODE):
        text = _("%(org)s has sent its summary report.") % {"org": report.organization.name}
    _notify(superior, text, reverse("reports:received"), f"report:{report.pk}:{now:%Y%m%d%H%M%S}")
    audit.record(actor=actor, action="reports.report.submitted", target=report,
                 changes={"status": [before, report.status], "superior": [None, superior.code]})
    return report


def _deciding(actor, report: SummaryReport) -> SummaryReport:
    report = _locked(report)
    if not actor.has_perm("reports.decide_report", report):
        raise ReportError(_("Only the office of the superior organization acknowledges or "
                            "returns the report."), code="forbidden")
    if report.status != SummaryReport.Status.SUBMITTED:
        raise ReportError(_("Only a report that has been sent and not yet decided can be "
                            "acknowledged or returned."), code="not_submitted")
    # An office above may also write a school's report; it cannot then receive its own.
    if report.submitted_by_id == actor.pk:
        raise ReportError(_("You sent this report yourself: another person of the superior's "
                            "office acknowledges or returns it."), code="own_report")
    return report


def _decided(actor, report: SummaryReport, status: str, reason: str = "") -> SummaryReport:
    before = report.status
    report.status, report.return_reason = status, reason
    report.decided_at, report.decided_by = clock.now(), actor
    report.version += 1
    report.save(update_fields=["status", "return_reason", "decided_at", "decided_by",
                               "version", "updated_at"])
    with translation.override(settings.LANGUAGE_CODE):
        text = (_("The superior has acknowledged your summary report.")
                if status == SummaryReport.Status.ACKNOWLEDGED
                else _("The superior has returned your summary report: %(reason)s")
                % {"reason": reason})
    _notify(report.organization, text, reverse("reports:detail", args=[report.pk]),
            f"report:{report.pk}:{status}:{report.version}")
    changes = {"status": [before, status]}
    if reason:
        changes["return_reason"] = ["", reason]
    audit.record(actor=actor, action=f"reports.report.{status}", target=report,
                 changes=changes)
    return report


@transaction.atomic
def acknowledge_report(*, actor, report: SummaryReport) -> SummaryReport:
    report = _deciding(actor, report)
    return _decided(actor, report, SummaryReport.Status.ACKNOWLEDGED)


@transaction.atomic
def return_report(*, actor, report: SummaryReport, reason: str) -> SummaryReport:
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise ReportError(_("Say why the report is returned, in at least %(min)d characters.")
                          % {"min": MIN_REASON}, code="reason")
    if len(reason) > MAX_REASON:
        raise ReportError(_("The reason may be at most %(max)d characters.")
                          % {"max": MAX_REASON}, code="reason")
    report = _deciding(actor, report)
    return _decided(actor, report, SummaryReport.Status.RETURNED, reason)
