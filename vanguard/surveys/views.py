"""The office's and readers' pages: a campaign's surveys, one survey's setup and status (edit,
open, invite, slips, close), its results and their Excel export."""

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from vanguard.campaigns import selectors as campaign_selectors
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.surveys import excel, selectors
from vanguard.surveys.forms import EditForm, OpenForm
from vanguard.surveys.models import Survey
from vanguard.surveys.services import answers
from vanguard.surveys.services import surveys as services

RUN = "surveys.run_survey"


def _survey(request, pk: int, perm: str = selectors.VIEW) -> Survey:
    """The survey if its organization is in the viewer's reading scope (404 otherwise), and
    403 when the page needs a permission the viewer's role never has there."""
    survey = selectors.get_survey_for(request.user, pk)
    if not request.user.has_perm(perm, survey.organization):
        raise PermissionDenied
    return survey


def _back(survey: Survey):
    return redirect("surveys:detail", pk=survey.pk)


def qr_svg(url: str) -> str:
    # segno writes the markup itself from our own address: nothing typed by a user is in it.
    return mark_safe(segno.make(url, error="m").svg_inline(
        scale=4, border=2, omitsize=True, svgclass="w-100 h-auto", lineclass=None, title="QR"))


def public_url(request, survey: Survey) -> str:
    return request.build_absolute_uri(reverse("surveys:public", args=[survey.public_key]))


@login_required
def campaign(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    if not selectors.reads_anything(request.user):
        raise PermissionDenied
    return render(request, "surveys/campaign.html", {
        "campaign": campaign, "rows": selectors.campaign_rows(request.user, campaign)})


@login_required
@require_POST
def create(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    organization = selectors.get_organization_for(request.user, campaign,
                                                  request.POST.get("organization", ""))
    try:
        survey = services.create_survey(actor=request.user, campaign=campaign,
                                        organization=organization)
    except VanguardError as exc:
        messages.error(request, exc.text)
        return redirect("surveys:campaign", campaign=campaign.pk)
    messages.success(request, _("The survey is being prepared: check the questions, then open "
                                "it."))
    return _back(survey)


def _detail_page(request, survey: Survey, edit_form=None, open_form=None, status=200):
    can_run = request.user.has_perm(RUN, survey.organization)
    url = public_url(request, survey)
    return render(request, "surveys/detail.html", {
        "survey": survey, "can_run": can_run, "counts": selectors.invitee_counts(survey),
        "answers": survey.responses.count(),
        "edit_form": edit_form or (EditForm.for_survey(survey)
                                   if can_run and survey.state == Survey.State.DRAFT else None),
        "open_form": open_form or OpenForm(), "public_url": url,
        "qr": qr_svg(url) if survey.state == Survey.State.OPEN and survey.public_enabled
        else "", "answering": answers.answering_is_open(survey)}, status=status)


@login_required
def detail(request, pk):
    return _detail_page(request, _survey(request, pk))


@login_required
@require_POST
def edit(request, pk):
    survey = _survey(request, pk, RUN)
    form = EditForm.for_survey(survey, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.edit_survey(actor=request.user, survey=survey, intro=data["intro"],
                                 topic_lines=form.topic_lines(),
                                 max_choices=data["max_choices"],
                                 expectation_question=data["expectation_question"],
                                 public_enabled=data["public_enabled"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The questions are saved."))
            return _back(survey)
    return _detail_page(request, survey, edit_form=form)


@login_required
@require_POST
def open_survey(request, pk):
    survey = _survey(request, pk, RUN)
    form = OpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _back(survey)
    run_service(request, lambda: services.open_survey(
        actor=request.user, survey=survey, closes_on=form.cleaned_data["closes_on"]),
        success=_("The survey is open: members with an account have their link; print the "
                  "slips for the others, and share the public link."))
    return _back(survey)


@login_required
@require_POST
def invite(request, pk):
    survey = _survey(request, pk, RUN)
    try:
        n = services.invite_new_members(actor=request.user, survey=survey)
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("%(n)d members invited.") % {"n": n})
    return _back(survey)


@login_required
@require_POST
def close(request, pk):
    survey = _survey(request, pk, RUN)
    run_service(request, lambda: services.close_survey(actor=request.user, survey=survey),
                success=_("The survey is closed."))
    return _back(survey)


@never_cache
@login_required
@require_POST
def slips(request, pk):
    """The printable slips with fresh codes: shown once, never stored or cached."""
    survey = _survey(request, pk, RUN)
    try:
        issued = services.reissue_slips(actor=request.user, survey=survey)
    except VanguardError as exc:
        messages.error(request, exc.text)
        return _back(survey)
    base = request.build_absolute_uri(reverse("surveys:answer"))
    rows = [(invitee, token, qr_svg(f"{base}#{token}")) for invitee, token in issued]
    return render(request, "surveys/slips.html", {"survey": survey, "rows": rows,
                                                  "answer_url": base})


@login_required
def results(request, pk):
    survey = _survey(request, pk)
    return render(request, "surveys/results.html", {
        "survey": survey, "results": selectors.results(survey),
        "min_group": selectors.MIN_GROUP})


@login_required
def results_xlsx(request, pk):
    survey = _survey(request, pk)
    content = excel.results_workbook(actor=request.user, survey=survey)
    response = HttpResponse(content, content_type=excel.XLSX_TYPE)
    response["Content-Disposition"] = (f'attachment; filename="preparation-survey-'
                                       f'{survey.pk}.xlsx"')
    return response
