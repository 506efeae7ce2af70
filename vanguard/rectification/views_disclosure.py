"""The office's disclosure pages: a school's snapshots with the publish form and the
consolidation state, one snapshot with its correction form and printable notice, and the
register of lasting rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.core.errors import VanguardError
from vanguard.rectification import selectors_disclosure as selectors
from vanguard.rectification.forms_disclosure import CorrectForm, PublishForm, RuleForm
from vanguard.rectification.models import Disclosure
from vanguard.rectification.notice_document import notice_document
from vanguard.rectification.services import disclosure as services
from vanguard.rectification.services import rules as rule_services
from vanguard.rectification.services.consolidation import consolidation_state

PAGE_SIZE = 20
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def public_url(request, disclosure: Disclosure) -> str:
    return request.build_absolute_uri(reverse(
        "rectification:public_detail", args=[disclosure.organization.code, disclosure.number]))


@login_required
def disclosures(request, campaign, code):
    top = selectors.get_school_for(request.user, code, selectors.PUBLISH)
    campaign = selectors.get_campaign_of(campaign, top)
    form = PublishForm(request.POST or None, initial={
        "title": _("Rectification of %(org)s: plans, measures and results") % {"org": top.name}})
    if request.method == "POST" and form.is_valid():
        try:
            published = services.publish_disclosure(
                actor=request.user, campaign=campaign, organization=top,
                title=form.cleaned_data["title"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("Published as No. %(n)d.") % {"n": published.number})
            return redirect("rectification:disclosure", pk=published.pk)
    in_consolidation, ends_on = consolidation_state(campaign, top)
    page = Paginator(selectors.school_disclosures(campaign, top), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "rectification/disclosure_list.html", {
        "campaign": campaign, "top": top, "form": form, "page": page,
        "in_consolidation": in_consolidation, "consolidation_ends_on": ends_on,
    })


@login_required
def disclosure_detail(request, pk):
    disclosure = selectors.get_disclosure_for(request.user, pk)
    return render(request, "rectification/disclosure_detail.html", {
        "disclosure": disclosure, "content": disclosure.content,
        "correct_form": CorrectForm(), "public_url": public_url(request, disclosure),
    })


@login_required
@require_POST
def disclosure_correct(request, pk):
    disclosure = selectors.get_disclosure_for(request.user, pk)
    form = CorrectForm(request.POST)
    if form.is_valid():
        try:
            new = services.correct_disclosure(actor=request.user, disclosure=disclosure,
                                              note=form.cleaned_data["note"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The correction is published as No. %(n)d; No. %(old)d "
                                        "stays visible, marked superseded.")
                             % {"n": new.number, "old": disclosure.number})
            return redirect("rectification:disclosure", pk=new.pk)
    return render(request, "rectification/disclosure_detail.html", {
        "disclosure": disclosure, "content": disclosure.content, "correct_form": form,
        "public_url": public_url(request, disclosure),
    }, status=400)


@login_required
def disclosure_notice(request, pk):
    disclosure = selectors.get_disclosure_for(request.user, pk)
    response = HttpResponse(notice_document(disclosure, public_url(request, disclosure)),
                            content_type=DOCX)
    response["Content-Disposition"] = (f"attachment; filename=disclosure-"
                                       f"{disclosure.organization.code}-{disclosure.number}.docx")
    return response


# --- lasting rules --------------------------------------------------------------------------

def _published_rule_ids(campaign, top) -> set[int]:
    contents = Disclosure.objects.filter(campaign=campaign, organization=top).values_list(
        "content", flat=True)
    return {r["id"] for content in contents for r in content.get("rules", [])}


def _rule_values(form: RuleForm) -> dict:
    data = form.cleaned_data
    return {"title": data["title"], "text": data["text"], "adopted_on": data["adopted_on"],
            "owner": data["owner"]}


@login_required
def rules(request, campaign, code):
    top = selectors.get_school_for(request.user, code, selectors.EDIT_RULES)
    campaign = selectors.get_campaign_of(campaign, top)
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rule_services.add_rule(actor=request.user, campaign=campaign, organization=top,
                                   **_rule_values(form))
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The rule is added to the register."))
            return redirect("rectification:rules", campaign=campaign.pk, code=top.code)
    return render(request, "rectification/rules_list.html", {
        "campaign": campaign, "top": top, "form": form,
        "rules": list(selectors.school_rules(campaign, top)),
        "published": _published_rule_ids(campaign, top),
    })


@login_required
def rule_edit(request, pk):
    rule = selectors.get_rule_for(request.user, pk)
    form = RuleForm(request.POST or None, initial={
        "title": rule.title, "text": rule.text, "adopted_on": rule.adopted_on,
        "owner": rule.owner})
    if request.method == "POST" and form.is_valid():
        try:
            rule_services.update_rule(actor=request.user, rule=rule, **_rule_values(form))
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The rule is saved. A disclosure already published "
                                        "keeps the text it showed; publish a correction to "
                                        "show the change."))
            return redirect("rectification:rules", campaign=rule.campaign_id,
                            code=rule.organization.code)
    return render(request, "rectification/rules_edit.html", {"rule": rule, "form": form})


@login_required
@require_POST
def rule_remove(request, pk):
    rule = selectors.get_rule_for(request.user, pk)
    try:
        rule_services.remove_rule(actor=request.user, rule=rule)
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("The rule is removed from the register."))
    return redirect("rectification:rules", campaign=rule.campaign_id, code=rule.organization.code)
