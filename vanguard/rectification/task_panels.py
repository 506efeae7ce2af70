"""The rectification blocks under a member's tasks (replaced by the rectification pages' owner)."""


def plan_panel(assignment, request) -> str:
    return ""


def ledger_panel(assignment, request) -> str:
    return ""
