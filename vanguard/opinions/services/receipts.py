"""Receipt codes of anonymous opinions: made, kept only as a slow hash, and looked up.

A code is 20 random decimal digits from `secrets` (about 66 bits), shown once and grouped
in fours. The database keeps PBKDF2-SHA256 of it with `RECEIPT_HASH_ITERATIONS` rounds and a
salt derived from SECRET_KEY: deterministic, so that a lookup is one equality query, and slow,
so that a stolen table cannot be turned back into codes by trying them all.

A lookup always computes the hash, whatever was typed, so an unknown code, a wrong one and a
malformed one cost the same time and get the same answer. Lookups are rate-limited per
address; the cache key holds a keyed hash of the address, never the address or the code.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _

from vanguard.access.ratelimit import hit
from vanguard.opinions.errors import OpinionError
from vanguard.opinions.models import Opinion

CODE_DIGITS = 20
# What a lookup form accepts at most, spaces and dashes included; longer is refused unread.
MAX_TYPED = 40
LOOKUP_WINDOW_SECONDS = 10 * 60
# A merged opinion points at the one it was folded into; chains are short, but bounded.
MAX_MERGE_HOPS = 10


def new_code() -> str:
    return f"{secrets.randbelow(10 ** CODE_DIGITS):0{CODE_DIGITS}d}"


def grouped(code: str) -> str:
    """'1234 5678 …' for reading aloud and copying by hand."""
    return " ".join(code[i:i + 4] for i in range(0, len(code), 4))


def normalized(typed: str) -> str:
    """The digits as typed, without the spaces and dashes people put in."""
    return "".join(ch for ch in (typed or "")[:MAX_TYPED] if ch not in " -\u3000\t")


def _salt() -> bytes:
    return hmac.new(settings.SECRET_KEY.encode(), b"vanguard.opinions.receipt",
                    hashlib.sha256).digest()


def hash_code(code: str) -> str:
    return hashlib.pbkdf2_hmac("sha256", code.encode(), _salt(),
                               settings.RECEIPT_HASH_ITERATIONS).hex()


def address_key(address: str) -> str:
    """A keyed hash of the client address: the rate limit counts per address without
    writing one into the cache."""
    return hmac.new(settings.SECRET_KEY.encode(), f"receipt-lookup:{address}".encode(),
                    hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class ReceiptStatus:
    """What a receipt shows: what became of the opinion and the day it came in, nothing else."""

    status: str
    text: str
    received_on: date
    merged_status: str = ""
    merged_text: str = ""


def describe(status: str) -> str:
    """The status in words the giver understands."""
    S = Opinion.Status
    return {
        S.UNCONFIRMED: _("Received; waiting for a second person in the office to check it."),
        S.RECEIVED: _("Received; the office has not sorted it yet."),
        S.SORTED: _("Sorted by the office and routed to whom it is about."),
        S.MERGED: _("Merged into another opinion that says the same."),
        S.SET_ASIDE: _("Set aside by the office."),
        S.RELEASED: _("Fed back to whom it is about."),
        S.ANSWERED: _("Answered in the rectification plan."),
    }.get(status, _("Received."))


def _final_of(opinion: Opinion) -> Opinion:
    """The opinion a merged one was folded into, following the chain (one query a hop)."""
    current, hops = opinion, 0
    while current.status == Opinion.Status.MERGED and current.merged_into_id and \
            hops < MAX_MERGE_HOPS:
        current = Opinion.objects.only("status", "merged_into_id").get(
            pk=current.merged_into_id)
        hops += 1
    return current


def look_up(*, code: str, address: str) -> ReceiptStatus:
    """The status of the opinion with this receipt; the same refusal for unknown, wrong and
    malformed codes. Raises OpinionError(code="rate_limited") after too many lookups."""
    if not hit(f"receipt:{address_key(address)}", limit=settings.RECEIPT_LOOKUP_LIMIT,
               seconds=LOOKUP_WINDOW_SECONDS):
        raise OpinionError(_("Too many receipt lookups came from your address. Wait ten "
                             "minutes and try again."), code="rate_limited")
    digest = hash_code(normalized(code))  # always computed: no shortcut for a bad code
    opinion = (Opinion.objects.filter(receipt_hash=digest)
               .only("status", "received_on", "merged_into_id").first())
    if opinion is None:
        raise OpinionError(_("There is no opinion with this receipt code. Check the digits "
                             "and try again."), code="no_receipt")
    result = ReceiptStatus(opinion.status, describe(opinion.status), opinion.received_on)
    if opinion.status == Opinion.Status.MERGED:
        final = _final_of(opinion)
        result = ReceiptStatus(opinion.status, result.text, opinion.received_on,
                               final.status, describe(final.status))
    return result
