"""Sign-in codes for a meeting's QR code: eight digits that change every minute.

A code is computed, never stored: HMAC-SHA256 keyed with the meeting's `sign_in_secret`
over "<meeting id>:<minute number>" (minutes since the Unix epoch); its first eight bytes
read as a number give the last eight decimal digits, as TOTP does, so every code has
eight evenly spread digits. A code is accepted in its own minute and the next one.
"""

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from enum import Enum

from vanguard.meetings.models import Meeting

CODE_DIGITS = 8
OPENS_BEFORE = dt.timedelta(minutes=30)
# How far back a refused code is compared, to tell "expired" from "not this meeting's".
LOOK_BACK_MINUTES = 24 * 60


class Verdict(Enum):
    VALID = "valid"
    EXPIRED = "expired"
    OTHER = "other"  # another meeting's code, a mistyped one, or none


def new_secret() -> str:
    return secrets.token_hex(32)  # 64 characters: the field's length


def minute_of(moment: dt.datetime) -> int:
    return int(moment.timestamp()) // 60


def code_for(meeting: Meeting, minute: int) -> str:
    digest = hmac.new(meeting.sign_in_secret.encode(), f"{meeting.pk}:{minute}".encode(),
                      hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10 ** CODE_DIGITS:0{CODE_DIGITS}d}"


@dataclass(frozen=True)
class Window:
    opens: dt.datetime
    closes: dt.datetime

    def __contains__(self, moment: dt.datetime) -> bool:
        return self.opens <= moment <= self.closes


def window_of(meeting: Meeting) -> Window:
    """From half an hour before the start to the end of the meeting."""
    return Window(meeting.held_at - OPENS_BEFORE,
                  meeting.held_at + dt.timedelta(minutes=meeting.duration_minutes))


def well_formed(code: str) -> bool:
    code = (code or "").strip()
    return len(code) == CODE_DIGITS and code.isascii() and code.isdigit()


def check(meeting: Meeting, code: str, now: dt.datetime) -> Verdict:
    """VALID for this or the previous minute's code; EXPIRED for an older one of this
    meeting; OTHER for anything else."""
    code = (code or "").strip()
    if not meeting.sign_in_secret or not well_formed(code):
        return Verdict.OTHER
    current = minute_of(now)
    if any(hmac.compare_digest(code, code_for(meeting, m)) for m in (current, current - 1)):
        return Verdict.VALID
    first = max(minute_of(window_of(meeting).opens), current - LOOK_BACK_MINUTES)
    if any(hmac.compare_digest(code, code_for(meeting, m)) for m in range(first, current - 1)):
        return Verdict.EXPIRED
    return Verdict.OTHER
