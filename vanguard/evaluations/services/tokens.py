"""Voting tokens: made at random, stored only as their SHA-256, spent once.

The design (the simplest one that keeps every voter to one ballot without a stored token):
- Opening the ballots gives every eligible voter a `Participation` whose `token_hash` is the
  hash of a fresh `secrets.token_urlsafe` token; the token itself is never stored.
- A voter with an account votes on `evaluations/vote/` while logged in: the service finds
  their own participation and spends *its* hash, so they never need to see a token.
- A voter without an account (an activist or a staff member with no login) gets a printed
  slip. Printing makes fresh tokens for the unspent participations of such voters, replacing
  the hashes (so an older slip stops working), and shows them once on the printable page.
- Spending a hash is an insert into `SpentToken`, whose unique constraint lets one hash
  write exactly one ballot however many submissions race; it is done in the same
  transaction as the ballot, so a failed ballot leaves the token unspent.
A spent token is linked to its voter (who voted is recorded, as the practice requires) but
nothing links a spent token, or a participation, to a ballot.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.core import tokens as one_time
from vanguard.evaluations.errors import EvaluationError
from vanguard.evaluations.models import Evaluation, Participation, SpentToken
from vanguard.evaluations.services.common import locked, require, running

MAX_TOKEN = one_time.MAX_TOKEN
new_token, hash_token, random_id = one_time.new_token, one_time.hash_token, one_time.random_id


def spend(token_hash: str) -> None:
    """Use the token up, or refuse: the unique constraint decides, also between racing
    requests (vanguard.core.tokens)."""
    if not one_time.spend(SpentToken, token_hash):
        raise EvaluationError(_("This token was already used: each voter has one ballot."),
                              code="spent")


def without_account(evaluation: Evaluation):
    """Unspent participations of voters who cannot log in: they need a printed slip."""
    return (Participation.objects.filter(evaluation=evaluation, voted=False,
                                         person__user__isnull=True)
            .select_related("person").order_by("round", "person__name", "pk"))


@transaction.atomic
def reissue_slips(*, actor, evaluation: Evaluation) -> list[tuple[Participation, str]]:
    """Fresh tokens for the slips of voters without an account, shown once to be printed.
    Only the hashes are stored; an older slip of the same voter stops working."""
    evaluation = locked(evaluation)
    require(actor, "evaluations.run_evaluation", evaluation)
    running(evaluation)
    if evaluation.stage != Evaluation.Stage.VOTING:
        raise EvaluationError(_("Slips are printed while the ballots are open."),
                              code="not_voting")
    slips = []
    for participation in without_account(evaluation).select_for_update(of=("self",)):
        token = new_token()
        participation.token_hash = hash_token(token)
        participation.save(update_fields=["token_hash"])
        slips.append((participation, token))
    audit.record(actor=actor, action="evaluations.slips.printed", target=evaluation,
                 changes={"slips": [None, len(slips)]})
    return slips
