"""URL rows: sorting (the office's list, export and one opinion's actions) and feedback (the
release page, the subject's pages, the Word sheet).

Opinions and their givers are the office's alone: other readers get 403 for the list and 404
for an opinion. A feedback is read by its subject and previewed by its office; anyone else
gets 404, as for a missing one."""

from tests.access.url_table import POST_ONLY, ROLES, row

OFFICE_LIST = {**dict.fromkeys(ROLES[1:], 403), "member": 404, "other_office": 200,
               "office": 200, "admin": 200}
S1_OFFICE_ONLY = {**dict.fromkeys(ROLES[1:], 404), "office": 200, "admin": 200}
ALL_IN = dict.fromkeys(ROLES[1:], 200)

ROWS = [
    row("opinions:sorting", "opinions_campaign", OFFICE_LIST),
    row("opinions:sorting_export", "opinions_campaign", OFFICE_LIST),
    row("opinions:opinion", "s1_opinion", S1_OFFICE_ONLY),
    row("opinions:opinion_summary", "s1_opinion", POST_ONLY),
    row("opinions:opinion_route", "s1_opinion", POST_ONLY),
    row("opinions:opinion_merge", "s1_opinion", POST_ONLY),
    row("opinions:opinion_set_aside", "s1_opinion", POST_ONLY),
    row("opinions:opinion_restore", "s1_opinion", POST_ONLY),
    row("opinions:release", "opinions_campaign", OFFICE_LIST),
    row("opinions:release_subject", "opinions_campaign", POST_ONLY),
    row("opinions:release_branch", "release_branch", POST_ONLY),
    # Everyone with a task or a reading role has the page; it lists only their own feedback.
    row("opinions:my_feedback", "opinions_campaign", ALL_IN),
    row("opinions:feedback", "member_feedback", {**S1_OFFICE_ONLY, "member": 200}),
    row("opinions:feedback", "leader_feedback", {**S1_OFFICE_ONLY, "leader": 200}),
    row("opinions:feedback_word", "member_feedback", {**S1_OFFICE_ONLY, "member": 200}),
    row("opinions:feedback_acknowledge", "member_feedback", POST_ONLY),
    row("opinions:opinion_read", "released_opinion", POST_ONLY),
    row("opinions:opinion_respond", "released_opinion", POST_ONLY),
]


def targets(launched, district) -> dict:
    from tests.opinions.opinion_rows import add_opinion, s1_intake, token_of
    from vanguard.opinions.models import Opinion
    from vanguard.opinions.services import feedback

    office, s1 = district.users["office"], district.schools[0]
    intake = s1_intake(launched, district)
    opinion = add_opinion(intake, token_of(s1.members[4]))
    released = add_opinion(intake, token_of(s1.members[5]), status=Opinion.Status.SORTED,
                           summary="摘要")
    mine = feedback.release_feedback(actor=office, campaign=launched,
                                     subject_token_or_resolved=token_of(s1.members[5]))
    leader = feedback.release_feedback(actor=office, campaign=launched,
                                       subject_token_or_resolved=f"leader:{s1.members[1].pk}")
    return {
        "opinions_campaign": {"campaign": launched.pk},
        "s1_opinion": {"pk": opinion.pk},
        "released_opinion": {"pk": released.pk},
        "member_feedback": {"pk": mine.pk},
        "leader_feedback": {"pk": leader.pk},
        "release_branch": {"campaign": launched.pk, "branch": s1.branches[-1].pk},
    }
