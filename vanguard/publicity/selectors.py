"""Reads of publicity: the signed-in pages (scoped to the viewer, 404 for what is missing or not
theirs) and the public lookups (only what is published)."""

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from vanguard.access import scope
from vanguard.access.models import Role
from vanguard.people.models import Organization
from vanguard.publicity.models import Exemplar, NewsItem, Photo, PracticeActivity

VIEW = "publicity.view_publicity"
RUNNERS = (Role.Kind.OFFICE, Role.Kind.SECRETARY)


def _readable(viewer, prefix: str = "organization__"):
    return scope.subtree_filter(viewer, scope.READERS, prefix)


def run_organizations(viewer, campaign, *, schools_only: bool = True):
    """The organizations of the campaign's tree the viewer runs (office, secretary, admin)."""
    orgs = Organization.objects.filter(
        scope.subtree_filter(viewer, RUNNERS), path__startswith=campaign.organization.path)
    if schools_only:
        orgs = orgs.filter(school__isnull=False)
    return orgs.select_related("school").order_by("path")


def get_run_organization(viewer, campaign, code: str, *, schools_only: bool = True):
    if not code:
        return None
    return run_organizations(viewer, campaign, schools_only=schools_only).filter(
        code=code[:32]).first()


# --- activities -----------------------------------------------------------------------------------
def activities_for(viewer, campaign, theme: str = ""):
    rows = PracticeActivity.objects.filter(_readable(viewer), campaign=campaign)
    if theme:
        rows = rows.filter(theme=theme)
    return rows.select_related("organization").annotate(
        photo_count=Count("photos", distinct=True),
        participant_count=Count("participants", distinct=True)).order_by("-held_on", "-id")


def theme_counts(viewer, campaign) -> dict[str, int]:
    rows = (PracticeActivity.objects.filter(_readable(viewer), campaign=campaign)
            .values("theme").annotate(n=Count("id")).order_by())
    return {row["theme"]: row["n"] for row in rows}


def get_activity_for(viewer, pk) -> PracticeActivity:
    activity = PracticeActivity.objects.select_related(
        "campaign__organization", "organization", "recorded_by").filter(pk=pk).first()
    if activity is None or not viewer.has_perm(VIEW, activity):
        raise Http404
    return activity


def get_photo_for(viewer, pk) -> Photo:
    photo = Photo.objects.select_related("activity__organization").filter(pk=pk).first()
    if photo is None or not viewer.has_perm(VIEW, photo.activity):
        raise Http404
    return photo


# --- exemplars -----------------------------------------------------------------------------------
def exemplars_for(viewer, campaign):
    return Exemplar.objects.filter(_readable(viewer), campaign=campaign).select_related(
        "person", "organization", "nominated_by", "decided_by")


def get_exemplar_for(viewer, pk) -> Exemplar:
    exemplar = Exemplar.objects.select_related("campaign", "person", "organization").filter(
        pk=pk).first()
    if exemplar is None or not viewer.has_perm(VIEW, exemplar):
        raise Http404
    return exemplar


# --- news ----------------------------------------------------------------------------------------
def news_for(viewer, campaign):
    return NewsItem.objects.filter(_readable(viewer), campaign=campaign).select_related(
        "organization", "written_by", "reviewed_by").defer("body")


def get_news_for(viewer, pk) -> NewsItem:
    item = NewsItem.objects.select_related(
        "campaign__organization", "organization", "written_by", "reviewed_by",
        "activity", "exemplar__person").filter(pk=pk).first()
    if item is None or not viewer.has_perm(VIEW, item):
        raise Http404
    return item


# --- public -------------------------------------------------------------------------------------
def _public_scope(campaign, organization):
    q = Q(campaign=campaign)
    if organization is not None:
        q &= Q(organization__path__startswith=organization.path)
    return q


def public_news(campaign, organization=None):
    """Published news of the campaign (of one organization's subtree if given), newest first."""
    return (NewsItem.objects.filter(_public_scope(campaign, organization),
                                    status=NewsItem.Status.PUBLISHED)
            .select_related("organization").order_by("-published_at", "-id"))


def public_exemplars(campaign, organization=None):
    """Approved and published exemplars: only name, organization and deeds are shown."""
    return (Exemplar.objects.filter(_public_scope(campaign, organization),
                                    status=Exemplar.Status.APPROVED,
                                    published_at__isnull=False)
            .select_related("person", "organization").only(
                "id", "deeds", "published_at", "person__name", "organization__name")
            .order_by("-published_at", "-id"))


def _published_link():
    return Exists(NewsItem.objects.filter(activity_id=OuterRef("activity_id"),
                                          status=NewsItem.Status.PUBLISHED))


def public_photos(activity_id):
    if activity_id is None:
        return Photo.objects.none()
    return Photo.objects.filter(_published_link(), activity_id=activity_id,
                                for_publication=True).only("id", "caption", "activity_id")


def get_public_news(pk) -> NewsItem:
    item = (NewsItem.objects.select_related("organization", "campaign", "exemplar__person",
                                            "exemplar__organization")
            .filter(pk=pk, status=NewsItem.Status.PUBLISHED).first())
    if item is None:
        raise Http404
    return item


def get_public_photo(pk) -> Photo:
    photo = Photo.objects.filter(_published_link(), pk=pk, for_publication=True).first()
    if photo is None:
        raise Http404
    return photo


def public_organization(campaign, code: str):
    """The organization a public page is narrowed to (?org=CODE), inside the campaign."""
    if not code:
        return None
    organization = Organization.objects.filter(
        code=code[:32], path__startswith=campaign.organization.path).first()
    if organization is None:
        raise Http404
    return organization
