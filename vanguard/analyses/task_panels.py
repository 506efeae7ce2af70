"""The self-analysis block under a member's task on "my tasks": where it stands, what to do
next, the link; and, for someone who reviews, how many analyses wait for them. Two queries."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from vanguard.analyses.models import SelfAnalysis

S = SelfAnalysis.Status


def _next_step(analysis: SelfAnalysis | None) -> str:
    if analysis is None or analysis.status == S.DRAFT:
        return _("Write each section and hand it in for review.")
    if analysis.status == S.SUBMITTED:
        who = analysis.reviewer.person.name if analysis.reviewer and hasattr(
            analysis.reviewer, "person") else _("the office")
        return _("Waiting for review by %(who)s.") % {"who": who}
    if analysis.status == S.RETURNED:
        return _("Returned with comments: revise it and hand it in again.")
    if analysis.status == S.APPROVED:
        return _("Reviewed. After your special meeting, revise it (修改完善).")
    if analysis.status == S.REVISING:
        return _("Hand in the revised, final version.")
    return _("Done: the final version is handed in.")


def analysis_panel(assignment, request) -> str:
    from vanguard.analyses.selectors import reviews_filter

    campaign_id = assignment.activity.plan.campaign_id
    analysis = (SelfAnalysis.objects.filter(campaign_id=campaign_id,
                                            person_id=assignment.person_id)
                .select_related("reviewer__person").first())
    figures = [_("status: %(status)s") % {
        "status": analysis.get_status_display() if analysis else S.DRAFT.label},
        _next_step(analysis)]
    waiting = 0
    if request is not None and getattr(request, "user", None) is not None:
        waiting = SelfAnalysis.objects.filter(reviews_filter(request.user),
                                              campaign_id=campaign_id,
                                              status=S.SUBMITTED).count()
    return render_to_string("analyses/_task_panel.html", {
        "figures": figures, "link": reverse("analyses:mine", args=[campaign_id]),
        "waiting": waiting, "queue": reverse("analyses:queue", args=[campaign_id])})
