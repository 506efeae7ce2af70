"""The public campaign page (no login, phone-first): published news and published exemplars,
one news item with its public photos, the variant the campus site embeds in an iframe, and
the public photos. Nothing unpublished is ever read here."""

from functools import wraps

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from vanguard.campaigns.models import Campaign
from vanguard.publicity import selectors
from vanguard.publicity.views import photo_response

PAGE_SIZE = 20
EMBED_ITEMS = 10
# Who may put the embed page in a frame: a list of CSP sources (the campus site's origin,
# e.g. ["https://www.example-school.edu.cn"]). The page has no forms and shows only what is
# published, so any site may frame it unless the deployment narrows it.
DEFAULT_FRAME_ANCESTORS = ["*"]


def frame_ancestors() -> list[str]:
    return list(getattr(settings, "PUBLICITY_EMBED_FRAME_ANCESTORS", DEFAULT_FRAME_ANCESTORS))


def frameable(view):
    """Allow this one view in a frame: no X-Frame-Options header, and the CSP's
    frame-ancestors (``'none'`` site-wide) replaced for its response only (django-csp 4
    reads ``_csp_replace`` off the response, as its ``csp_replace`` decorator sets it; the
    setting is read per request rather than once at import)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response._csp_replace = {"frame-ancestors": frame_ancestors()}
        return response

    return xframe_options_exempt(wrapped)


def _campaign_and_org(request, pk):
    campaign = get_object_or_404(Campaign.objects.select_related("organization"), pk=pk)
    return campaign, selectors.public_organization(campaign, request.GET.get("org", ""))


@require_safe
def public_page(request, campaign):
    campaign, organization = _campaign_and_org(request, campaign)
    page = Paginator(selectors.public_news(campaign, organization), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "publicity/public_page.html", {
        "campaign": campaign, "organization": organization, "page": page,
        "exemplars": list(selectors.public_exemplars(campaign, organization)),
    })


@frameable
@require_safe
def public_embed(request, campaign):
    campaign, organization = _campaign_and_org(request, campaign)
    return render(request, "publicity/public_embed.html", {
        "campaign": campaign, "organization": organization,
        "news": list(selectors.public_news(campaign, organization)[:EMBED_ITEMS]),
        "exemplars": list(selectors.public_exemplars(campaign, organization)[:EMBED_ITEMS]),
    })


@require_safe
def public_news(request, pk):
    item = selectors.get_public_news(pk)
    return render(request, "publicity/public_news.html", {
        "item": item, "campaign": item.campaign,
        "photos": list(selectors.public_photos(item.activity_id)),
    })


@require_safe
def public_photo(request, pk):
    """A photo marked for publication whose activity a published news item is about."""
    response = photo_response(selectors.get_public_photo(pk))
    response["Cache-Control"] = "public, max-age=300"
    return response
