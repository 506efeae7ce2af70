"""The self-analysis block under a member's task (replaced by the analyses pages' owner)."""


def analysis_panel(assignment, request) -> str:
    return ""
