"""URL rows: the follow-up meeting on rectification (S1-B2's, scheduled by its secretary)."""

import datetime as dt

from tests.access.url_table import B2_READERS, POST_ONLY, S1_READERS, row
from vanguard.meetings import services_follow_up as services

ROWS = [
    row("meetings:follow_up_for_activity", "follow_up_activity", S1_READERS),
    row("meetings:follow_up_detail", "follow_up_meeting", B2_READERS),
    row("meetings:follow_up_attendance", "follow_up_meeting", POST_ONLY),
    row("meetings:follow_up_progress", "follow_up_meeting", POST_ONLY),
    row("meetings:follow_up_minutes", "follow_up_meeting", POST_ONLY),
]


def targets(launched, district) -> dict:
    s1 = district.schools[0]
    activity = launched.plans.get(organization=s1.committee).activities.get(
        key="follow_up_meeting")
    meeting = services.schedule_follow_up(
        actor=district.users["secretary"], activity=activity, organization=s1.branches[-1],
        title="整改专题组织生活会",
        held_at=dt.datetime.combine(activity.starts_on, dt.time(15),
                                    tzinfo=dt.timezone(dt.timedelta(hours=8))))
    return {"follow_up_activity": {"pk": activity.pk}, "follow_up_meeting": {"pk": meeting.pk}}
