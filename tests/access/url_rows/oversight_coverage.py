"""URL rows: coverage of members (graduates, contact attempts, where members take part). One
graduate of branch S1-B2 takes part where they live, with a report file on record."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.access.url_table import ALL_IN, B2_READERS, POST_ONLY, row

# Every reader opens the page at their own organization; a member has no coverage page.
READERS = {**ALL_IN, "member": 404}
REPORT_FILE = "oversight/url-table/report.pdf"

ROWS = [
    row("oversight:coverage", "coverage_campaign", READERS),
    row("oversight:coverage", "coverage_campaign", B2_READERS, query="?org=S1-B2"),
    row("oversight:coverage", "coverage_campaign", {**B2_READERS, "secretary": 404},
        query="?org=S1-C"),
    row("oversight:coverage_export", "coverage_campaign", READERS),
    row("oversight:coverage_export", "coverage_campaign", {**B2_READERS, "secretary": 404},
        query="?org=S1-C&unreached=1"),
    row("oversight:coverage_elsewhere", "coverage_campaign", READERS),
    row("oversight:coverage_member", "coverage_member", B2_READERS),
    row("oversight:coverage_attempt_add", "coverage_member", POST_ONLY),
    row("oversight:coverage_participation", "coverage_member", POST_ONLY),
    row("oversight:coverage_participation_remove", "coverage_member", POST_ONLY),
    row("oversight:coverage_report", "coverage_report", B2_READERS),
]


def targets(launched, district) -> dict:
    from tests.builders import make_member
    from vanguard.oversight.models import Participation
    from vanguard.people.models import Member

    person = make_member("毕业生（表）", district.schools[0].branches[-1], category="graduate")
    member = Member.objects.get(person=person)
    member.relation_retained, member.in_city = True, False
    member.save(update_fields=["relation_retained", "in_city"])
    # One small file, written once and reused: the table's world is rebuilt for every role.
    if not default_storage.exists(REPORT_FILE):
        default_storage.save(REPORT_FILE, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    participation = Participation.objects.create(
        campaign=launched, member=member, mode=Participation.Mode.WHERE_LIVING, place="杭州",
        report_file=REPORT_FILE, report_name="report.pdf")
    return {"coverage_campaign": {"campaign": launched.pk},
            "coverage_member": {"campaign": launched.pk, "member": member.pk},
            "coverage_report": {"pk": participation.pk}}
