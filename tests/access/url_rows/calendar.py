"""URL rows: the school calendar (S1's, the district's, a branch that keeps none), a period
of S1's, a person's calendar feed page and feed, and the notification preferences."""

import datetime as dt

from tests.access.url_table import NO_PERSON, POST_ONLY, ROLES, S1_READERS, row
from vanguard.campaigns.models import CalendarPeriod
from vanguard.campaigns.services import feeds

# Every reading role has a calendar to go to; a plain member has none (no reading role).
HOME = {**dict.fromkeys(ROLES[1:], 302), "member": 403}
# The district's calendar: read by those above it and by every reader of a school below.
DISTRICT = {**dict.fromkeys(ROLES[1:], 200), "member": 404}
# A period's edit page: S1's office and the admin; other readers of S1 are refused.
PERIOD = {**{k: 403 if v == 200 else v for k, v in S1_READERS.items()},
          "office": 200, "admin": 200}

ROWS = [
    row("campaigns:calendar", None, HOME),
    row("campaigns:calendar_org", "calendar_s1", S1_READERS),
    row("campaigns:calendar_org", "calendar_district", DISTRICT),
    # A branch keeps no calendar of its own: not found for everybody.
    row("campaigns:calendar_org", "branch", dict.fromkeys(ROLES[1:], 404)),
    row("campaigns:calendar_period_add", "calendar_s1", POST_ONLY),
    row("campaigns:calendar_teaching_hours", "calendar_s1", POST_ONLY),
    row("campaigns:calendar_import", "calendar_s1", POST_ONLY),
    row("campaigns:calendar_period", "calendar_period", PERIOD),
    row("campaigns:calendar_period_remove", "calendar_period", POST_ONLY),
    row("campaigns:my_calendar", None, NO_PERSON),
    row("campaigns:my_calendar_feed", None, POST_ONLY),
    row("campaigns:notification_preferences", None, NO_PERSON),
    # The feed needs no login: its secret address is the key. An unknown one is not found.
    {"name": "campaigns:calendar_feed", "target": "feed_unknown", "query": "",
     "expected": dict.fromkeys(ROLES, 404)},
    {"name": "campaigns:calendar_feed", "target": "feed_member", "query": "",
     "expected": dict.fromkeys(ROLES, 200)},
]


def targets(launched, district) -> dict:
    s1 = district.schools[0]
    period = CalendarPeriod.objects.create(organization=s1.committee, kind="exam",
                                           name="期中考试", starts_on=dt.date(2027, 1, 10),
                                           ends_on=dt.date(2027, 1, 12))
    token = feeds.create_feed(actor=district.users["member"])
    return {
        "calendar_s1": {"code": s1.committee.code},
        "calendar_district": {"code": district.root.code},
        "calendar_period": {"pk": period.pk},
        "feed_unknown": {"token": "no-such-address"},
        "feed_member": {"token": token},
    }
