"""Signed-in pages of the exemplars: the list with the decide and publish actions, and the
nomination form (members of an organization the viewer runs)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.campaigns import selectors as campaign_selectors
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.publicity import selectors
from vanguard.publicity.forms import DecideForm, NominateForm
from vanguard.publicity.services import exemplars as services
from vanguard.publicity.services.common import members_of
from vanguard.publicity.views import PAGE_SIZE, chosen_organization


@login_required
def exemplar_list(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    page = Paginator(selectors.exemplars_for(request.user, campaign), PAGE_SIZE).get_page(
        request.GET.get("page"))
    user = request.user
    rows = [{"exemplar": e,
             "can_decide": (e.status == e.Status.NOMINATED and e.nominated_by_id != user.pk
                            and user.has_perm("publicity.decide_exemplar", e)),
             "can_publish": (e.status == e.Status.APPROVED
                             and user.has_perm("publicity.publish_news", e))}
            for e in page]
    return render(request, "publicity/exemplar_list.html", {
        "campaign": campaign, "page": page, "rows": rows, "decide_form": DecideForm(),
        "can_nominate": selectors.run_organizations(user, campaign).exists(),
    })


@login_required
def exemplar_nominate(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    orgs = selectors.run_organizations(request.user, campaign)
    if not orgs.exists():
        raise PermissionDenied
    organization = chosen_organization(request, campaign, orgs)
    form = None
    if organization is not None:
        form = NominateForm(request.POST or None, people=members_of(organization))
        if request.method == "POST" and form.is_valid():
            try:
                services.nominate_exemplar(
                    actor=request.user, campaign=campaign, organization=organization,
                    person=form.cleaned_data["person"], deeds=form.cleaned_data["deeds"])
            except VanguardError as exc:
                form.add_error(None, exc.text)
            else:
                messages.success(request, _("The nomination is recorded; an office decides "
                                            "on it."))
                return redirect("publicity:exemplars", campaign=campaign.pk)
    return render(request, "publicity/exemplar_form.html", {
        "campaign": campaign, "orgs": orgs, "organization": organization, "form": form})


@login_required
@require_POST
def exemplar_decide(request, pk):
    exemplar = selectors.get_exemplar_for(request.user, pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or to decline."))
    else:
        approve = form.cleaned_data["decision"] == "approve"
        run_service(request, lambda: services.decide_exemplar(
            actor=request.user, exemplar=exemplar, approve=approve,
            reason=form.cleaned_data["reason"]),
            success=_("The nomination is approved.") if approve
            else _("The nomination is declined."))
    return redirect("publicity:exemplars", campaign=exemplar.campaign_id)


@login_required
@require_POST
def exemplar_publish(request, pk):
    exemplar = selectors.get_exemplar_for(request.user, pk)
    if request.POST.get("action") == "unpublish":
        run_service(request, lambda: services.unpublish_exemplar(
            actor=request.user, exemplar=exemplar),
            success=_("The exemplar is taken off the public page."))
    else:
        run_service(request, lambda: services.publish_exemplar(
            actor=request.user, exemplar=exemplar),
            success=_("The exemplar is on the public page."))
    return redirect("publicity:exemplars", campaign=exemplar.campaign_id)
