"""The ledger pages (整改台账): the lines the viewer reads by owner, class, status and overdue,
paged, with its Excel export; one item with its evidence and its moves (start, evidence, done,
verify or send back); an evidence file, served only after the scope check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.access import scope as access_scope
from vanguard.campaigns.views.common import run_service
from vanguard.core import clock
from vanguard.core.errors import VanguardError
from vanguard.rectification import excel, selectors
from vanguard.rectification.forms_plans import EvidenceForm
from vanguard.rectification.models import Item, Owner
from vanguard.rectification.services import evidence as evidence_services
from vanguard.rectification.services import items as services

PAGE_SIZE = 50


def _reader_campaign(request, pk):
    campaign = selectors.get_campaign_for(request.user, pk)
    if not (access_scope.is_admin(request.user)
            or access_scope.role_paths(request.user, access_scope.READERS)):
        raise PermissionDenied
    return campaign


def _filters(request) -> dict:
    return {k: request.GET.get(k, "")[:40] for k in selectors.LEDGER_FILTERS}


@login_required
def ledger(request, campaign):
    campaign = _reader_campaign(request, campaign)
    filters = _filters(request)
    page = Paginator(selectors.ledger_items(request.user, campaign, filters),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    today = clock.today()
    for item in page:
        item.overdue = selectors.is_overdue(item, today)
    query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
    return render(request, "rectification/ledger_list.html", {
        "campaign": campaign, "page": page, "filters": filters, "query": query,
        "owners": Owner.choices, "classes": Item.Class.choices, "statuses": Item.Status.choices,
    })


@login_required
def ledger_export(request, campaign):
    campaign = _reader_campaign(request, campaign)
    items = selectors.ledger_items(request.user, campaign, _filters(request))
    content = excel.ledger_workbook(campaign, items)
    response = HttpResponse(content, content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = f'attachment; filename="ledger-{campaign.pk}.xlsx"'
    return response


def _item_page(request, item, *, evidence_form=None):
    user = request.user
    can_work = services.may_update(user, item) and \
        item.plan.status == item.plan.Status.APPROVED
    can_verify = services.may_verify(user, item)
    return render(request, "rectification/ledger_item.html", {
        "item": item, "plan": item.plan, "overdue": selectors.is_overdue(item),
        "evidence": list(item.evidence.select_related("added_by")),
        "opinions": list(item.opinions.only("id", "summary")),
        "can_work": can_work, "can_verify": can_verify,
        "evidence_form": evidence_form or (
            EvidenceForm() if can_work and item.status != Item.Status.VERIFIED else None),
    })


@login_required
def ledger_item(request, pk):
    return _item_page(request, selectors.get_item_for(request.user, pk))


@login_required
@require_POST
def item_start(request, pk):
    item = selectors.get_item_for(request.user, pk)
    run_service(request, lambda: services.start_item(actor=request.user, item=item),
                success=_("The item is in progress."))
    return redirect("rectification:ledger_item", pk=item.pk)


@login_required
@require_POST
def item_evidence(request, pk):
    item = selectors.get_item_for(request.user, pk)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            evidence_services.add_evidence(actor=request.user, item=item,
                                           text=form.cleaned_data["text"],
                                           upload=form.cleaned_data["file"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The evidence is added."))
            return redirect("rectification:ledger_item", pk=item.pk)
    return _item_page(request, item, evidence_form=form)


@login_required
@require_POST
def item_done(request, pk):
    item = selectors.get_item_for(request.user, pk)
    run_service(request, lambda: services.mark_done(actor=request.user, item=item),
                success=_("The item is marked done; the superior's office will verify it."))
    return redirect("rectification:ledger_item", pk=item.pk)


@login_required
@require_POST
def item_verify(request, pk):
    item = selectors.get_item_for(request.user, pk)
    if request.POST.get("action") == "send_back":
        run_service(request, lambda: services.send_back(actor=request.user, item=item),
                    success=_("The item is sent back: it is in progress again."))
    else:
        run_service(request, lambda: services.verify_item(actor=request.user, item=item),
                    success=_("The item is verified (对账销号)."))
    return redirect("rectification:ledger_item", pk=item.pk)


@login_required
def evidence_download(request, pk):
    """The file, to whoever may read its item; never from /media/ directly."""
    evidence = selectors.get_evidence_for(request.user, pk)
    if not evidence.file:
        raise Http404
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=evidence.file_name,
                            content_type=evidence.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    return response
