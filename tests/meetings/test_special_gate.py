"""The review phase's gate shows the special meetings' facts, and they pass once held."""

from tests.meetings.special_support import democratic_life, hold, org_life, reviewed
from vanguard.campaigns.gates import evaluate_gate
from vanguard.meetings import services_special as services

MEETING_STEPS = ("org_life_meeting", "democratic_life_meeting")


def _meeting_checks(plan) -> dict[str, tuple[int, int, bool]]:
    phase = plan.phases.get(key="review")
    return {r.label: (r.done, r.required, r.passed) for r in evaluate_gate(phase)
            if r.activity_key in MEETING_STEPS}


def test_gate_lists_branch_and_team_meetings_and_the_package_not_yet_held(review_open):
    checks = _meeting_checks(review_open)
    assert checks["Branches that held the meeting, with minutes"] == (0, 2, False)
    assert checks["Teams that held the meeting, with minutes"] == (0, 1, False)
    assert checks["Material packages acknowledged by the superior"] == (0, 1, False)


def test_gate_checks_of_the_meetings_pass_after_the_records_are_made(review_open, district):
    s1 = district.schools[0]
    for person in s1.members:
        reviewed(review_open, person)
    office = district.users["office"]
    for branch, members in zip(s1.branches, (s1.members[:3], s1.members[3:]), strict=True):
        hold(org_life(review_open, district, branch, actor="office"), office, members)
    team = hold(democratic_life(review_open, district), office, s1.members[:2])
    halfway = _meeting_checks(review_open)
    assert halfway["Branches that held the meeting, with minutes"] == (2, 2, True)
    assert halfway["Teams that held the meeting, with minutes"] == (1, 1, True)
    assert halfway["Material packages acknowledged by the superior"] == (0, 1, False)
    package = services.submit_package(actor=office, meeting=team)
    services.acknowledge_package(actor=district.users["district_office"], package=package)
    checks = _meeting_checks(review_open)
    assert checks["Material packages acknowledged by the superior"] == (1, 1, True)
    assert all(passed for _, _, passed in checks.values()), checks
