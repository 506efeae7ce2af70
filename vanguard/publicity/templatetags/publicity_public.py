"""The school's public page links to the campaign news its organizations published."""

from django import template

from vanguard.publicity.models import NewsItem

register = template.Library()


@register.inclusion_tag("publicity/_school_news_links.html")
def school_news(top):
    """The campaigns with published news of the school's organizations, newest first, each
    linking to the public campaign page narrowed to the school. One query."""
    rows = (NewsItem.objects.filter(organization__path__startswith=top.path,
                                    status=NewsItem.Status.PUBLISHED)
            .values("campaign_id", "campaign__name").distinct()
            .order_by("-campaign_id")[:10])
    return {"top": top, "campaigns": list(rows)}
