"""Writing a meeting's minutes: the same rule for every meeting that keeps them (the special
meetings of phase 2, the follow-up meeting of phase 3)."""

from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.core import clock
from vanguard.meetings.errors import MeetingError
from vanguard.meetings.models import Meeting
from vanguard.meetings.plain_text import to_plain_text

MAX_MINUTES = 20_000


def write_minutes(actor, meeting: Meeting, text: str) -> Meeting:
    """The minutes as plain text, bounded; the caller has locked the meeting and checked that
    the actor may write it, inside its transaction."""
    if len(text or "") > 4 * MAX_MINUTES:  # refuse before cleaning a huge paste
        raise MeetingError(_("The minutes may be at most %(n)d characters.") % {
            "n": MAX_MINUTES}, code="long_minutes")
    minutes = to_plain_text(text)
    if not minutes:
        raise MeetingError(_("Write the minutes of the meeting."), code="no_minutes")
    if len(minutes) > MAX_MINUTES:
        raise MeetingError(_("The minutes may be at most %(n)d characters.") % {
            "n": MAX_MINUTES}, code="long_minutes")
    before = len(meeting.minutes)
    meeting.minutes, meeting.minutes_recorded_at = minutes, clock.now()
    meeting.save(update_fields=["minutes", "minutes_recorded_at", "updated_at"])
    audit.record(actor=actor, action="meetings.minutes.recorded", target=meeting,
                 changes={"minutes": [before, len(minutes)]})
    return meeting
