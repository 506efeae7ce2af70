"""URL rows: rectification plans and the ledger (the "member" user's plan in S1-B2, with one
item and one evidence file), made with the ORM: the rectify phase is not open in this world."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.access.url_table import ALL_IN, B2_READERS, POST_ONLY, row
from vanguard.rectification.models import Evidence, Item, Owner, RectificationPlan

# The plan's readers: those who read branch S1-B2, and the member whose plan it is.
PLAN_READERS = {**B2_READERS, "member": 200}
# The item's editor: its member and whoever runs S1-B2; other readers may not edit.
PLAN_WRITERS = {**PLAN_READERS, "leader": 403, "supervisor": 403}
LEDGER_READERS = {**ALL_IN, "member": 403}
EVIDENCE_FILE = "rectification/url-table/evidence.pdf"

ROWS = [
    row("rectification:plans", "rectification_campaign", ALL_IN),
    row("rectification:plan_start", "rectification_campaign", POST_ONLY),
    row("rectification:plan_detail", "rectification_plan", PLAN_READERS),
    row("rectification:item_add", "rectification_plan", POST_ONLY),
    row("rectification:plan_submit", "rectification_plan", POST_ONLY),
    row("rectification:plan_decide", "rectification_plan", POST_ONLY),
    row("rectification:item_edit", "rectification_item", PLAN_WRITERS),
    row("rectification:item_remove", "rectification_item", POST_ONLY),
    row("rectification:ledger", "rectification_campaign", LEDGER_READERS),
    row("rectification:ledger_export", "rectification_campaign", LEDGER_READERS),
    row("rectification:ledger_item", "rectification_item", PLAN_READERS),
    row("rectification:item_start", "rectification_item", POST_ONLY),
    row("rectification:item_evidence", "rectification_item", POST_ONLY),
    row("rectification:item_done", "rectification_item", POST_ONLY),
    row("rectification:item_verify", "rectification_item", POST_ONLY),
    row("rectification:evidence_download", "rectification_evidence", PLAN_READERS),
]


def targets(launched, district) -> dict:
    s1 = district.schools[0]
    plan = launched.plans.get(organization=s1.committee)
    person = district.users["member"].person
    rectification_plan = RectificationPlan.objects.create(
        campaign=launched, activity=plan.activities.get(key="rectification_plan"),
        owner_kind=Owner.MEMBER, person=person, organization=s1.branches[-1])
    item = Item.objects.create(plan=rectification_plan, campaign=launched,
                               organization=s1.branches[-1], problem="作业批改不及时",
                               responsible_name=person.name, measures="每周自查",
                               deadline=launched.ends_on, public=False)
    # One small file, written once and reused: the table's world is rebuilt for every role.
    if not default_storage.exists(EVIDENCE_FILE):
        default_storage.save(EVIDENCE_FILE, ContentFile(b"%PDF-1.4\n%%EOF\n"))
    evidence = Evidence.objects.create(item=item, file=EVIDENCE_FILE, file_name="evidence.pdf",
                                       content_type="application/pdf", size=15)
    return {"rectification_campaign": {"campaign": launched.pk},
            "rectification_plan": {"pk": rectification_plan.pk},
            "rectification_item": {"pk": item.pk},
            "rectification_evidence": {"pk": evidence.pk}}
