"""Answer tokens: made at random, stored only as their SHA-256, spent once; the printed slips.

As the evaluation's voting tokens (vanguard/evaluations/services/tokens.py): every respondent
gets a hash of a fresh token that nobody sees; printing the slips makes fresh tokens for the
respondents who have not answered, replacing the hashes (an older slip stops working), and
shows them once, on the printout. A respondent with an account may answer logged in: the
service spends their own row's hash. Spending is an insert into `SpentToken` under its unique
constraint, in the answer's own transaction; spent-token ids are random so that their order
cannot be lined up with the responses'.
"""

import hashlib
import secrets

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.assessments.errors import AssessmentError
from vanguard.assessments.models import Assessment, Respondent, SpentToken
from vanguard.assessments.services.common import locked, require, running

TOKEN_BYTES = 24
MAX_TOKEN = 100
ID_BITS = 62


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256((token or "").strip().encode()).hexdigest()


def random_id() -> int:
    return secrets.randbits(ID_BITS) + 1


def spend(token_hash: str) -> None:
    """Use the token up, or refuse: the unique constraint decides, also between racing
    requests."""
    try:
        with transaction.atomic():
            SpentToken.objects.create(id=random_id(), token_hash=token_hash)
    except IntegrityError:
        raise AssessmentError(_("This code was already used: each person answers once."),
                              code="spent") from None


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
