"""Analysis pages: the member's own (write, link opinions, hand in, revise, versions), the
reviewer's queue and review page, readers' progress, and the Word file of the analysis."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from vanguard.access import scope
from vanguard.analyses import chain, diffs, documents, services
from vanguard.analyses import selectors as sel
from vanguard.analyses.forms import LINKS_FORM_ID, AnalysisForm, LinksForm, ReviewForm
from vanguard.analyses.services.sections import sections_of
from vanguard.analyses.services.writing import EDITABLE, assignment_for, meeting_held
from vanguard.campaigns.selectors import get_campaign_for
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.people.models import Organization
from vanguard.study.sanitize import visible_characters

S = services.writing.S
PAGE_SIZE = 50


def _errors(form) -> str:
    return " ".join(e for errors in form.errors.values() for e in errors)


def _section_rows(analysis, specs, form, links_form, review):
    """What the page shows per section: the field or the text, its count, the reviewer's
    comment, the opinion boxes."""
    comments = review.comments if review is not None else {}
    link_fields = links_form.link_fields() if links_form is not None else {}
    texts = analysis.sections if analysis is not None else {}
    return [{"spec": spec, "field": form[f"section_{spec.key}"] if form is not None else None,
             "text": texts.get(spec.key, ""),
             "characters": visible_characters(texts.get(spec.key, "")),
             "comment": comments.get(spec.key, ""), "links": link_fields.get(spec.key),
             "linked": len((analysis.opinion_links or {}).get(spec.key, []))
             if analysis is not None else 0}
            for spec in specs]


def _submit(request, analysis, form):
    call = services.submit_revision if analysis.status == S.REVISING else \
        services.submit_analysis
    return call(actor=request.user, analysis=analysis, version=form.cleaned_data["version"],
                sections=form.sections())


@login_required
def mine(request, campaign):
    campaign = sel.get_member_campaign_for(request.user, campaign)
    person = request.user.person
    analysis = sel.own_analysis(person, campaign)
    activity = analysis.activity if analysis else assignment_for(person, campaign).activity
    specs = sections_of(activity)
    editable = analysis is not None and analysis.status in EDITABLE
    initial = {"version": analysis.version if analysis else 0,
               **{f"section_{k}": v for k, v in (analysis.sections if analysis else {}).items()}}
    form = AnalysisForm(request.POST if request.method == "POST" else None, initial=initial,
                        specs=specs) if editable else None
    if request.method == "POST" and form is not None and form.is_valid():
        submit = request.POST.get("action") == "submit"
        try:
            if submit:
                _submit(request, analysis, form)
            else:
                services.save_draft(actor=request.user, analysis=analysis,
                                    version=form.cleaned_data["version"],
                                    sections=form.sections())
        except VanguardError as exc:
            form.add_error(None, exc.text)  # the form keeps what was typed
        else:
            messages.success(request, _("Handed in.") if submit else _("The draft is saved."))
            return redirect(reverse("analyses:mine", args=[campaign.pk]) + "?saved=1")
    opinions = sel.opinions_panel(analysis, person, campaign)
    labels = {spec.key: spec.label for spec in specs}
    for line in opinions:
        line["labels"] = [labels[k] for k in line["sections"] if k in labels]
    links_form = LinksForm(initial={f"links_{k}": v for k, v in
                                    ((analysis.opinion_links or {}) if analysis else {}).items()},
                           specs=specs, opinions=[o["opinion"] for o in opinions]) \
        if editable else None
    reviews = sel.reviews(analysis) if analysis else []
    versions = sel.versions(analysis) if analysis else []
    return render(request, "analyses/mine.html", {
        "campaign": campaign, "analysis": analysis, "form": form, "editable": editable,
        "links_form_id": LINKS_FORM_ID,
        "rows": _section_rows(analysis, specs, form, links_form,
                              reviews[0] if reviews else None),
        "opinions": opinions, "unaddressed": [o for o in opinions if not o["sections"]],
        "reviews": reviews, "versions": versions,
        "diffs": diffs.version_diffs(versions, specs),
        "fallback": analysis is not None and chain.is_fallback(analysis),
        "can_revise": analysis is not None and analysis.status == S.APPROVED
        and meeting_held(analysis),
        "draft_saved": request.GET.get("saved") == "1",
        "total_minimum": sum(s.min_characters for s in specs),
    })


@login_required
@require_POST
def start(request, campaign):
    campaign = sel.get_member_campaign_for(request.user, campaign)
    run_service(request, lambda: services.start_analysis(actor=request.user, campaign=campaign),
                success=_("Your self-analysis is open: write each section."))
    return redirect("analyses:mine", campaign=campaign.pk)


@login_required
@require_POST
def autosave(request, pk):
    """The editor's draft call: JSON back, 409 for a stale version, 400 for bad input. An
    expired session gets the login redirect, which the editor reads as "kept locally"."""
    analysis = sel.get_own_analysis_for(request.user, pk)
    form = AnalysisForm(request.POST, specs=sections_of(analysis.activity))
    if not form.is_valid():
        return JsonResponse({"ok": False, "error": _errors(form)}, status=400)
    try:
        saved = services.save_draft(actor=request.user, analysis=analysis,
                                    version=form.cleaned_data["version"],
                                    sections=form.sections())
    except VanguardError as exc:
        status = 409 if exc.code == "stale" else 400
        return JsonResponse({"ok": False, "error": exc.text, "code": exc.code}, status=status)
    return JsonResponse({
        "ok": True, "version": saved.version,
        "characters": {k: visible_characters(v) for k, v in saved.sections.items()},
        "saved_at": timezone.localtime(saved.updated_at).strftime("%H:%M:%S")})


@login_required
@require_POST
def links(request, pk):
    """Save which fed-back opinions each section answers (the text is left alone)."""
    analysis = sel.get_own_analysis_for(request.user, pk)
    specs = sections_of(analysis.activity)
    opinions = [o["opinion"] for o in sel.opinions_panel(analysis, analysis.person,
                                                         analysis.campaign)]
    form = LinksForm(request.POST, specs=specs, opinions=opinions)
    error = None
    if not form.is_valid():
        error = _errors(form)
    else:
        try:
            services.save_draft(actor=request.user, analysis=analysis, version=None,
                                opinion_links=form.links())
        except VanguardError as exc:
            error = exc.text
    if request.headers.get("X-Requested-With") == "fetch":
        return JsonResponse({"ok": error is None, "error": error}, status=400 if error else 200)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The links to the opinions are saved."))
    return redirect("analyses:mine", campaign=analysis.campaign_id)


@login_required
@require_POST
def revise(request, pk):
    analysis = sel.get_own_analysis_for(request.user, pk)
    run_service(request, lambda: services.start_revision(actor=request.user, analysis=analysis),
                success=_("Revise your analysis with what the meeting brought up, then hand in "
                          "the final version."))
    return redirect("analyses:mine", campaign=analysis.campaign_id)


@login_required
def queue(request, campaign):
    campaign = sel.get_queue_campaign_for(request.user, campaign)
    status = request.GET.get("status", "submitted")
    status = status if status in sel.QUEUE_FILTERS else "submitted"
    page = Paginator(sel.review_queue(request.user, campaign, status=status),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    counts = sel.queue_counts(request.user, campaign)
    for row in page.object_list:
        row["status_label"] = S(row["status"]).label
    labels = {"submitted": S.SUBMITTED.label, "returned": S.RETURNED.label,
              "reviewed": S.APPROVED.label, "all": pgettext("filter", "All")}
    return render(request, "analyses/queue.html", {
        "campaign": campaign, "page": page, "status": status,
        "filters": [(key, labels[key], counts[key]) for key in sel.QUEUE_FILTERS],
    })


@login_required
def review(request, pk):
    analysis = sel.get_reviewed_analysis_for(request.user, pk)
    specs = sections_of(analysis.activity)
    versions = sel.versions(analysis)
    latest = versions[-1] if versions else None
    if latest is None:
        raise Http404
    form = ReviewForm(request.POST or None, initial={"version": latest.number}, specs=specs)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.review_analysis(
                    actor=request.user, analysis=analysis, version=form.cleaned_data["version"],
                    decision=form.cleaned_data["decision"], comments=form.comments(),
                    comment=form.cleaned_data["comment"])
            except VanguardError as exc:
                form.add_error(None, exc.text)
            else:
                messages.success(request, _("Your decision on %(name)s's analysis is recorded.")
                                 % {"name": analysis.person.name})
                return redirect("analyses:queue", campaign=analysis.campaign_id)
    rows = [{"spec": spec, "text": latest.sections.get(spec.key, ""),
             "characters": visible_characters(latest.sections.get(spec.key, "")),
             "linked": len(latest.opinion_links.get(spec.key, [])),
             "field": form.comment_field(spec.key)} for spec in specs]
    return render(request, "analyses/review.html", {
        "analysis": analysis, "latest": latest, "form": form, "rows": rows,
        "reviews": sel.reviews(analysis), "diffs": diffs.version_diffs(versions, specs),
        "waiting": analysis.status == S.SUBMITTED,
    })


@login_required
def word(request, pk):
    analysis = sel.get_document_analysis_for(request.user, pk)
    content = documents.analysis_document(analysis)
    if content is None:
        raise Http404
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-"
                                                 "officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="analysis-{analysis.pk}.docx"'
    return response


@login_required
def progress(request, campaign):
    campaign = get_campaign_for(request.user, campaign)
    code = request.GET.get("org", "")[:32]
    node = (Organization.objects.filter(code=code).first() if code
            else scope.start_organization(request.user))
    if node is None or not request.user.has_perm("analyses.view_progress", node) \
            or not node.path.startswith(campaign.organization.path):
        raise Http404
    page = Paginator(sel.progress_rows(campaign, node), PAGE_SIZE).get_page(
        request.GET.get("page"))
    counts = sel.progress_counts(campaign, node)
    for row in page.object_list:
        row["status_label"] = S(row["analysis_status"]).label if row["analysis_status"] else ""
    return render(request, "analyses/progress.html", {
        "campaign": campaign, "node": node, "page": page,
        "statuses": [(s.value, s.label, counts.get(s.value, 0)) for s in S],
    })
