"""The special meeting block under a member's task (replaced by the meetings pages' owner)."""


def special_meeting_panel(assignment, request) -> str:
    return ""
