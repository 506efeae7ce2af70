"""The school's public page (no login): the notices (通报) its organizations published."""

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from vanguard.campaigns.models import Notice
from vanguard.people.models import Organization

PAGE_SIZE = 20


def school_top(code: str) -> Organization:
    """The top organization of a school by its code; any other code answers 404. One query."""
    above = Organization.objects.filter(school_id=OuterRef("school_id"),
                                        depth__lt=OuterRef("depth"))
    top = Organization.objects.filter(code=code, school__isnull=False).select_related(
        "school").annotate(below_top=Exists(above)).first()
    if top is None or top.below_top:
        raise Http404
    return top


def public_notices(top: Organization):
    """Published, not withdrawn notices of the school's organizations, of any campaign,
    newest first."""
    return Notice.objects.filter(
        organization__path__startswith=top.path, published_at__isnull=False,
        withdrawn_at__isnull=True).select_related("organization").order_by(
        "-published_at", "-id")


@require_safe
def public_school(request, code):
    top = school_top(code)
    page = Paginator(public_notices(top), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/public_school.html", {"top": top, "page": page})
