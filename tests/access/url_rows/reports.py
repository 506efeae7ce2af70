"""URL rows: the summary report of school S1 (its campaign page, the web version, editing,
the Word document, sending and deciding) and the superior office's list of reports received."""

from tests.access.url_table import POST_ONLY, ROLES, S1_READERS, row

CAMPAIGN_READERS = {**dict.fromkeys(ROLES[1:], 200), "member": 404}
# S1's report is read where S1 itself is read (a branch secretary below it does not).
S1_REPORT = {**S1_READERS, "secretary": 404, "other_secretary": 404}
# Only the office writes it: readers who may not write are refused the edit page.
S1_WRITERS = {**S1_REPORT, "leader": 403, "supervisor": 403}
OFFICES = {**dict.fromkeys(ROLES[1:], 403), "office": 200, "other_office": 200, "admin": 200}

ROWS = [
    row("reports:campaign", "report_campaign", CAMPAIGN_READERS),
    row("reports:generate", "report_campaign", POST_ONLY),
    row("reports:detail", "s1_report", S1_REPORT),
    row("reports:edit", "s1_report", S1_WRITERS),
    row("reports:word", "s1_report", S1_REPORT),
    row("reports:refresh", "s1_report", POST_ONLY),
    row("reports:submit", "s1_report", POST_ONLY),
    row("reports:decide", "s1_report", POST_ONLY),
    row("reports:received", None, OFFICES),
]


def targets(launched, district) -> dict:
    from vanguard.reports.services import generate_report

    report = generate_report(actor=district.users["office"], campaign=launched,
                             organization=district.schools[0].committee)
    return {"s1_report": {"pk": report.pk}, "report_campaign": {"campaign": launched.pk}}
