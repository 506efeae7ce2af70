"""The review phase's gate shows the self-analysis check (members with a final version over
members) and the "Analyses reviewed" figure (shown, not waited for), and fails until every
analysis is final."""

from tests.analyses.conftest import hand_in, hold_meeting
from tests.builders import make_user
from vanguard.analyses import services
from vanguard.campaigns.gates import evaluate_gate


def analysis_check(phase):
    results = {r.label: r for r in evaluate_gate(phase) if r.activity_key == "self_analysis"}
    check = results["党性分析材料经审阅并在会后修改完善"]
    return check, results["Analyses reviewed"]


def reviewer_of(analysis, district):
    if analysis.reviewer is not None:
        return analysis.reviewer
    if analysis.reviewer_office == district.schools[0].committee:
        return district.users["office"]
    return district.users["district_office"]


def test_gate_waits_for_every_analysis_reviewed_and_revised(review_open, district):
    phase = review_open.phases.get(key="review")
    school = district.schools[0]
    authors = [person.user if hasattr(person, "user") and person.user else
               make_user(f"author{i}", person=person) for i, person in enumerate(school.members)]
    check, reviewed = analysis_check(phase)
    assert (check.done, check.required, check.passed) == (0, 6, False)
    # A figure, not a check: shown with its count, never what the gate waits for.
    assert (reviewed.done, reviewed.required, reviewed.is_figure) == (0, 6, False)
    assert reviewed.min_share == 0 and reviewed.passed

    analyses = [hand_in(user, services.start_analysis(actor=user, campaign=review_open.campaign))
                for user in authors]
    for analysis in analyses:
        services.review_analysis(actor=reviewer_of(analysis, district), analysis=analysis,
                                 version=1, decision="approve")
    check, reviewed = analysis_check(phase)
    assert reviewed.done == 6
    assert (check.done, check.passed) == (0, False)  # reviewed is not yet revised

    for branch in school.branches:
        hold_meeting(review_open.campaign, branch)
    for user, analysis in zip(authors, analyses, strict=True):
        revising = services.start_revision(actor=user, analysis=analysis)
        if user is not authors[-1]:
            services.submit_revision(actor=user, analysis=revising, version=revising.version,
                                     sections=revising.sections)
    check, _ = analysis_check(phase)
    assert (check.done, check.required, check.passed) == (5, 6, False)

    last = analyses[-1]
    last.refresh_from_db()
    services.submit_revision(actor=authors[-1], analysis=last, version=last.version,
                             sections=last.sections)
    check, reviewed = analysis_check(phase)
    assert (check.done, check.required, check.passed) == (6, 6, True)
    assert reviewed.passed
