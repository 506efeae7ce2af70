"""The voter's page (a logged-in voter's own ballot, or a slip's code, no login needed) and
the member's page (self-evaluation, then their grade and opinion to acknowledge).

The voting page leaves the session unsaved (SESSION_SAVE_EVERY_REQUEST would otherwise
write a new expiry, a time to the second beside the voter's account), sends no message
through the session and answers the ballot in the POST response itself.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from vanguard.campaigns.models import Assignment, Campaign
from vanguard.core.errors import VanguardError
from vanguard.evaluations import selectors
from vanguard.evaluations.activities import EVALUATION_KIND
from vanguard.evaluations.forms import BallotForm, SelfEvaluationForm, TokenForm
from vanguard.evaluations.models import Evaluation, MemberGrade, Participation, SelfEvaluation
from vanguard.evaluations.services import ballots, grades, stages, tokens


def session_left_alone(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        session = getattr(request, "session", None)
        if session is not None:
            session.save = lambda must_create=False: None
        return view(request, *args, **kwargs)

    return wrapped


def _ballot_page(request, participation: Participation, form: BallotForm, *, token=""):
    return render(request, "evaluations/vote.html", {
        "participation": participation, "evaluation": participation.evaluation,
        "form": form, "token": token})


def _done_page(request):
    return render(request, "evaluations/vote_done.html")


def _with_token(request, token_form: TokenForm):
    """A slip's code: check it, then show (or take) the ballot it opens."""
    token = token_form.cleaned_data["token"].strip()
    participation = (Participation.objects.select_related("evaluation__organization",
                                                          "evaluation__activity")
                     .filter(token_hash=tokens.hash_token(token), voted=False).first())
    if participation is None or not ballots.voting_is_open(participation.evaluation):
        token_form.add_error("token", _("This voting code is not valid, already used, or its "
                                        "ballots are closed."))
        return None
    form = BallotForm(request.POST if "cast" in request.POST else None,
                      members=selectors.members(participation.evaluation))
    if "cast" in request.POST and form.is_valid():
        try:
            ballots.cast_ballot(token=token, grades=form.grades())
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            return _done_page(request)
    return _ballot_page(request, participation, form, token=token)


def _own(request, pk: str):
    participation = selectors.get_own_participation_for(request.user, int(pk))
    form = BallotForm(request.POST, members=selectors.members(participation.evaluation))
    if form.is_valid():
        try:
            ballots.cast_own_ballot(actor=request.user, evaluation=participation.evaluation,
                                    round=participation.round, grades=form.grades())
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            return _done_page(request)
    return _ballot_page(request, participation, form)


@never_cache
@session_left_alone
def vote(request):
    """GET: the logged-in voter's open ballots and the code form. POST: a code, or a ballot."""
    if request.method == "POST" and request.POST.get("participation", "").isdigit():
        if not request.user.is_authenticated:
            raise Http404
        return _own(request, request.POST["participation"])
    token_form = TokenForm(request.POST or None)
    if request.method == "POST" and token_form.is_valid():
        response = _with_token(request, token_form)
        if response is not None:
            return response
    person = getattr(request.user, "person", None) if request.user.is_authenticated else None
    own = []
    if person is not None:
        own = [(p, BallotForm(members=selectors.members(p.evaluation)))
               for p in selectors.open_participations(person)
               if ballots.voting_is_open(p.evaluation)]
    return render(request, "evaluations/vote_start.html", {"token_form": token_form,
                                                           "own": own})


def _member_evaluation(request, campaign_pk) -> tuple[Campaign, Evaluation | None]:
    """The campaign in which the viewer has the evaluation task, and their branch's
    evaluation (None before it opens); 404 without the task."""
    person = getattr(request.user, "person", None)
    assignment = person and (Assignment.objects.filter(
        person=person, activity__kind=EVALUATION_KIND, activity__plan__campaign_id=campaign_pk)
        .select_related("activity__plan__campaign").first())
    if not assignment:
        raise Http404
    campaign = assignment.activity.plan.campaign
    branch = selectors.member_branch(person)
    return campaign, (selectors.evaluation_of(campaign, branch) if branch else None)


@login_required
def mine(request, campaign):
    campaign, evaluation = _member_evaluation(request, campaign)
    person = request.user.person
    own = SelfEvaluation.objects.filter(evaluation=evaluation, person=person).first() \
        if evaluation else None
    grade = MemberGrade.objects.filter(evaluation=evaluation, person=person).first() \
        if evaluation else None
    form = SelfEvaluationForm(initial={"grade": own.grade, "text": own.text} if own else None)
    return render(request, "evaluations/mine.html", {
        "campaign": campaign, "evaluation": evaluation, "own": own, "grade": grade,
        "form": form, "self_open": evaluation is not None and evaluation.stage in (
            Evaluation.Stage.SELF, Evaluation.Stage.VOTING)})


@login_required
@require_POST
def self_evaluation(request, campaign):
    campaign, evaluation = _member_evaluation(request, campaign)
    form = SelfEvaluationForm(request.POST)
    if evaluation is None:
        raise Http404
    if form.is_valid():
        try:
            stages.submit_self_evaluation(actor=request.user, evaluation=evaluation,
                                          **form.cleaned_data)
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("Your self-evaluation is saved."))
            return redirect("evaluations:mine", campaign=campaign.pk)
    return render(request, "evaluations/mine.html", {
        "campaign": campaign, "evaluation": evaluation, "form": form, "self_open": True,
        "own": None, "grade": None})


@login_required
@require_POST
def acknowledge(request, campaign):
    campaign, evaluation = _member_evaluation(request, campaign)
    if evaluation is None:
        raise Http404
    try:
        grades.acknowledge_grade(actor=request.user, evaluation=evaluation)
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("Acknowledged. Your task is done."))
    return redirect("evaluations:mine", campaign=campaign.pk)
