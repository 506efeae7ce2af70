"""The follow-up meeting block under a member's task: the meeting once scheduled, their
attendance and the progress they reported (one query)."""

from django.template.loader import render_to_string

from vanguard.meetings.selectors_follow_up import row_of


def follow_up_panel(assignment, request) -> str:
    # Rendered without the request: the context processors would query again per task.
    return render_to_string("meetings/follow_up_task_panel.html", {"row": row_of(assignment)})
