"""URL rows: the democratic evaluation. The branch pages are read by readers of branch S1-B2;
the tally, grade and Word pages only by those who run it (its secretary, the office, the
admin); the voting page is open to anyone (a slip's holder has no account); the member's page
to people with the evaluation task."""

from tests.access.url_table import B2_READERS, POST_ONLY, ROLES, row

CAMPAIGN_READERS = {**dict.fromkeys(ROLES[1:], 200), "member": 404}
RUNNERS = {**B2_READERS, "leader": 403, "supervisor": 403}
WITH_TASK = {**dict.fromkeys(ROLES[1:], 404), "member": 200, "secretary": 200, "leader": 200}

ROWS = [
    {"name": "evaluations:vote", "target": None, "query": "",
     "expected": dict.fromkeys(ROLES, 200)},
    row("evaluations:branches", "eval_campaign", CAMPAIGN_READERS),
    row("evaluations:branch", "eval_branch", B2_READERS),
    row("evaluations:open", "eval_branch", POST_ONLY),
    row("evaluations:start_voting", "evaluation", POST_ONLY),
    row("evaluations:add_voter", "evaluation", POST_ONLY),
    row("evaluations:slips", "evaluation", POST_ONLY),
    row("evaluations:mark_paper", "eval_participation", POST_ONLY),
    row("evaluations:tally", "eval_tally", RUNNERS),
    row("evaluations:close", "evaluation", POST_ONLY),
    row("evaluations:grade", "eval_grade", RUNNERS),
    row("evaluations:publish", "evaluation", POST_ONLY),
    row("evaluations:table_word", "evaluation", RUNNERS),
    row("evaluations:mine", "eval_campaign", WITH_TASK),
    row("evaluations:self_evaluation", "eval_campaign", POST_ONLY),
    row("evaluations:acknowledge", "eval_campaign", POST_ONLY),
]


def targets(launched, district) -> dict:
    from vanguard.evaluations.models import Evaluation, Participation
    from vanguard.evaluations.selectors import evaluation_activity_for
    from vanguard.evaluations.services.tokens import hash_token

    branch = district.schools[0].branches[-1]
    activity = evaluation_activity_for(launched, branch)
    # Made directly: the review phase is not open in the table's world.
    evaluation = Evaluation.objects.create(campaign=launched, activity=activity,
                                           organization=branch, stage="voting",
                                           closes_on=activity.due_on, non_member_round=True)
    member = district.users["member"].person
    participation = Participation.objects.create(evaluation=evaluation, round="mutual",
                                                 person=member, token_hash=hash_token("t"))
    return {
        "eval_campaign": {"campaign": launched.pk},
        "eval_branch": {"campaign": launched.pk, "code": branch.code},
        "evaluation": {"pk": evaluation.pk},
        "eval_participation": {"pk": evaluation.pk, "participation": participation.pk},
        "eval_tally": {"pk": evaluation.pk, "round": "mutual"},
        "eval_grade": {"pk": evaluation.pk, "person": member.pk},
    }
