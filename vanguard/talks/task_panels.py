"""What a person sees under their talks task on "my tasks": their required talks done, the
talks waiting for their confirmation, and the link to their talks page (two queries)."""

from django.template.loader import render_to_string
from django.urls import reverse

from vanguard.talks import selectors


def talks_panel(assignment, request) -> str:
    campaign_id = assignment.activity.plan.campaign_id
    counts = selectors.panel_counts(assignment.person_id, campaign_id)
    percent = (round(100 * counts["done"] / counts["required"]) if counts["required"]
               else None)
    # No request: the panel needs none of the context processors (they would query again).
    return render_to_string("talks/_task_panel.html", {
        "counts": counts, "percent": percent,
        "link": reverse("talks:my_talks", args=[campaign_id])})
