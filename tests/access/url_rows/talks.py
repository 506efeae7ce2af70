"""URL rows: heart-to-heart talks — one's own talks, recording for someone, coverage, and the
POST-only confirm, withdraw and refresh.

A person's own page needs a person; coverage is read at a unit by its readers; recording
for someone is for whoever runs the unit (a leader or a supervisor reads, never records)."""

from tests.access.url_table import B2_READERS, NO_PERSON, POST_ONLY, ROLES, row

NOBODY = dict.fromkeys(ROLES[1:], 404)

ROWS = [
    row("talks:my_talks", "talks_campaign", NO_PERSON),
    row("talks:coverage", "talks_campaign", B2_READERS, query="?org=S1-B2"),
    row("talks:coverage", "talks_campaign", {**B2_READERS, "secretary": 404}, query="?org=S1-C"),
    row("talks:coverage", "talks_campaign", {**NOBODY, "supervisor": 200, "admin": 200},
        query="?org=D"),
    row("talks:record_for", "talks_campaign", {**B2_READERS, "leader": 403, "supervisor": 403},
        query="?org=S1-B2"),
    row("talks:record_for", "talks_campaign", {**B2_READERS, "secretary": 404, "leader": 403,
                                               "supervisor": 403}, query="?org=S1-C"),
    # Recording is per school: at the district the admin is sent to choose one.
    row("talks:record_for", "talks_campaign", {**NOBODY, "supervisor": 403, "admin": 302},
        query="?org=D"),
    row("talks:confirm", "talk", POST_ONLY),
    row("talks:withdraw", "talk", POST_ONLY),
    row("talks:refresh", "talks_step", POST_ONLY),
]


def targets(launched, district) -> dict:
    from vanguard.core import clock
    from vanguard.talks.models import Rule, Talk

    s1 = district.schools[0]
    plan = launched.plans.get(organization=s1.committee)
    secretary, member = s1.members[3], s1.members[5]
    # Written directly: the talks phase is not open yet in the launched campaign.
    talk = Talk.objects.create(campaign=launched, organization=s1.branches[-1],
                               person_a=secretary, person_b=member, rule=Rule.SECRETARY_MEMBER,
                               held_on=clock.today(), place="活动室", summary="谈心。",
                               recorded_by=member)
    return {
        "talks_campaign": {"campaign": launched.pk},
        "talk": {"pk": talk.pk},
        "talks_step": {"pk": plan.activities.get(kind="talks.talks").pk},
    }
