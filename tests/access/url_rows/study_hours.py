"""URL rows: study sessions and hours. The plan's study page and its lists belong to school S1;
one session is held by branch S1-B2 and one by the school's committee (S1-C)."""

from tests.access.url_table import B2_READERS, NO_PERSON, POST_ONLY, S1_READERS, row

# Pages that write (the import) answer 403 to those who may only read there.
S1_WRITERS = {**S1_READERS, "leader": 403, "supervisor": 403}

ROWS = [
    row("study:hours_plan", "hours_activity", S1_READERS),
    row("study:hours_behind", "hours_activity", S1_READERS),
    row("study:hours_behind", "hours_activity", {**S1_READERS, "other_secretary": 404,
                                                 "secretary": 404}, query="?org=S1-C"),
    row("study:hours_behind_export", "hours_activity", S1_READERS),
    row("study:hours_ledger_export", "hours_activity", S1_READERS),
    row("study:hours_import", "hours_activity", S1_WRITERS),
    row("study:hours_exemption_grant", "hours_activity", POST_ONLY),
    row("study:hours_exemption_revoke", "hours_exemption", POST_ONLY),
    row("study:hours_session", "hours_branch_session", B2_READERS),
    row("study:hours_session", "hours_school_session", S1_READERS),
    row("study:hours_entry_remove", "hours_entry", POST_ONLY),
    row("study:hours_mine", "campaign", NO_PERSON),
]


def targets(launched, district) -> dict:
    from vanguard.study.services import hours

    s1 = district.schools[0]
    office = district.users["office"]
    plan = launched.plans.get(organization=s1.committee)
    activity = plan.activities.get(kind="study.hours")
    day = activity.phase.starts_on
    branch_session = hours.record_session(
        actor=office, activity=activity, organization=s1.branches[-1], kind="tutoring",
        title="专题辅导", held_on=day, hours="2.5", place="会议室", speaker="张书记")
    school_session = hours.record_session(
        actor=office, activity=activity, organization=s1.committee, kind="party_lecture",
        title="党课", held_on=day, hours=3)
    entry = hours.record_session_attendance(actor=office, session=branch_session,
                                            person_ids=[s1.members[-1].pk])[0]
    exemption = hours.grant_exemption(actor=office, campaign=launched, person=s1.members[0],
                                      reason="长期病休，经支部研究同意免修")
    return {
        "hours_activity": {"pk": activity.pk},
        "hours_branch_session": {"pk": branch_session.pk},
        "hours_school_session": {"pk": school_session.pk},
        "hours_entry": {"pk": entry.pk},
        "hours_exemption": {"pk": exemption.pk},
    }
