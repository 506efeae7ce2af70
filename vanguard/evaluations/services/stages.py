"""A branch's evaluation from opening to closing: open it, submit self-evaluations, name the
non-member voters, open the ballots (each eligible voter gets a participation and a token),
close them.

Stages follow the practice's order: self-evaluation → ballots open (mutual evaluation by the
members, and assessment by non-members when the template asks for it) → ballots closed →
grades set → counts published. A self-evaluation may still be handed in while the ballots
are open, so that one late member does not hold up the branch.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Activity, Phase
from vanguard.core import clock
from vanguard.evaluations.activities import EVALUATION_KIND
from vanguard.evaluations.errors import EvaluationError
from vanguard.evaluations.models import (
    MAX_OPINION,
    Evaluation,
    Grade,
    Participation,
    Round,
    SelfEvaluation,
)
from vanguard.evaluations.services import tokens
from vanguard.evaluations.services.common import locked, member_ids, require, running
from vanguard.people.models import Activist, Member, Organization, Person

S = Evaluation.Stage


def _check_opening(activity: Activity, branch: Organization, closes_on) -> None:
    if activity.kind != EVALUATION_KIND:
        raise EvaluationError(_("This step is not a democratic evaluation."), code="kind")
    if branch.kind != Organization.Kind.BRANCH or \
            not branch.path.startswith(activity.plan.organization.path):
        raise EvaluationError(_("Only a branch covered by this plan holds this evaluation."),
                              code="not_branch")
    if activity.phase.state != Phase.State.OPEN:
        raise EvaluationError(_("This step's phase is not open, so the evaluation cannot "
                                "start now."), code="phase_not_open")
    if closes_on is None or closes_on < clock.today():
        raise EvaluationError(_("The ballots must close today or later."), code="closes_on")


@transaction.atomic
def open_evaluation(*, actor, activity: Activity, branch: Organization,
                    closes_on) -> Evaluation:
    """The branch's evaluation, at its first stage (self-evaluation); one per branch."""
    require(actor, "evaluations.run_evaluation", branch)
    activity = Activity.objects.select_related("plan__organization", "plan__campaign",
                                               "phase").get(pk=activity.pk)
    _check_opening(activity, branch, closes_on)
    if activity.plan.campaign.state != activity.plan.campaign.State.RUNNING:
        raise EvaluationError(_("The campaign is closed; its records can be read, not "
                                "changed."), code="campaign_closed")
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                campaign=activity.plan.campaign, activity=activity, organization=branch,
                closes_on=closes_on,
                non_member_round=bool(activity.settings.get("non_member_round", False)))
    except IntegrityError:
        raise EvaluationError(_("This branch's evaluation is already open."),
                              code="duplicate") from None
    audit.record(actor=actor, action="evaluations.evaluation.opened", target=evaluation,
                 changes={"stage": [None, evaluation.stage],
                          "closes_on": [None, str(closes_on)],
                          "non_member_round": [None, evaluation.non_member_round]})
    return evaluation


@transaction.atomic
def submit_self_evaluation(*, actor, evaluation: Evaluation, grade: str,
                           text: str) -> SelfEvaluation:
    """A member's own grade and words; named, read by the branch committee."""
    evaluation = locked(evaluation)
    person = getattr(actor, "person", None)
    if person is None or person.pk not in member_ids(evaluation):
        raise EvaluationError(_("Only a member of this branch evaluates themselves here."),
                              code="not_member")
    running(evaluation)
    if evaluation.stage not in (S.SELF, S.VOTING):
        raise EvaluationError(_("The ballots are closed: the self-evaluation can no longer be "
                                "changed."), code="closed")
    if grade not in Grade.values:
        raise EvaluationError(_("Choose one of the four grades."), code="grade")
    text = (text or "").strip()
    if len(text) > MAX_OPINION:
        raise EvaluationError(_("The self-evaluation may be at most %(max)d characters; it has "
                                "%(n)d.") % {"max": MAX_OPINION, "n": len(text)}, code="long")
    before = SelfEvaluation.objects.filter(evaluation=evaluation, person=person).first()
    row, _created = SelfEvaluation.objects.update_or_create(
        evaluation=evaluation, person=person, defaults={"grade": grade, "text": text})
    audit.record(actor=actor, action="evaluations.self_evaluation.submitted", target=row,
                 changes={"grade": [before.grade if before else None, grade]})
    return row


@transaction.atomic
def add_non_member_voter(*, actor, evaluation: Evaluation, person: Person) -> Participation:
    """A named non-member (a staff member who is not in the party) who assesses the branch's
    members; their token is made now, like everyone's."""
    evaluation = locked(evaluation)
    require(actor, "evaluations.run_evaluation", evaluation)
    running(evaluation)
    if not evaluation.non_member_round:
        raise EvaluationError(_("This evaluation has no assessment by non-members."),
                              code="no_round")
    if evaluation.stage not in (S.SELF, S.VOTING):
        raise EvaluationError(_("The ballots are closed: no voter can be added."),
                              code="closed")
    if person.school_id != evaluation.organization.school_id or \
            Member.objects.filter(person=person).exists():
        raise EvaluationError(_("%(name)s is not a non-member of this school.")
                              % {"name": person.name}, code="not_non_member")
    if Participation.objects.filter(evaluation=evaluation, round=Round.NON_MEMBER,
                                    person=person).exists():
        raise EvaluationError(_("%(name)s is already among the voters.") % {"name": person.name},
                              code="duplicate")
    participation = Participation.objects.create(
        evaluation=evaluation, round=Round.NON_MEMBER, person=person,
        token_hash=tokens.hash_token(tokens.new_token()))
    audit.record(actor=actor, action="evaluations.voter.added", target=participation,
                 changes={"round": [None, Round.NON_MEMBER]})
    return participation


def eligible_voters(evaluation: Evaluation) -> list[tuple[str, int]]:
    """(round, person id) of everyone who votes: the members in the mutual round; the
    branch's activists in the non-members' round when there is one (named staff are added
    one by one and have their participation already)."""
    voters = [(Round.MUTUAL, pk) for pk in member_ids(evaluation)]
    if evaluation.non_member_round:
        voters += [(Round.NON_MEMBER, pk) for pk in Activist.objects.filter(
            organization_id=evaluation.organization_id).values_list("person_id", flat=True)]
    return voters


@transaction.atomic
def issue_tokens(*, actor, evaluation: Evaluation) -> dict[int, str]:
    """Open the ballots: a participation with a token for every eligible voter who has none
    yet. Returns {participation id: token} for the new ones; the tokens are not kept (only
    their hashes), so printing slips makes fresh ones (`tokens.reissue_slips`)."""
    evaluation = locked(evaluation)
    require(actor, "evaluations.run_evaluation", evaluation)
    running(evaluation)
    if evaluation.stage not in (S.SELF, S.VOTING):
        raise EvaluationError(_("The ballots are closed: no token can be issued."),
                              code="closed")
    if evaluation.closes_on is None or evaluation.closes_on < clock.today():
        raise EvaluationError(_("The closing day has passed; the ballots cannot open."),
                              code="closes_on")
    have = set(Participation.objects.filter(evaluation=evaluation)
               .values_list("round", "person_id"))
    issued = {}
    for round_, person_id in eligible_voters(evaluation):
        if (round_, person_id) in have:
            continue
        token = tokens.new_token()
        row = Participation.objects.create(evaluation=evaluation, round=round_,
                                           person_id=person_id,
                                           token_hash=tokens.hash_token(token))
        issued[row.pk] = token
    before = evaluation.stage
    evaluation.stage = S.VOTING
    evaluation.save(update_fields=["stage", "updated_at"])
    audit.record(actor=actor, action="evaluations.ballots.opened", target=evaluation,
                 changes={"stage": [before, evaluation.stage], "tokens": [None, len(issued)]})
    return issued


@transaction.atomic
def close_evaluation(*, actor, evaluation: Evaluation) -> Evaluation:
    """No more ballots; results become readable (with enough ballots)."""
    evaluation = locked(evaluation)
    require(actor, "evaluations.run_evaluation", evaluation)
    if evaluation.stage != S.VOTING:
        raise EvaluationError(_("Only open ballots can be closed."), code="not_voting")
    evaluation.stage, evaluation.closed_on = S.CLOSED, clock.today()
    evaluation.save(update_fields=["stage", "closed_on", "updated_at"])
    audit.record(actor=actor, action="evaluations.ballots.closed", target=evaluation,
                 changes={"stage": [S.VOTING, S.CLOSED]})
    return evaluation
