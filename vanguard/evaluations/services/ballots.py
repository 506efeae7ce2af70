"""Casting a ballot: the token is spent, the participation marked, the ballot written, all in
one transaction, and nothing else.

What is deliberately not done: no audit entry (a ballot's audit would name its voter or its
moment; `Ballot` is registered anonymous in case anything ever audits one), no session write,
no notification, no log line; the ballot's only date is the evaluation's closing day; its
key is random (UUID) and its grade rows get random ids. A ballot grades every member of the
branch, the voter included, because a ballot leaving one name out would name its voter.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.core import clock
from vanguard.evaluations.errors import EvaluationError
from vanguard.evaluations.models import Ballot, BallotGrade, Evaluation, Grade, Participation
from vanguard.evaluations.services.common import member_ids
from vanguard.evaluations.services.tokens import MAX_TOKEN, hash_token, random_id, spend
from vanguard.people.models import Person


def voting_is_open(evaluation: Evaluation) -> bool:
    return (evaluation.stage == Evaluation.Stage.VOTING and evaluation.closes_on is not None
            and clock.today() <= evaluation.closes_on)


def _check_open(evaluation: Evaluation) -> None:
    if not voting_is_open(evaluation):
        raise EvaluationError(_("The ballots are closed: no vote can be cast any more."),
                              code="closed")


def checked_grades(evaluation: Evaluation, grades: dict) -> dict[int, str]:
    """{person id: grade} for exactly the branch's members, or a refusal saying what is wrong."""
    members = member_ids(evaluation)
    cleaned = {}
    for key, grade in (grades or {}).items():
        try:
            cleaned[int(key)] = grade
        except (TypeError, ValueError):
            raise EvaluationError(_("The ballot is not readable."), code="bad_key") from None
    strangers = set(cleaned) - set(members)
    if strangers:
        names = ", ".join(Person.objects.filter(pk__in=strangers).values_list("name", flat=True))
        raise EvaluationError(_("Only the branch's members are graded; not a member of this "
                                "branch: %(names)s.") % {"names": names or _("unknown")},
                              code="not_member")
    missing = [pk for pk in members if not cleaned.get(pk)]
    if missing:
        names = ", ".join(Person.objects.filter(pk__in=missing).order_by("name")
                          .values_list("name", flat=True))
        raise EvaluationError(_("Give a grade to every member of the branch; missing: "
                                "%(names)s.") % {"names": names}, code="missing")
    if any(grade not in Grade.values for grade in cleaned.values()):
        raise EvaluationError(_("Each grade must be one of the four grades."), code="grade")
    return cleaned


def _write(participation: Participation, token_hash: str, grades: dict) -> Ballot:
    evaluation = participation.evaluation
    _check_open(evaluation)
    cleaned = checked_grades(evaluation, grades)
    spend(token_hash)
    Participation.objects.filter(pk=participation.pk).update(voted=True)
    ballot = Ballot.objects.create(evaluation=evaluation, round=participation.round,
                                   day=evaluation.closes_on)
    BallotGrade.objects.bulk_create([
        BallotGrade(id=random_id(), ballot=ballot, person_id=person_id, grade=grade)
        for person_id, grade in cleaned.items()])
    return ballot


def _participation(**lookup) -> Participation | None:
    return (Participation.objects.select_related("evaluation__activity",
                                                 "evaluation__campaign")
            .filter(**lookup).first())


@transaction.atomic
def cast_ballot(*, token: str, grades: dict) -> Ballot:
    """A ballot with a slip's token: {person id: grade} for every member of the branch."""
    if not token or len(token) > MAX_TOKEN:
        raise EvaluationError(_("This voting code is not valid."), code="bad_token")
    token_hash = hash_token(token)
    participation = _participation(token_hash=token_hash)
    if participation is None:
        raise EvaluationError(_("This voting code is not valid."), code="bad_token")
    return _write(participation, token_hash, grades)


@transaction.atomic
def cast_own_ballot(*, actor, evaluation: Evaluation, round: str, grades: dict) -> Ballot:
    """A logged-in voter's ballot: their own participation's token is spent."""
    person = getattr(actor, "person", None)
    participation = person and _participation(evaluation_id=evaluation.pk, round=round,
                                               person=person)
    if not participation:
        raise EvaluationError(_("You are not among this ballot's voters."), code="not_voter")
    return _write(participation, participation.token_hash, grades)
