"""The office's and the readers' pages: a campaign's school assessments, one assessment
(representatives, sample, open, slips, close), its results, the public sample check, and the
superior's remedial rounds."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from vanguard.assessments import documents, selectors
from vanguard.assessments.forms import OpenForm, RepresentativesForm, SampleForm
from vanguard.assessments.models import Assessment, Part, Respondent
from vanguard.assessments.services import assessments as services
from vanguard.assessments.services import remedial as remedial_services
from vanguard.assessments.services import sampling, tokens
from vanguard.assessments.services.common import (
    DEFAULT_CONFIDENCE,
    DEFAULT_MARGIN,
    decimal_setting,
    group_labels,
)
from vanguard.campaigns import selectors as campaign_selectors
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
RUN = "assessments.run_assessment"


def _assessment(request, pk: int, perm: str = "assessments.view_results") -> Assessment:
    """The assessment if its school is in the viewer's reading scope (404 otherwise), and 403
    when the page needs a permission the viewer's role never has there."""
    assessment = selectors.get_assessment_for(request.user, pk)
    if not request.user.has_perm(perm, assessment):
        raise PermissionDenied
    return assessment


def _back(assessment: Assessment):
    return redirect("assessments:detail", pk=assessment.pk)


@login_required
def campaign(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    if not selectors.reads_anything(request.user):
        raise PermissionDenied
    rows = [(activity, rounds, request.user.has_perm(RUN, activity.plan.organization))
            for activity, rounds in selectors.school_rows(request.user, campaign)]
    return render(request, "assessments/campaign.html", {"campaign": campaign, "rows": rows})


@login_required
@require_POST
def create(request, campaign, activity):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    activity = selectors.get_activity_for(request.user, campaign, activity)
    try:
        assessment = services.create_assessment(actor=request.user, activity=activity)
    except VanguardError as exc:
        messages.error(request, exc.text)
        return redirect("assessments:campaign", campaign=campaign.pk)
    messages.success(request, _("The assessment is being prepared: name the representatives "
                                "and draw the sample."))
    return _back(assessment)


@login_required
def detail(request, pk):
    assessment = _assessment(request, pk)
    can_run = request.user.has_perm(RUN, assessment)
    settings = assessment.activity.settings or {}
    sample_form = SampleForm(initial={
        "margin": decimal_setting(settings.get("margin"), DEFAULT_MARGIN),
        "confidence": decimal_setting(settings.get("confidence"), DEFAULT_CONFIDENCE)})
    return render(request, "assessments/detail.html", {
        "assessment": assessment, "can_run": can_run, "labels": group_labels(),
        "counts": sorted(selectors.respondent_counts(assessment).values(),
                         key=lambda r: (r["part"], r["group"])),
        "representatives": list(selectors.representatives(assessment)) if can_run else [],
        "representatives_form": RepresentativesForm(), "sample_form": sample_form,
        "open_form": OpenForm(), "parts": dict(Part.choices)})


@login_required
@require_POST
def add_representatives(request, pk):
    assessment = _assessment(request, pk, RUN)
    form = RepresentativesForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _back(assessment)

    def add():
        people = services.representatives_by_number(assessment, form.number_list())
        added = services.add_representatives(actor=request.user, assessment=assessment,
                                             people=people)
        messages.success(request, _("%(n)d representatives added.") % {"n": added})

    try:
        add()
    except VanguardError as exc:
        messages.error(request, exc.text)
    return _back(assessment)


@login_required
@require_POST
def remove_representative(request, pk, respondent):
    assessment = _assessment(request, pk, RUN)
    row = Respondent.objects.filter(pk=respondent, assessment=assessment).first()
    if row is None:
        raise Http404
    run_service(request, lambda: services.remove_representative(
        actor=request.user, assessment=assessment, respondent=row),
        success=_("The representative is taken off the list."))
    return _back(assessment)


@login_required
@require_POST
def draw(request, pk):
    assessment = _assessment(request, pk, RUN)
    form = SampleForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _back(assessment)
    run_service(request, lambda: sampling.draw_sample(
        actor=request.user, assessment=assessment, margin=form.cleaned_data["margin"],
        confidence=form.cleaned_data["confidence"]),
        success=_("The sample is drawn; its seed and the roster's digest are recorded."))
    return _back(assessment)


@login_required
@require_POST
def open_assessment(request, pk):
    assessment = _assessment(request, pk, RUN)
    form = OpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the day the answers close."))
        return _back(assessment)
    run_service(request, lambda: services.open_assessment(
        actor=request.user, assessment=assessment, closes_on=form.cleaned_data["closes_on"]),
        success=_("The assessment is open. Print the slips for the respondents."))
    return _back(assessment)


@never_cache
@login_required
@require_POST
def slips(request, pk):
    """The slips with fresh codes, as a Word document: shown once, never stored or cached."""
    assessment = _assessment(request, pk, RUN)
    try:
        issued = tokens.reissue_slips(actor=request.user, assessment=assessment)
    except VanguardError as exc:
        messages.error(request, exc.text)
        return _back(assessment)
    answer_url = request.build_absolute_uri(reverse("assessments:answer"))
    response = HttpResponse(documents.slips_document(assessment, issued, answer_url),
                            content_type=DOCX)
    response["Content-Disposition"] = (f'attachment; filename="slips-'
                                       f'{assessment.organization.code}-{assessment.round}.docx"')
    return response


@login_required
@require_POST
def close(request, pk):
    assessment = _assessment(request, pk, RUN)
    run_service(request, lambda: services.close_assessment(actor=request.user,
                                                           assessment=assessment),
                success=_("The assessment is closed; its results are below."))
    return _back(assessment)


def _with_texts(assessment) -> list[tuple[str, object]]:
    """The remedial rule's verdicts, each with its question's text (not its key)."""
    texts = {q["key"]: q["text"] for q in assessment.questions}
    return [(texts.get(v.question, v.question), v)
            for v in remedial_services.verdicts(assessment).values()]


@login_required
def results(request, pk):
    assessment = _assessment(request, pk)
    closed = assessment.state == Assessment.State.CLOSED
    return render(request, "assessments/results.html", {
        "assessment": assessment, "closed": closed, "min_cell": selectors.MIN_CELL,
        "rows": selectors.results(assessment) if closed else [],
        "verdicts": _with_texts(assessment) if closed else [],
        "parts": dict(Part.choices),
        "confidence_percent": f"{float(assessment.confidence) * 100:g}"})


def check(request, pk):
    """The public check of a sample (no login, no names): the roster's digest and the draw
    again from the recorded seed, against the record."""
    assessment = (Assessment.objects.select_related("organization", "activity")
                  .filter(pk=pk).first())
    if assessment is None or assessment.sample_drawn_at is None:
        raise Http404
    return render(request, "assessments/check.html", {
        "assessment": assessment, "check": sampling.check_sample(assessment),
        "labels": group_labels()})


@login_required
def remedial_list(request):
    if not selectors.reads_anything(request.user):
        raise PermissionDenied
    rounds = list(selectors.remedial_rounds_for(request.user)[:200])
    progress = selectors.task_progress(rounds)
    following = selectors.following_assessments(rounds)
    return render(request, "assessments/remedial_list.html", {
        "rows": [(r, progress.get(r.pk), following.get(r.pk)) for r in rounds]})


@login_required
def remedial_detail(request, pk):
    remedial = selectors.get_round_for(request.user, pk)
    return render(request, "assessments/remedial_detail.html", {
        "round": remedial, "steps": list(selectors.round_steps(remedial)),
        "following": remedial_services.following_assessment(remedial),
        "can_close": request.user.has_perm("assessments.supervise_remedial", remedial)})


@login_required
@require_POST
def remedial_close(request, pk):
    remedial = selectors.get_round_for(request.user, pk)
    run_service(request, lambda: remedial_services.close_remedial_round(
        actor=request.user, remedial=remedial), success=_("The round is closed."))
    return redirect("assessments:remedial_detail", pk=remedial.pk)
