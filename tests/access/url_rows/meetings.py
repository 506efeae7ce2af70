"""URL rows: QR sign-in, the meeting's code, the make-up material and the make-up itself."""

from tests.access.url_table import POST_ONLY, S1_READERS, row
from vanguard.meetings.models import Attendance

# The code on the screen: only those running S1's meeting; other readers may see the page
# but not the code (403), the rest do not see the meeting at all (404).
RUNNERS = {**{k: 403 if v == 200 else v for k, v in S1_READERS.items()},
           "office": 200, "admin": 200}
# Opening the sign-in address without a code: someone on the list (a member of S1, whatever
# their role) is told the code is wrong (400); an account not on the list is told so (403).
SIGN_IN = {"member": 400, "secretary": 400, "leader": 400, "other_secretary": 403,
           "other_office": 403, "office": 403, "supervisor": 403, "admin": 403}

ROWS = [
    row("meetings:sign_in_code", "meeting", RUNNERS),
    row("meetings:sign_in", "meeting", SIGN_IN),
    row("meetings:makeup_material", "meeting", POST_ONLY),
    row("meetings:makeup_done", "makeup_attendance", POST_ONLY),
]


def targets(launched, district):
    """The member's attendance row at S1's meeting (the world has scheduled it)."""
    row = Attendance.objects.get(meeting__organization=district.schools[0].committee,
                                 person=district.users["member"].person)
    return {"makeup_attendance": {"pk": row.pk}}
