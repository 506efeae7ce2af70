"""Answer tokens: made at random, stored only as their SHA-256, spent once; the printed slips.

As the evaluation's voting tokens (vanguard/evaluations/services/tokens.py): every respondent
gets a hash of a fresh token that nobody sees; printing the slips makes fresh tokens for the
respondents who have not answered, replacing the hashes (an older slip stops working), and
shows them once, on the printout. A respondent with an account may answer logged in: the
service spends their own row's hash. Spending is an insert into `SpentToken` under its unique
constraint, in the answer's own transaction; spent-token ids are random so that their order
cannot be lined up with the responses'.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.assessments.errors import AssessmentError
from vanguard.assessments.models import Assessment, Respondent, SpentToken
from vanguard.assessments.services.common import locked, require, running
from vanguard.core import tokens as one_time

MAX_TOKEN = one_time.MAX_TOKEN
new_token, hash_token = one_time.new_token, one_time.hash_token


def spend(token_hash: str) -> None:
    """Use the token up, or refuse: the unique constraint decides, also between racing
    requests (vanguard.core.tokens)."""
    if not one_time.spend(SpentToken, token_hash):
        raise AssessmentError(_("This code was already used: each person answers once."),
                              code="spent")


@transaction.atomic
def reissue_slips(*, actor, assessment: Assessment) -> list[tuple[Respondent, str]]:
    """Fresh tokens for every respondent who has not answered, to be printed once; only the
    hashes are stored and an older slip of the same person stops working."""
    assessment = locked(assessment)
    require(actor, "assessments.run_assessment", assessment)
    running(assessment)
    if assessment.state != Assessment.State.OPEN:
        raise AssessmentError(_("Slips are printed while the assessment is open for answers."),
                              code="not_open")
    slips = []
    for respondent in (Respondent.objects.filter(assessment=assessment, answered=False)
                       .select_related("person").order_by("part", "group", "person__name", "pk")
                       .select_for_update(of=("self",))):
        token = new_token()
        respondent.token_hash = hash_token(token)
        respondent.save(update_fields=["token_hash"])
        slips.append((respondent, token))
    audit.record(actor=actor, action="assessments.slips.printed", target=assessment,
                 changes={"slips": [None, len(slips)]})
    return slips
