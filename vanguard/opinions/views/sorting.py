"""The office's sorting pages: the filtered list (and its Excel export), and one opinion
with the sorting actions (summary, routing, merging, setting aside, restoring)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.core import clock
from vanguard.core.errors import VanguardError
from vanguard.opinions import excel, selectors, subjects
from vanguard.opinions.forms_sorting import RouteForm, SetAsideForm, SummaryForm
from vanguard.opinions.models import Category, Channel, Opinion, SourceGroup, Subject
from vanguard.opinions.services import sorting as services

PAGE_SIZE = 30


@login_required
def sorting_list(request, campaign):
    campaign = selectors.get_office_campaign_for(request.user, campaign)
    flt = selectors.read_filter(request.user, request.GET)
    page = Paginator(selectors.sorting_rows(request.user, campaign, flt),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "opinions/sorting_list.html", {
        "campaign": campaign, "page": page, "filter": flt, "query": flt.query(),
        "counts": selectors.sorting_counts(request.user, campaign),
        "organizations": selectors.filter_organizations(request.user),
        "kinds": Subject.choices, "categories": Category.choices, "channels": Channel.choices,
        "groups": SourceGroup.choices, "statuses": Opinion.Status.choices,
    })


@login_required
def sorting_export(request, campaign):
    campaign = selectors.get_office_campaign_for(request.user, campaign)
    flt = selectors.read_filter(request.user, request.GET)
    content = excel.sorting_workbook(actor=request.user, campaign=campaign, flt=flt)
    response = HttpResponse(content, content_type=excel.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="opinions-{clock.today()}.xlsx"'
    return response


def _route_choices(opinion: Opinion):
    return subjects.choices(opinion.intake.organization)


def _detail(request, opinion: Opinion, *, summary_form=None, route_form=None,
            aside_form=None, status=200):
    token = subjects.ResolvedSubject(opinion.subject_kind, opinion.subject_person,
                                     opinion.organization).token
    return render(request, "opinions/sorting_detail.html", {
        "opinion": opinion,
        "sortable": opinion.status in services.SORTABLE,
        "summary_form": summary_form or SummaryForm(initial={"summary": opinion.summary}),
        "route_form": route_form or RouteForm(initial={"subject": token},
                                              choices=_route_choices(opinion)),
        "aside_form": aside_form or SetAsideForm(),
        "mergeable": list(selectors.mergeable_with(opinion)[:50]),
        "merged": list(opinion.merged.order_by("id")),
        "giver": excel.giver_text(opinion),
        "subject": excel.subject_text(opinion),
    }, status=status)


@login_required
def opinion_detail(request, pk):
    return _detail(request, selectors.get_opinion_for(request.user, pk))


def _run(request, opinion, call, success: str, *, form_name: str, form):
    """Call the service; on a refusal show the page again with the error on the form."""
    try:
        call()
    except VanguardError as exc:
        form.add_error(None, exc.text)
        opinion = selectors.get_opinion_for(request.user, opinion.pk)
        return _detail(request, opinion, **{form_name: form}, status=400)
    messages.success(request, success)
    return redirect("opinions:opinion", pk=opinion.pk)


@login_required
@require_POST
def opinion_summary(request, pk):
    opinion = selectors.get_opinion_for(request.user, pk)
    form = SummaryForm(request.POST)
    if not form.is_valid():
        return _detail(request, opinion, summary_form=form, status=400)
    return _run(request, opinion, lambda: services.write_summary(
        actor=request.user, opinion=opinion, summary=form.cleaned_data["summary"]),
        _("The summary is saved; the opinion is sorted."), form_name="summary_form",
        form=form)


@login_required
@require_POST
def opinion_route(request, pk):
    opinion = selectors.get_opinion_for(request.user, pk)
    form = RouteForm(request.POST, choices=_route_choices(opinion))
    if not form.is_valid():
        return _detail(request, opinion, route_form=form, status=400)
    return _run(request, opinion, lambda: services.route_opinion(
        actor=request.user, opinion=opinion, subject_token=form.cleaned_data["subject"]),
        _("The opinion now has its new subject."), form_name="route_form", form=form)


@login_required
@require_POST
def opinion_merge(request, pk):
    opinion = selectors.get_opinion_for(request.user, pk)
    chosen = request.POST.getlist("duplicates")
    # Only opinions the viewer's office may see; the service checks the subject and state.
    duplicates = list(Opinion.objects.filter(pk__in=[c for c in chosen if _is_uuid(c)]))
    duplicates = [d for d in duplicates if request.user.has_perm("opinions.view_opinions", d)]
    if len(duplicates) != len(chosen):
        messages.error(request, _("Choose the opinions to merge from the list."))
        return redirect("opinions:opinion", pk=opinion.pk)
    try:
        keep = services.merge_opinions(actor=request.user, keep=opinion, duplicates=duplicates)
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("Merged: this opinion now counts %(n)d.") % {
            "n": keep.weight})
    return redirect("opinions:opinion", pk=opinion.pk)


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@login_required
@require_POST
def opinion_set_aside(request, pk):
    opinion = selectors.get_opinion_for(request.user, pk)
    form = SetAsideForm(request.POST)
    if not form.is_valid():
        return _detail(request, opinion, aside_form=form, status=400)
    return _run(request, opinion, lambda: services.set_aside(
        actor=request.user, opinion=opinion, reason=form.cleaned_data["reason"]),
        _("The opinion is set aside."), form_name="aside_form", form=form)


@login_required
@require_POST
def opinion_restore(request, pk):
    opinion = selectors.get_opinion_for(request.user, pk)
    try:
        services.restore_opinion(actor=request.user, opinion=opinion)
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("The opinion is restored."))
    return redirect("opinions:opinion", pk=opinion.pk)
