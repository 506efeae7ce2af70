"""The ledger out to Excel in the layout schools keep (整改台账): 序号, 整改主体, 整改问题, 责任人,
整改标准, 整改措施, 完成时限, 类别, 进展情况, 完成/销号日期. The sheet is in Chinese: it is a
document for the school's files and the superior."""

from django.db.models import Prefetch
from django.utils.timezone import localtime

from vanguard.core import clock
from vanguard.people.roster import writing
from vanguard.rectification.models import Evidence, Item, Owner

HEADER = ["序号", "整改主体", "整改问题", "责任人", "整改标准", "整改措施", "完成时限", "类别",
          "进展情况", "完成/销号日期"]
WIDTHS = [6, 18, 40, 10, 30, 40, 12, 14, 40, 24]
CLASSES = {Item.Class.NOW: "有条件解决", Item.Class.HARD: "难度较大",
           Item.Class.LATER: "暂时解决不了"}
STATUSES = {Item.Status.OPEN: "未开始", Item.Status.IN_PROGRESS: "正在整改",
            Item.Status.DONE: "已完成", Item.Status.VERIFIED: "已销号"}
MAX_PROGRESS = 500


def owner_text(item: Item) -> str:
    plan = item.plan
    if plan.owner_kind == Owner.MEMBER:
        return f"{plan.person.name}（{item.organization.name}）"
    if plan.owner_kind == Owner.TEAM:
        return f"{item.organization.name}领导班子"
    return item.organization.name


def progress_text(item: Item, today) -> str:
    """The status, overdue when it is, then the explanation (cannot solve yet) or the newest
    evidence text."""
    parts = [STATUSES[item.status]]
    if item.status in (Item.Status.OPEN, Item.Status.IN_PROGRESS) and item.deadline and \
            item.deadline < today:
        parts.append("已逾期")
    texts = [e.text for e in item.evidence.all() if e.text]
    if item.item_class == Item.Class.LATER and item.explanation:
        parts.append(f"说明：{item.explanation}")
    if texts:
        parts.append(texts[-1])
    return "；".join(parts)[:MAX_PROGRESS]


def closing_dates(item: Item) -> str:
    dates = []
    if item.done_at:
        dates.append(f"完成 {localtime(item.done_at).date():%Y-%m-%d}")
    if item.verified_at:
        dates.append(f"销号 {localtime(item.verified_at).date():%Y-%m-%d}")
    return "；".join(dates)


def ledger_workbook(campaign, items) -> bytes:
    """`items`: the ledger queryset (scoped and filtered by the caller)."""
    today = clock.today()
    items = items.prefetch_related(Prefetch("evidence", queryset=Evidence.objects.only(
        "id", "item_id", "text", "created_at")))

    def rows():
        for number, item in enumerate(items, start=1):
            yield [number, owner_text(item), item.problem, item.responsible_name,
                   item.standard, item.measures, item.deadline or "", CLASSES[item.item_class],
                   progress_text(item, today), closing_dates(item)]

    return writing.workbook_bytes("整改台账", HEADER, rows(), widths=WIDTHS)
