"""Feedback pages: the office's release page (per branch, per member), the subject's own
feedback (mark read, respond, acknowledge), the office's preview, and the Word sheet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.core.errors import VanguardError
from vanguard.opinions import selectors
from vanguard.opinions.feedback_document import feedback_document
from vanguard.opinions.forms_sorting import ResponseForm
from vanguard.opinions.models import Opinion, Subject
from vanguard.opinions.services import feedback as services
from vanguard.people.models import Organization

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _school(request, campaign):
    """The school (intake) the release page is about: chosen with ?school=, else the first
    of the viewer's scope. 404 if the viewer's office covers none."""
    intakes = selectors.schools_for(request.user, campaign)
    if not intakes:
        raise Http404
    chosen = request.GET.get("school") or request.POST.get("school") or ""
    intake = next((i for i in intakes if str(i.organization_id) == chosen), intakes[0])
    return intake, intakes


def _row(key, overview):
    feedback = overview["feedback"].get(key)
    counts = overview["counts"].get(key, {})
    return {"feedback": feedback, "unsorted": counts.get(Opinion.Status.RECEIVED, 0),
            "sorted": counts.get(Opinion.Status.SORTED, 0),
            "unconfirmed": counts.get(Opinion.Status.UNCONFIRMED, 0)}


@login_required
def release_page(request, campaign):
    campaign = selectors.get_office_campaign_for(request.user, campaign)
    intake, intakes = _school(request, campaign)
    top = intake.organization
    overview = selectors.release_overview(campaign, top)
    branches = []
    for branch in overview["branches"]:
        members = [(m, f"{Subject.MEMBER}:{m.person_id}",
                    _row((Subject.MEMBER, m.person_id), overview))
                   for m in overview["members"] if m.organization_id == branch.pk]
        branches.append({"branch": branch, "members": members,
                         "own": _row((Subject.BRANCH, branch.pk), overview),
                         "own_token": f"{Subject.BRANCH}:{branch.pk}",
                         "released": sum(1 for _m, _t, r in members if r["feedback"]),
                         "read": sum(1 for _m, _t, r in members
                                     if r["feedback"] and r["feedback"].read_on)})
    school = [(_("Party organization %(org)s") % {"org": top.name}, Subject.PARTY_ORG,
               _row((Subject.PARTY_ORG, top.pk), overview)),
              (_("Leadership team of %(org)s") % {"org": top.name}, Subject.TEAM,
               _row((Subject.TEAM, top.pk), overview))]
    school += [(f"{lead.person.name}（{lead.title}）", f"{Subject.LEADER}:{lead.person_id}",
                _row((Subject.LEADER, lead.person_id), overview))
               for lead in overview["leaders"]]
    return render(request, "opinions/feedback_release.html", {
        "campaign": campaign, "intake": intake, "intakes": intakes, "top": top,
        "branches": branches, "school": school,
    })


def _back_to_release(campaign_pk, top_pk):
    return redirect(reverse("opinions:release", args=[campaign_pk]) + f"?school={top_pk}")


@login_required
@require_POST
def release_subject(request, campaign):
    campaign = selectors.get_office_campaign_for(request.user, campaign)
    intake, _intakes = _school(request, campaign)
    try:
        services.release_feedback(actor=request.user, campaign=campaign,
                                  subject_token_or_resolved=request.POST.get("subject", ""),
                                  top=intake.organization)
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("The feedback is released."))
    return _back_to_release(campaign.pk, intake.organization_id)


@login_required
@require_POST
def release_branch(request, campaign, branch):
    campaign = selectors.get_office_campaign_for(request.user, campaign)
    branch = Organization.objects.filter(pk=branch).first()
    if branch is None or not request.user.has_perm("opinions.sort_opinion", branch):
        raise Http404
    try:
        released = services.release_feedback_for_branch(actor=request.user, campaign=campaign,
                                                        branch=branch)
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("Feedback released to %(n)d members of %(branch)s.")
                         % {"n": len(released), "branch": branch.name})
    top = selectors.schools_for(request.user, campaign)
    top_pk = next((i.organization_id for i in top
                   if branch.path.startswith(i.organization.path)), "")
    return _back_to_release(campaign.pk, top_pk)


@login_required
def my_feedback(request, campaign):
    campaign = selectors.get_feedback_campaign_for(request.user, campaign)
    rows = selectors.own_feedback(request.user, campaign)
    person = getattr(request.user, "person", None)
    is_member = person is not None and hasattr(person, "member")
    has_own = any(f.subject_kind == Subject.MEMBER for f in rows)
    return render(request, "opinions/feedback_mine.html", {
        "campaign": campaign, "rows": [(f, selectors.subject_label(f)) for f in rows],
        "waiting": is_member and not has_own,
    })


@login_required
def feedback_detail(request, pk):
    feedback = selectors.get_feedback_for(request.user, pk)
    is_subject = request.user.has_perm("opinions.answer_feedback", feedback)
    is_office = selectors.is_feedback_office(request.user, feedback)
    return render(request, "opinions/feedback_detail.html", {
        "feedback": feedback, "label": selectors.subject_label(feedback),
        "lines": selectors.feedback_lines(feedback), "is_subject": is_subject,
        "is_office": is_office, "min_shared": selectors.MIN_SHARED,
        "response_form": ResponseForm(),
    })


@login_required
def feedback_word(request, pk):
    feedback = selectors.get_feedback_for(request.user, pk)
    response = HttpResponse(feedback_document(feedback), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="feedback-{feedback.pk}.docx"'
    return response


def _own_opinion(request, pk) -> Opinion:
    """A released opinion of a feedback the viewer is the subject of; 404 otherwise."""
    opinion = Opinion.objects.select_related("feedback__organization").filter(
        pk=pk, feedback__isnull=False, feedback__released_on__isnull=False).first()
    if opinion is None or not request.user.has_perm("opinions.answer_feedback",
                                                    opinion.feedback):
        raise Http404
    return opinion


@login_required
@require_POST
def opinion_read(request, pk):
    opinion = _own_opinion(request, pk)
    try:
        services.mark_read(actor=request.user, opinion=opinion)
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("Marked read."))
    return redirect("opinions:feedback", pk=opinion.feedback_id)


@login_required
@require_POST
def opinion_respond(request, pk):
    opinion = _own_opinion(request, pk)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("opinions:feedback", pk=opinion.feedback_id)
    try:
        services.respond(actor=request.user, opinion=opinion,
                         response=form.cleaned_data["response"])
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("Your response is saved."))
    return redirect("opinions:feedback", pk=opinion.feedback_id)


@login_required
@require_POST
def feedback_acknowledge(request, pk):
    feedback = selectors.get_feedback_for(request.user, pk)
    if not request.user.has_perm("opinions.answer_feedback", feedback):
        raise Http404
    try:
        services.acknowledge_feedback(actor=request.user, feedback=feedback)
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("Marked read."))
    return redirect("opinions:feedback", pk=feedback.pk)
