"""One-time tokens for anonymous answers (ballots, assessment answers): made at random,
stored only as their SHA-256, spent once under a unique constraint.

Spending is an insert into the app's spent-token table inside the caller's transaction (a
savepoint here), so a failed answer leaves the token unspent, and of two racing requests the
second waits for the first's commit and then fails on the constraint. Spent rows get random
ids: with sequential ids the order of spent tokens (whose holders are known) could be lined
up with the order of the anonymous rows written beside them.
"""

import hashlib
import secrets

from django.db import IntegrityError, transaction

TOKEN_BYTES = 24
MAX_TOKEN = 100
ID_BITS = 62


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256((token or "").strip().encode()).hexdigest()


def random_id() -> int:
    return secrets.randbits(ID_BITS) + 1


def spend(spent_model, token_hash: str) -> bool:
    """Use the token up: True, or False when it was already used."""
    try:
        with transaction.atomic():
            spent_model.objects.create(id=random_id(), token_hash=token_hash)
    except IntegrityError:
        return False
    return True
