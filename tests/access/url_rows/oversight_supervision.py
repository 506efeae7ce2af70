"""URL rows: supervision groups sent by the district (list, send, change, recall), a group's
visits, findings and good practices, a school's findings to answer, and the red flags.

None of the table's roles sits in the group (the district office sent it and the admin reads
everything): a group's pages answer 404 to everyone else; its writing pages refuse the admin
(only members write). The school's office and secretaries open a finding about S1 to answer
it; a shared good practice is read by every reading role below the sending level."""

from tests.access.url_table import POST_ONLY, ROLES, row

NOBODY = dict.fromkeys(ROLES[1:], 404)
ADMIN_ONLY = {**NOBODY, "admin": 200}
# The campaign's readers who may not use a page get 403; a plain member does not read it.
READERS_REFUSED = {**dict.fromkeys(ROLES[1:], 403), "member": 404}
S1_RUNNERS = {**NOBODY, "office": 200, "secretary": 200, "other_secretary": 200, "admin": 200}
FLAG_READERS = {**dict.fromkeys(ROLES[1:], 200), "member": 404}

ROWS = [
    row("oversight:supervision_groups", "sv_campaign", {**READERS_REFUSED, "admin": 200}),
    row("oversight:supervision_send", "sv_campaign", {**READERS_REFUSED, "admin": 200}),
    row("oversight:supervision_school_findings", "sv_campaign",
        {**READERS_REFUSED, "office": 200, "other_office": 200, "secretary": 200,
         "other_secretary": 200}),
    row("oversight:supervision_flags", "sv_campaign", FLAG_READERS),
    row("oversight:supervision_flags", "sv_campaign",
        {**FLAG_READERS, "other_office": 404, "secretary": 404, "other_secretary": 404},
        query="?org=S1-C"),
    row("oversight:supervision_flags", "sv_campaign",
        {**NOBODY, "supervisor": 200, "admin": 200}, query="?org=D&flag=talks_missing"),
    row("oversight:supervision_group", "sv_group", ADMIN_ONLY),
    row("oversight:supervision_group_edit", "sv_group", ADMIN_ONLY),
    row("oversight:supervision_group_recall", "sv_group", POST_ONLY),
    row("oversight:supervision_visit_add", "sv_group", POST_ONLY),
    row("oversight:supervision_finding_add", "sv_group", {**NOBODY, "admin": 403}),
    row("oversight:supervision_practice_add", "sv_group", {**NOBODY, "admin": 403}),
    row("oversight:supervision_visit_held", "sv_visit", POST_ONLY),
    row("oversight:supervision_finding", "sv_finding", S1_RUNNERS),
    row("oversight:supervision_finding_answer", "sv_finding", POST_ONLY),
    row("oversight:supervision_finding_close", "sv_finding", POST_ONLY),
    row("oversight:supervision_practice", "sv_practice", ADMIN_ONLY),
    row("oversight:supervision_practice", "sv_shared_practice", FLAG_READERS),
    row("oversight:supervision_practice_share", "sv_practice", POST_ONLY),
]


def targets(launched, district) -> dict:
    import datetime as dt

    from tests.oversight.supervision_support import group_people, send
    from vanguard.core import clock
    from vanguard.oversight.services import findings

    a, = group_people(district, "rows")
    group = send(launched, district, [a])
    s1 = district.schools[0].school
    visit = findings.plan_visit(actor=a.user, group=group, school=s1, planned_on=clock.today(),
                                purpose="查看学习记录")
    finding = findings.record_finding(actor=a.user, group=group, school=s1, problem="问题",
                                      severity="minor", recommendation="建议",
                                      due_on=clock.today() + dt.timedelta(days=5))
    practice = findings.record_good_practice(actor=a.user, group=group, school=s1,
                                             title="做法", text="好做法。")
    shared = findings.record_good_practice(actor=a.user, group=group, school=s1,
                                           title="推广", text="推广的做法。")
    findings.share_good_practice(actor=a.user, practice=shared)
    return {
        "sv_campaign": {"campaign": launched.pk},
        "sv_group": {"pk": group.pk},
        "sv_visit": {"pk": visit.pk},
        "sv_finding": {"pk": finding.pk},
        "sv_practice": {"pk": practice.pk},
        "sv_shared_practice": {"pk": shared.pk},
    }
