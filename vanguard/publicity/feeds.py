"""RSS and Atom feeds of a campaign's published news (?org=CODE narrows to a subtree)."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from vanguard.campaigns.models import Campaign
from vanguard.publicity import selectors

FEED_ITEMS = 50


class NewsFeed(Feed):
    def get_object(self, request, campaign):
        campaign = get_object_or_404(Campaign.objects.select_related("organization"),
                                     pk=campaign)
        return campaign, selectors.public_organization(campaign, request.GET.get("org", ""))

    def title(self, obj):
        campaign, organization = obj
        return f"{campaign.name} · {organization.name}" if organization else campaign.name

    def link(self, obj):
        campaign, organization = obj
        url = reverse("publicity:public", args=[campaign.pk])
        return f"{url}?org={organization.code}" if organization else url

    def description(self, obj):
        return _("News of the campaign %(name)s") % {"name": obj[0].name}

    def items(self, obj):
        return selectors.public_news(*obj)[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.body

    def item_link(self, item):
        return reverse("publicity:public_news", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_author_name(self, item):
        return item.organization.name


class AtomNewsFeed(NewsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
