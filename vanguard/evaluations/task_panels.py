"""What a member sees under the evaluation task on "my tasks": the stage of their branch's
evaluation, whether they can vote, and their grade to acknowledge, with the links. Two
queries."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from vanguard.evaluations.models import Evaluation, MemberGrade, Participation

S = Evaluation.Stage


def _figures(evaluation, grade, can_vote: bool) -> list[str]:
    if evaluation is None:
        return [_("your branch has not opened its evaluation yet")]
    figures = [_("stage: %(stage)s") % {"stage": evaluation.get_stage_display()}]
    if evaluation.stage in (S.SELF, S.VOTING):
        figures.append(_("write your self-evaluation"))
    if can_vote:
        figures.append(_("your ballot is waiting"))
    if grade is not None:
        figures.append(_("you have acknowledged your evaluation opinion")
                       if grade.acknowledged_on else
                       _("your evaluation opinion is ready: read and acknowledge it"))
    return figures


def evaluation_panel(assignment, request) -> str:
    campaign_id = assignment.activity.plan.campaign_id
    evaluation = (Evaluation.objects.filter(campaign_id=campaign_id,
                                            organization_id=assignment.organization_id)
                  .first())
    grade, can_vote = None, False
    if evaluation is not None:
        grade = MemberGrade.objects.filter(evaluation=evaluation,
                                           person_id=assignment.person_id).first()
        can_vote = evaluation.stage == S.VOTING and Participation.objects.filter(
            evaluation=evaluation, person_id=assignment.person_id, voted=False).exists()
    links = [(reverse("evaluations:mine", args=[campaign_id]), _("My evaluation"))]
    if can_vote:
        links.append((reverse("evaluations:vote"), _("Vote")))
    # No request: the panel needs none of the context processors (see study.task_panels).
    return render_to_string("evaluations/_task_panel.html", {
        "figures": _figures(evaluation, grade, can_vote), "links": links})
