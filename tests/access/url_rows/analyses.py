"""URL rows: self-analyses. The member's handed-in analysis is read by the member and by its
reviewer (the secretary of S1-B2) alone; the leader's goes to S1's office, since the
principal leader has no account. Readers of a unit see only the progress page."""

from tests.access.url_table import ALL_IN, B2_READERS, NO_PERSON, POST_ONLY, ROLES, row

NOBODY = dict.fromkeys(ROLES[1:], 404)

ROWS = [
    row("analyses:mine", "analysis_campaign", NO_PERSON),
    row("analyses:start", "analysis_campaign", POST_ONLY),
    row("analyses:draft", "member_analysis", POST_ONLY),
    row("analyses:links", "member_analysis", POST_ONLY),
    row("analyses:revise", "member_analysis", POST_ONLY),
    row("analyses:queue", "analysis_campaign", ALL_IN),
    row("analyses:review", "member_analysis", {**NOBODY, "secretary": 200}),
    row("analyses:review", "leader_analysis", {**NOBODY, "office": 200}),
    row("analyses:word", "member_analysis", {**NOBODY, "member": 200, "secretary": 200}),
    row("analyses:word", "leader_analysis", {**NOBODY, "leader": 200, "office": 200}),
    row("analyses:progress", "analysis_campaign", B2_READERS, query="?org=S1-B2"),
    row("analyses:progress", "analysis_campaign", {**B2_READERS, "secretary": 404},
        query="?org=S1-C"),
]


def _handed_in(user, campaign, **reviewer):
    """A handed-in analysis made directly: the world's review phase is not open yet."""
    from vanguard.analyses.models import AnalysisVersion, SelfAnalysis
    from vanguard.analyses.services.writing import assignment_for
    from vanguard.core import clock

    assignment = assignment_for(user.person, campaign)
    analysis = SelfAnalysis.objects.create(
        campaign=campaign, activity=assignment.activity, person=user.person,
        organization_id=assignment.organization_id, status=SelfAnalysis.Status.SUBMITTED,
        sections={"study": "<p>学习情况</p>"}, submitted_at=clock.now(), **reviewer)
    AnalysisVersion.objects.create(analysis=analysis, number=1, sections=analysis.sections,
                                   characters=4, submitted_at=analysis.submitted_at)
    return analysis


def targets(launched, district) -> dict:
    users = district.users
    member = _handed_in(users["member"], launched, reviewer=users["secretary"])
    leader = _handed_in(users["leader"], launched,
                        reviewer_office=district.schools[0].committee)
    return {"analysis_campaign": {"campaign": launched.pk},
            "member_analysis": {"pk": member.pk}, "leader_analysis": {"pk": leader.pk}}
