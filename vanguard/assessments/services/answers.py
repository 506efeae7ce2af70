"""Answering: the token is spent, the respondent marked, the response and its answers written,
all in one transaction, and nothing else.

What is deliberately not done, as for the evaluation's ballots: no audit entry (it would name
the respondent or their moment; `Response` and `Answer` are registered anonymous should
anything ever audit one), no session write, no notification, no log line. A response carries
its part and group (what results are read by), the assessment's closing day, and a random key;
its answers random keys too. Nothing written about the respondent (respondent row, spent
token) points at the response.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.assessments.errors import AssessmentError
from vanguard.assessments.models import Answer, Assessment, Rating, Respondent, Response
from vanguard.assessments.services.tokens import MAX_TOKEN, hash_token, spend
from vanguard.campaigns.models import Campaign
from vanguard.core import clock


def answering_is_open(assessment: Assessment) -> bool:
    return (assessment.state == Assessment.State.OPEN and assessment.closes_on is not None
            and clock.today() <= assessment.closes_on
            and assessment.campaign.state == Campaign.State.RUNNING)


def checked_ratings(assessment: Assessment, ratings: dict) -> dict[str, str]:
    """{question key: rating} for exactly the assessment's questions, or a refusal saying what
    is wrong."""
    keys = [q["key"] for q in assessment.questions]
    ratings = {str(k): v for k, v in (ratings or {}).items()}
    if set(ratings) - set(keys):
        raise AssessmentError(_("The answers do not match this assessment's questions."),
                              code="unknown_question")
    missing = [q["text"] for q in assessment.questions if not ratings.get(q["key"])]
    if missing:
        raise AssessmentError(_("Answer every question; not answered: %(questions)s.")
                              % {"questions": "; ".join(missing)}, code="missing")
    if any(rating not in Rating.values for rating in ratings.values()):
        raise AssessmentError(_("Each answer must be one of 满意, 比较满意, 基本满意, 不满意."),
                              code="rating")
    return ratings


def _write(respondent: Respondent, token_hash: str, ratings: dict) -> Response:
    assessment = respondent.assessment
    if not answering_is_open(assessment):
        raise AssessmentError(_("This assessment is closed: no answer can be given any more."),
                              code="closed")
    cleaned = checked_ratings(assessment, ratings)
    spend(token_hash)
    Respondent.objects.filter(pk=respondent.pk).update(answered=True)
    response = Response.objects.create(assessment=assessment, part=respondent.part,
                                       group=respondent.group, day=assessment.closes_on)
    Answer.objects.bulk_create([Answer(response=response, question=key, rating=rating)
                                for key, rating in cleaned.items()])
    return response


def _respondent(**lookup) -> Respondent | None:
    return (Respondent.objects.select_related("assessment__campaign", "assessment__organization")
            .filter(**lookup).first())


@transaction.atomic
def submit_answers(*, token: str, ratings: dict) -> Response:
    """Answers with a slip's token: {question key: rating} for every question."""
    if not token or len(token) > MAX_TOKEN:
        raise AssessmentError(_("This code is not valid."), code="bad_token")
    token_hash = hash_token(token)
    respondent = _respondent(token_hash=token_hash)
    if respondent is None:
        raise AssessmentError(_("This code is not valid."), code="bad_token")
    return _write(respondent, token_hash, ratings)


@transaction.atomic
def submit_own_answers(*, actor, assessment: Assessment, ratings: dict) -> Response:
    """A logged-in respondent's answers: their own row's token is spent."""
    person = getattr(actor, "person", None)
    respondent = person and _respondent(assessment_id=assessment.pk, person=person)
    if not respondent:
        raise AssessmentError(_("You are not among this assessment's respondents."),
                              code="not_respondent")
    return _write(respondent, respondent.token_hash, ratings)
