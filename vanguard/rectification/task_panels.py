"""The rectification blocks under a member's tasks: their plan's status, and their open
ledger items with the overdue ones marked (one query each)."""

from django.template.loader import render_to_string

from vanguard.core import clock
from vanguard.rectification import selectors


def plan_panel(assignment, request) -> str:
    campaign_id = assignment.activity.plan.campaign_id
    plan = selectors.RectificationPlan.objects.filter(
        campaign_id=campaign_id, owner_kind=selectors.Owner.MEMBER,
        person_id=assignment.person_id).only("id", "status", "return_reason").first()
    # Rendered without the request: the context processors would query again per task.
    return render_to_string("rectification/plan_task_panel.html", {
        "plan": plan, "campaign_id": campaign_id})


def ledger_panel(assignment, request) -> str:
    items = selectors.member_open_items(assignment)
    today = clock.today()
    for item in items:
        item.overdue = selectors.is_overdue(item, today)
    return render_to_string("rectification/ledger_task_panel.html", {
        "items": items, "overdue": sum(i.overdue for i in items),
        "campaign_id": assignment.activity.plan.campaign_id})
