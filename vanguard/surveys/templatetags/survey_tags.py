"""`{% hot_issues campaign organization %}`: the preparation survey's hot issues, ranked, for
the plan and the rectification pages. Shown to those who may read the survey's results, and
nothing at all when there is no survey (at most four queries)."""

from django import template
from django.urls import reverse

from vanguard.surveys import selectors

register = template.Library()


@register.inclusion_tag("surveys/_hot_issues.html", takes_context=True)
def hot_issues(context, campaign, organization):
    user = getattr(context.get("request"), "user", None) or context.get("user")
    if campaign is None or organization is None or user is None:
        return {"hot": None}
    hot = selectors.hot_issues(campaign, organization)
    if hot.survey is None or not user.has_perm(selectors.VIEW, hot.survey.organization):
        return {"hot": None}
    hot.link = reverse("surveys:results", args=[hot.survey.pk])
    return {"hot": hot}
