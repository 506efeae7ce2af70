"""The special meeting block under a member's task: the meeting (once scheduled), their own
attendance and self-criticism, whether their analysis is ready, and the revision note after."""

from django.template.loader import render_to_string

from vanguard.meetings.selectors_special import REVIEWED, panel_facts


def special_meeting_panel(assignment, request) -> str:
    row, analysis_status = panel_facts(assignment)
    # Rendered without the request: the context processors would query again per task.
    return render_to_string("meetings/special_task_panel.html", {
        "row": row, "ready": analysis_status in REVIEWED})
