"""Coverage pages (确保教育覆盖面): per campaign and organization, the graduates whose relation
stays here with their last attempt, whether reached and where they take part (filter
"unreached", Excel export); one member's attempts and forms; the members taking part
elsewhere; a report file, served only after the scope check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from vanguard.core.errors import VanguardError
from vanguard.oversight.forms_coverage import AttemptForm, ParticipationForm
from vanguard.oversight.selectors import coverage as selectors
from vanguard.oversight.services import coverage as services
from vanguard.people.roster import writing
from vanguard.rectification.services.evidence import TYPES

PAGE_SIZE = 50


def _filters(request) -> dict:
    return {"org": request.GET.get("org", "")[:32],
            "unreached": "1" if request.GET.get("unreached") == "1" else ""}


def _query(filters: dict) -> str:
    return "&".join(f"{k}={v}" for k, v in filters.items() if v)


@login_required
def coverage(request, campaign):
    campaign = selectors.get_campaign_for(request.user, campaign)
    filters = _filters(request)
    organization = selectors.get_organization_for(request.user, campaign, filters["org"])
    rows = selectors.graduates(campaign, organization, unreached=bool(filters["unreached"]))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    reached, total = selectors.reached_counts(campaign.pk, organization)
    return render(request, "oversight/coverage_list.html", {
        "campaign": campaign, "organization": organization, "filters": filters,
        "query": _query(filters), "page": page, "rows": selectors.with_labels(page),
        "choices": selectors.organization_choices(request.user, campaign),
        "reached": reached, "total": total, "unreached_count": total - reached,
    })


HEADER = [_lazy("Organization"), _lazy("Name"), _lazy("Lives in the city"), _lazy("Attempts"),
          _lazy("Last attempt"), _lazy("Channel"), _lazy("Result"), _lazy("Reached"),
          _lazy("Takes part"), _lazy("Where"), _lazy("Report received on")]


@login_required
def coverage_export(request, campaign):
    campaign = selectors.get_campaign_for(request.user, campaign)
    filters = _filters(request)
    organization = selectors.get_organization_for(request.user, campaign, filters["org"])
    rows = selectors.with_labels(selectors.graduates(
        campaign, organization, unreached=bool(filters["unreached"])))
    yes, no = _("yes"), _("no")

    def cells():
        for m in rows:
            yield [m.organization.name, m.person.name,
                   "" if m.in_city is None else (yes if m.in_city else no),
                   m.attempts or 0, m.last_made_on or "", m.last_channel_label,
                   m.last_result_label, yes if m.reached else no, m.part_mode_label,
                   m.part_place or "", m.part_received_on or ""]

    content = writing.workbook_bytes(_("Graduates"), [str(h) for h in HEADER], cells(),
                                     widths=[18, 12, 10, 8, 12, 14, 16, 8, 24, 20, 14])
    response = HttpResponse(content, content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = (
        f'attachment; filename="coverage-{campaign.pk}-{organization.code}.xlsx"')
    return response


@login_required
def coverage_elsewhere(request, campaign):
    campaign = selectors.get_campaign_for(request.user, campaign)
    organization = selectors.get_organization_for(request.user, campaign,
                                                  request.GET.get("org", "")[:32])
    query = request.GET.get("q", "")[:50]
    return render(request, "oversight/coverage_elsewhere.html", {
        "campaign": campaign, "organization": organization, "q": query,
        "rows": list(selectors.elsewhere(campaign, organization)),
        "found": selectors.find_members(campaign, organization, query),
        "choices": selectors.organization_choices(request.user, campaign),
    })


def _member_page(request, campaign, member, *, attempt_form=None, participation_form=None,
                 status=200):
    participation = selectors.participation_of(campaign, member)
    can_record = services.may_record(request.user, member) and campaign.state == "running"
    return render(request, "oversight/coverage_member.html", {
        "campaign": campaign, "member": member, "participation": participation,
        "attempts": selectors.attempts_of(campaign, member),
        "can_record": can_record,
        "attempt_form": attempt_form or AttemptForm(),
        "participation_form": participation_form or ParticipationForm.for_member(
            member, participation),
    }, status=status)


@login_required
def coverage_member(request, campaign, member):
    campaign = selectors.get_campaign_for(request.user, campaign)
    member = selectors.get_member_for(request.user, campaign, member)
    return _member_page(request, campaign, member)


def _writable(request, campaign, member):
    campaign = selectors.get_campaign_for(request.user, campaign)
    member = selectors.get_member_for(request.user, campaign, member)
    if not services.may_record(request.user, member):
        raise PermissionDenied
    return campaign, member


def _back(campaign, member):
    return redirect(reverse("oversight:coverage_member", args=[campaign.pk, member.pk]))


@login_required
@require_POST
def coverage_attempt_add(request, campaign, member):
    campaign, member = _writable(request, campaign, member)
    form = AttemptForm(request.POST)
    if form.is_valid():
        try:
            services.record_contact_attempt(actor=request.user, campaign=campaign,
                                            member=member, **form.cleaned_data)
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The attempt is recorded."))
            return _back(campaign, member)
    return _member_page(request, campaign, member, attempt_form=form)


@login_required
@require_POST
def coverage_participation(request, campaign, member):
    campaign, member = _writable(request, campaign, member)
    form = ParticipationForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.set_participation(
                actor=request.user, campaign=campaign, member=member, mode=data["mode"],
                place=data["place"], reason=data["reason"], upload=data["report"],
                report_received_on=data["report_received_on"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("Where the member takes part is recorded."))
            return _back(campaign, member)
    return _member_page(request, campaign, member, participation_form=form)


@login_required
@require_POST
def coverage_participation_remove(request, campaign, member):
    campaign, member = _writable(request, campaign, member)
    participation = selectors.participation_of(campaign, member)
    if participation is None:
        messages.error(request, _("There is no record of where this member takes part."))
        return _back(campaign, member)
    try:
        services.remove_participation(actor=request.user, participation=participation)
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("The member takes part with their branch again."))
    return _back(campaign, member)


@login_required
def coverage_report(request, pk):
    """The report file, to whoever reads the member's organization; never from /media/."""
    participation = selectors.get_participation_for(request.user, pk)
    if not participation.report_file:
        raise Http404
    try:
        handle = participation.report_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = participation.report_name.rsplit(".", 1)[-1].lower()
    content_type = TYPES.get(extension, ("application/octet-stream",))[0]
    response = FileResponse(handle, as_attachment=True,
                            filename=participation.report_name or "report",
                            content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
