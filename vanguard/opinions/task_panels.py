"""What a member sees under the opinion intake task on "my tasks": whether their feedback is
released and how much of it they have read, with the link to it. One query."""

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from vanguard.opinions.models import Feedback


def feedback_panel(assignment, request) -> str:
    campaign_id = assignment.activity.plan.campaign_id
    rows = list(Feedback.objects.filter(campaign_id=campaign_id,
                                        subject_person_id=assignment.person_id,
                                        released_on__isnull=False)
                .annotate(total=Count("opinions"),
                          read=Count("opinions", filter=Q(opinions__read_on__isnull=False)))
                .values("read_on", "total", "read"))
    if not rows:
        figures = [_("your feedback has not been released yet")]
    else:
        total, read = sum(r["total"] for r in rows), sum(r["read"] for r in rows)
        figures = [_("opinions fed back to you: %(n)s, read: %(read)s") % {"n": total,
                                                                          "read": read}]
        if all(r["read_on"] for r in rows):
            figures.append(_("you have read your feedback"))
        elif total == 0:
            figures.append(_("no opinions about you were received: acknowledge it"))
    # No request: the panel needs none of the context processors (see study.task_panels).
    return render_to_string("opinions/_task_panel.html", {
        "figures": figures, "link": reverse("opinions:my_feedback", args=[campaign_id]),
        "label": _("My feedback"),
        # Members give opinions of others in the same phase: the form is one tap away.
        "give_link": reverse("opinions:give", args=[campaign_id])})
