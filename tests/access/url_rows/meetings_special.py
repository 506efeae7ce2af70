"""URL rows: the special meetings (branch S1-B2's organizational-life meeting, S1's
democratic-life meeting), the package pages, and the school's public page."""

import datetime as dt

from tests.access.url_table import B2_READERS, POST_ONLY, ROLES, S1_READERS, row
from vanguard.meetings import services_special as services
from vanguard.meetings.models import Criticism, MaterialPackage

# The team's archive: those who run S1's meeting (its office) or acknowledge it (an office
# above, the admin); other readers of S1 see the meeting but not the leaders' analyses.
PACKAGE = {**{k: 403 if v == 200 else v for k, v in S1_READERS.items()},
           "office": 200, "admin": 200}
OFFICES = {**dict.fromkeys(ROLES[1:], 403), "office": 200, "other_office": 200, "admin": 200}

ROWS = [
    row("meetings:special_for_activity", "org_life_activity", S1_READERS),
    row("meetings:special_detail", "org_life_meeting", B2_READERS),
    row("meetings:special_detail", "team_meeting", S1_READERS),
    row("meetings:special_attendance", "org_life_meeting", POST_ONLY),
    row("meetings:special_self_criticism", "org_life_meeting", POST_ONLY),
    row("meetings:special_criticism_add", "org_life_meeting", POST_ONLY),
    row("meetings:special_criticism_remove", "criticism", POST_ONLY),
    row("meetings:special_minutes", "org_life_meeting", POST_ONLY),
    row("meetings:special_package", "team_meeting", PACKAGE),
    row("meetings:special_package_submit", "team_meeting", POST_ONLY),
    row("meetings:special_notice", "team_meeting", POST_ONLY),
    row("meetings:special_notice_withdraw", "team_meeting", POST_ONLY),
    row("meetings:packages", None, OFFICES),
    row("meetings:package_acknowledge", "package", POST_ONLY),
    # The public page needs no login: everybody, anonymous too, reads it.
    {"name": "web:public_school", "target": "school_top", "query": "",
     "expected": dict.fromkeys(ROLES, 200)},
]


def targets(launched, district) -> dict:
    """S1-B2's meeting (scheduled by its secretary) with one criticism, and S1's team meeting
    with a package sent (made directly: the phase is not open in this world)."""
    s1 = district.schools[0]
    plan = launched.plans.get(organization=s1.committee)
    org_life = plan.activities.get(key="org_life_meeting")
    team = plan.activities.get(key="democratic_life_meeting")
    shanghai = dt.timezone(dt.timedelta(hours=8))
    branch_meeting = services.schedule_special_meeting(
        actor=district.users["secretary"], activity=org_life, organization=s1.branches[-1],
        title="专题组织生活会",
        held_at=dt.datetime.combine(org_life.starts_on, dt.time(15), tzinfo=shanghai))
    criticism = Criticism.objects.create(meeting=branch_meeting, critic=s1.members[3],
                                         target=s1.members[4], summary="批评意见")
    team_meeting = services.schedule_special_meeting(
        actor=district.users["office"], activity=team, organization=s1.committee,
        title="民主生活会",
        held_at=dt.datetime.combine(team.starts_on, dt.time(9), tzinfo=shanghai))
    package = MaterialPackage.objects.create(meeting=team_meeting, superior=district.root,
                                             sha256="0" * 64,
                                             submitted_at=team_meeting.held_at)
    return {"org_life_activity": {"pk": org_life.pk},
            "org_life_meeting": {"pk": branch_meeting.pk},
            "team_meeting": {"pk": team_meeting.pk}, "criticism": {"pk": criticism.pk},
            "package": {"pk": package.pk}, "school_top": {"code": s1.committee.code}}
