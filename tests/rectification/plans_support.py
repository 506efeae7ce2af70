"""What the rectification tests share: S1's rectify steps, plans started and items written
through the services, released opinions (made with the ORM, as the opinion tests do), and
small files of each allowed type."""

import datetime as dt
import io

from tests.opinions.opinion_rows import add_opinion, s1_intake, token_of
from vanguard.opinions.models import Opinion
from vanguard.opinions.services import feedback
from vanguard.rectification.models import Owner
from vanguard.rectification.services import plans as services
from vanguard.rectification.services.plans import ItemInput

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
JPG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def step(plan, key):
    return plan.activities.select_related("plan__campaign", "plan__organization",
                                          "phase").get(key=key)


def member_user(district):
    return district.users["member"]


def a_deadline(plan, days=40):
    return plan.campaign.starts_on + dt.timedelta(days=days)


def item(plan, **overrides) -> ItemInput:
    """A complete "five clear" item due inside the campaign."""
    values = {"problem": "备课不够认真，作业批改不及时。", "responsible_name": "张老师",
              "standard": "每次作业48小时内批改完毕", "measures": "制定批改计划，每周自查。",
              "deadline": a_deadline(plan), "item_class": "now"}
    values.update(overrides)
    return ItemInput(**values)


def start_member_plan(rectify_open, district, user_key="member"):
    user = district.users[user_key]
    return services.start_plan(actor=user, activity=step(rectify_open, "rectification_plan"),
                               owner_kind=Owner.MEMBER, person=user.person)


def approved_member_plan(rectify_open, district, *items):
    """The "member" user's plan with `items` (one complete item by default), approved by
    their branch secretary."""
    plan = start_member_plan(rectify_open, district)
    for data in items or (item(plan),):
        services.add_item(actor=member_user(district), plan=plan, data=data)
    services.submit_plan(actor=member_user(district), plan=plan)
    return services.decide_plan(actor=district.users["secretary"], plan=plan, approve=True)


def start_unit_plan(rectify_open, district, owner_kind, *, actor="office", organization=None):
    return services.start_plan(actor=district.users[actor],
                               activity=step(rectify_open, "rectification_plan"),
                               owner_kind=owner_kind,
                               organization=organization or rectify_open.organization)


def released_opinions(campaign, district, person, n=2) -> list[Opinion]:
    """`n` sorted opinions about `person`, released to them by the office."""
    intake = s1_intake(campaign, district)
    rows = [add_opinion(intake, token_of(person), status=Opinion.Status.SORTED,
                        summary=f"意见摘要{i}") for i in range(n)]
    feedback.release_feedback(actor=district.users["office"], campaign=campaign,
                              subject_token_or_resolved=token_of(person))
    return [Opinion.objects.get(pk=o.pk) for o in rows]


def docx_bytes() -> bytes:
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("整改完成情况")
    document.save(buffer)
    return buffer.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    buffer = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "整改"
    workbook.save(buffer)
    return buffer.getvalue()
