"""Report pages: the campaign's reports and generating one, the web version (each figure
linked to the page that lists its records), editing, the Word document, sending upward, and
the superior office's list of reports received with acknowledge / return."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.campaigns import selectors as campaign_selectors
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.people.models import Organization
from vanguard.reports import selectors, services
from vanguard.reports.document import report_document
from vanguard.reports.forms import SECTION_LABELS, ReportEditForm, ReturnForm
from vanguard.reports.models import SummaryReport
from vanguard.reports.sections import SECTIONS

PAGE_SIZE = 30
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def campaign_reports(request, campaign):
    """The reports of the viewer's organizations, and a button for each organization where
    they hold office that has none yet."""
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    reports = list(selectors.reports_for(request.user, campaign))
    have = {r.organization_id for r in reports}
    missing = [o for o in selectors.writable_organizations(request.user, campaign)
               if o.pk not in have and request.user.has_perm("reports.write_report", o)]
    return render(request, "reports/campaign.html", {
        "campaign": campaign, "reports": reports, "missing": missing})


@login_required
@require_POST
def generate(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    code = request.POST.get("org", "")[:32]
    organization = Organization.objects.filter(code=code).first()
    if organization is None or not request.user.has_perm("reports.view_report", organization):
        messages.error(request, _("Choose one of your organizations."))
        return redirect("reports:campaign", campaign=campaign.pk)
    try:
        report = services.generate_report(actor=request.user, campaign=campaign,
                                          organization=organization)
    except VanguardError as exc:
        messages.error(request, exc.text)
        return redirect("reports:campaign", campaign=campaign.pk)
    messages.success(request, _("The report is generated from the records. Edit its sections "
                                "before sending it."))
    return redirect("reports:detail", pk=report.pk)


def _sections(report: SummaryReport) -> list[tuple[str, str, str]]:
    return [(key, str(SECTION_LABELS[key]), report.sections.get(key, ""))
            for key, _heading in SECTIONS]


@login_required
def detail(request, pk):
    """The web version: the sections, then every figure with its source and a link to the
    page that lists its records."""
    report = selectors.get_report_for(request.user, pk)
    user = request.user
    editable = report.status in services.EDITABLE and user.has_perm(
        "reports.write_report", report.organization)
    decidable = report.status == SummaryReport.Status.SUBMITTED and user.has_perm(
        "reports.decide_report", report)
    return render(request, "reports/detail.html", {
        "report": report, "sections": _sections(report), "editable": editable,
        "decidable": decidable, "return_form": ReturnForm() if decidable else None})


def _writer_report(request, pk) -> SummaryReport:
    report = selectors.get_report_for(request.user, pk)
    if not request.user.has_perm("reports.write_report", report.organization):
        raise PermissionDenied
    return report


@login_required
def edit(request, pk):
    report = _writer_report(request, pk)
    if report.status not in services.EDITABLE:
        messages.error(request, _("The report has been sent to the superior; it can be changed "
                                  "only if the superior returns it."))
        return redirect("reports:detail", pk=report.pk)
    initial = {"version": report.version, "title": report.title, **report.sections}
    form = ReportEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_report(actor=request.user, report=report,
                                 version=form.cleaned_data["version"],
                                 title=form.cleaned_data["title"], sections=form.sections())
        except VanguardError as exc:
            # The form keeps what was typed: nothing is lost when a save is refused.
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The report is saved."))
            return redirect("reports:detail", pk=report.pk)
    return render(request, "reports/edit.html", {"report": report, "form": form})


def _version(request) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


@login_required
@require_POST
def refresh(request, pk):
    report = _writer_report(request, pk)
    run_service(request, lambda: services.refresh_figures(
        actor=request.user, report=report, version=_version(request) or -1),
        success=_("The figures are computed again from the records."))
    return redirect("reports:detail", pk=report.pk)


@login_required
@require_POST
def submit(request, pk):
    report = _writer_report(request, pk)
    run_service(request, lambda: services.submit_report(
        actor=request.user, report=report, version=_version(request) or -1),
        success=_("The report is sent to the superior organization's office."))
    return redirect("reports:detail", pk=report.pk)


@login_required
def word(request, pk):
    """The Word document, for anyone who reads the report."""
    report = selectors.get_report_for(request.user, pk)
    response = HttpResponse(report_document(report), content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename=report-{report.pk}.docx"
    return response


@login_required
def received(request):
    """The reports sent to the viewer's office, waiting ones first."""
    if not selectors.holds_office(request.user):
        raise PermissionDenied
    page = Paginator(selectors.received_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "reports/received.html", {"page": page})


@login_required
@require_POST
def decide(request, pk):
    report = selectors.get_report_for(request.user, pk)
    if request.POST.get("decision") == "acknowledge":
        run_service(request, lambda: services.acknowledge_report(actor=request.user,
                                                                 report=report),
                    success=_("The report is acknowledged."))
        return redirect("reports:detail", pk=report.pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("reports:detail", pk=report.pk)
    run_service(request, lambda: services.return_report(
        actor=request.user, report=report, reason=form.cleaned_data["reason"]),
        success=_("The report is returned to its office."))
    return redirect("reports:detail", pk=report.pk)
