"""URL rows: the satisfaction assessment. The answer page and the sample check are open to
anyone (a slip's holder has no account; the check shows no names); a school's assessment,
results and remedial rounds are read by those who read the school itself (its office, leaders,
the offices and supervisors above), the rounds list by anyone with a reading role."""

from tests.access.url_table import POST_ONLY, ROLES, row

CAMPAIGN_READERS = {**dict.fromkeys(ROLES[1:], 200), "member": 404}
SCHOOL_READERS = {**dict.fromkeys(ROLES[1:], 404), "leader": 200, "office": 200,
                  "supervisor": 200, "admin": 200}
WITH_READING_ROLE = {**dict.fromkeys(ROLES[1:], 200), "member": 403}

ROWS = [
    {"name": "assessments:answer", "target": None, "query": "",
     "expected": dict.fromkeys(ROLES, 200)},
    {"name": "assessments:check", "target": "assessment", "query": "",
     "expected": dict.fromkeys(ROLES, 200)},
    row("assessments:campaign", "assess_campaign", CAMPAIGN_READERS),
    row("assessments:create", "assess_create", POST_ONLY),
    row("assessments:detail", "assessment", SCHOOL_READERS),
    row("assessments:add_representatives", "assessment", POST_ONLY),
    row("assessments:remove_representative", "assess_respondent", POST_ONLY),
    row("assessments:draw", "assessment", POST_ONLY),
    row("assessments:open", "assessment", POST_ONLY),
    row("assessments:slips", "assessment", POST_ONLY),
    row("assessments:close", "assessment", POST_ONLY),
    row("assessments:results", "assessment", SCHOOL_READERS),
    row("assessments:remedial_list", None, WITH_READING_ROLE),
    row("assessments:remedial_detail", "remedial", SCHOOL_READERS),
    row("assessments:remedial_close", "remedial", POST_ONLY),
]


def targets(launched, district) -> dict:
    from vanguard.assessments.activities import ASSESSMENT_KIND
    from vanguard.assessments.models import Assessment, RemedialRound, Respondent
    from vanguard.core import clock

    school = district.schools[0]
    plan = launched.plans.get(organization=school.committee)
    activity = plan.activities.get(kind=ASSESSMENT_KIND)
    # Made directly, closed with its sample drawn: the third phase is not open in the table's
    # world.
    assessment = Assessment.objects.create(
        campaign=launched, activity=activity, organization=school.committee,
        questions=[{"key": "overall", "text": "总体评价"}], state="closed", margin="0.05",
        seed="seed", roster_sha256="0" * 64, sample_drawn_at=clock.now(),
        closes_on=clock.today())
    respondent = Respondent.objects.create(assessment=assessment, person=school.members[-1],
                                           part="representative", group="staff",
                                           token_hash="1" * 64)
    remedial = RemedialRound.objects.create(
        campaign=launched, organization=school.committee, kind="remedial",
        triggered_by=assessment, dissatisfied_share="0.6", threshold="most",
        supervisor=district.root)
    return {
        "assess_campaign": {"campaign": launched.pk},
        "assess_create": {"campaign": launched.pk, "activity": activity.pk},
        "assessment": {"pk": assessment.pk},
        "assess_respondent": {"pk": assessment.pk, "respondent": respondent.pk},
        "remedial": {"pk": remedial.pk},
    }
