"""The branch committee's pages: the campaign's branches, one branch's evaluation (stages,
participation, paper tallies, results, grades), the printable slips and the Word table."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from vanguard.campaigns import selectors as campaign_selectors
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.evaluations import documents, selectors
from vanguard.evaluations.forms import GradeForm, OpenForm, TallyForm, VoterForm
from vanguard.evaluations.models import Evaluation, MemberGrade, Participation, Round
from vanguard.evaluations.services import grades, paper, stages, tokens
from vanguard.evaluations.services.common import min_ballots
from vanguard.people.models import Person

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _evaluation(request, pk: int, perm: str = "evaluations.view_results") -> Evaluation:
    """The evaluation if its branch is in the viewer's reading scope (404 otherwise), and 403
    when the page needs a permission the viewer's role never has there."""
    evaluation = (Evaluation.objects.select_related("organization", "campaign",
                                                    "activity__phase")
                  .filter(pk=pk).first())
    if evaluation is None or not request.user.has_perm("evaluations.view_results",
                                                         evaluation):
        raise Http404
    if not request.user.has_perm(perm, evaluation):
        raise PermissionDenied
    return evaluation


def _back(evaluation: Evaluation):
    return redirect("evaluations:branch", campaign=evaluation.campaign_id,
                    code=evaluation.organization.code)


@login_required
def branches(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    return render(request, "evaluations/branches.html", {
        "campaign": campaign, "rows": list(selectors.branches_for(request.user, campaign))})


@login_required
def branch(request, campaign, code):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    org = selectors.get_branch_for(request.user, code)
    evaluation = selectors.evaluation_of(campaign, org)
    can_run = request.user.has_perm("evaluations.run_evaluation", org)
    context = {"campaign": campaign, "branch": org, "evaluation": evaluation,
               "can_run": can_run, "open_form": OpenForm(), "voter_form": VoterForm(),
               "activity": selectors.evaluation_activity_for(campaign, org)}
    if evaluation is not None:
        context.update(_evaluation_context(evaluation, can_run))
    return render(request, "evaluations/branch.html", context)


def _evaluation_context(evaluation: Evaluation, can_run: bool) -> dict:
    try:
        results, results_error = selectors.results(evaluation), ""
    except VanguardError as exc:
        results, results_error = [], exc.text
    counts = selectors.participation_counts(evaluation)
    rounds = [Round.MUTUAL] + ([Round.NON_MEMBER] if evaluation.non_member_round else [])
    labels = dict(Round.choices)
    rows = selectors.member_rows(evaluation)
    for result in results:
        result.table = result.rows([row.person for row in rows])
    return {
        "rounds": [(r, labels[r], counts.get(r, {})) for r in rounds],
        "participants": list(selectors.participants(evaluation)) if can_run else [],
        "results": results, "results_error": results_error,
        "min_ballots": min_ballots(evaluation),
        "member_rows": rows,
        "paper_stage": evaluation.stage in paper.PAPER_STAGES,
        "grading": evaluation.stage in (Evaluation.Stage.CLOSED, Evaluation.Stage.GRADED),
    }


@login_required
@require_POST
def open_evaluation(request, campaign, code):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    org = selectors.get_branch_for(request.user, code)
    activity = selectors.evaluation_activity_for(campaign, org)
    form = OpenForm(request.POST)
    if activity is None:
        messages.error(request, _("This campaign's plan has no democratic evaluation."))
    elif not form.is_valid():
        messages.error(request, _("Give the day the ballots close."))
    else:
        run_service(request, lambda: stages.open_evaluation(
            actor=request.user, activity=activity, branch=org,
            closes_on=form.cleaned_data["closes_on"]),
            success=_("The evaluation is open: members can evaluate themselves."))
    return redirect("evaluations:branch", campaign=campaign.pk, code=org.code)


@login_required
@require_POST
def start_voting(request, pk):
    evaluation = _evaluation(request, pk)
    run_service(request, lambda: stages.issue_tokens(actor=request.user, evaluation=evaluation),
                success=_("The ballots are open. Voters with an account vote on their own "
                          "page; print slips for those without one."))
    return _back(evaluation)


@login_required
@require_POST
def add_voter(request, pk):
    evaluation = _evaluation(request, pk)
    form = VoterForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return _back(evaluation)
    person = Person.objects.filter(school_id=evaluation.organization.school_id,
                                   staff_no=form.cleaned_data["staff_no"].strip()).first()
    if person is None:
        messages.error(request, _("Nobody at this school has that staff number."))
        return _back(evaluation)
    run_service(request, lambda: stages.add_non_member_voter(
        actor=request.user, evaluation=evaluation, person=person),
        success=_("%(name)s will assess the members.") % {"name": person.name})
    return _back(evaluation)


@never_cache
@login_required
@require_POST
def slips(request, pk):
    """The printable slips with fresh codes: shown once, never stored, never cached."""
    evaluation = _evaluation(request, pk)
    try:
        issued = tokens.reissue_slips(actor=request.user, evaluation=evaluation)
    except VanguardError as exc:
        messages.error(request, exc.text)
        return _back(evaluation)
    vote_url = request.build_absolute_uri(reverse("evaluations:vote"))
    return render(request, "evaluations/slips.html", {
        "evaluation": evaluation, "slips": issued, "vote_url": vote_url})


@login_required
@require_POST
def mark_paper(request, pk, participation):
    evaluation = _evaluation(request, pk)
    row = Participation.objects.filter(pk=participation, evaluation=evaluation).first()
    if row is None:
        raise Http404
    run_service(request, lambda: paper.mark_on_paper(actor=request.user, evaluation=evaluation,
                                                     participation=row),
                success=_("%(name)s is marked as voting on paper.") % {"name": row.person.name})
    return _back(evaluation)


@login_required
def tally(request, pk, round):
    evaluation = _evaluation(request, pk, "evaluations.run_evaluation")
    if round not in Round.values:
        raise Http404
    members = selectors.members(evaluation)
    form = TallyForm(request.POST or None, members=members)
    if request.method == "POST" and form.is_valid():
        try:
            paper.enter_paper_tally(actor=request.user, evaluation=evaluation, round=round,
                                    ballots=form.cleaned_data["ballots"],
                                    counts=form.counts())
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("Your tally is saved. It counts once a second person's "
                                        "tally agrees with it."))
            return _back(evaluation)
    return render(request, "evaluations/tally.html", {
        "evaluation": evaluation, "form": form, "round_label": dict(Round.choices)[round],
        "result": paper.paper_result(evaluation, round)})


@login_required
@require_POST
def close(request, pk):
    evaluation = _evaluation(request, pk)
    run_service(request, lambda: stages.close_evaluation(actor=request.user,
                                                         evaluation=evaluation),
                success=_("The ballots are closed."))
    return _back(evaluation)


@login_required
def grade(request, pk, person):
    evaluation = _evaluation(request, pk, "evaluations.run_evaluation")
    member = next((p for p in selectors.members(evaluation) if p.pk == person), None)
    if member is None:
        raise Http404
    current = MemberGrade.objects.filter(evaluation=evaluation, person=member).first()
    initial = {"grade": current.grade, "achievements": current.achievements,
               "shortcomings": current.shortcomings} if current else {}
    form = GradeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            grades.set_grade(actor=request.user, evaluation=evaluation, person=member,
                             **form.cleaned_data)
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The grade and opinion for %(name)s are saved.")
                             % {"name": member.name})
            return _back(evaluation)
    return render(request, "evaluations/grade.html", {
        "evaluation": evaluation, "member": member, "form": form, "current": current,
        "self_evaluation": evaluation.self_evaluations.filter(person=member).first()})


@login_required
@require_POST
def publish(request, pk):
    evaluation = _evaluation(request, pk)
    run_service(request, lambda: grades.publish_counts(actor=request.user,
                                                       evaluation=evaluation),
                success=_("The counts per grade are published on the school's public page."))
    return _back(evaluation)


@login_required
def table_word(request, pk):
    evaluation = _evaluation(request, pk, "evaluations.run_evaluation")
    response = HttpResponse(documents.evaluation_table(evaluation), content_type=DOCX)
    response["Content-Disposition"] = (f'attachment; filename="evaluation-'
                                       f'{evaluation.organization.code}.docx"')
    return response
