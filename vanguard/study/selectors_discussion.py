"""Reads for the big discussion and its requirements, scoped to the viewer; each page costs a
fixed number of queries whatever the number of posts."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q
from django.http import Http404

from vanguard.campaigns.models import Activity, Campaign
from vanguard.people.models import Organization
from vanguard.study.models import Discussion, Post, Requirement

DISCUSSION_KIND = "study.discussion"
POSTS_PER_PAGE = 20


def path_and_ancestors(organization: Organization) -> list[str]:
    step = Organization.steplen
    return [organization.path[:end] for end in range(step, len(organization.path) + 1, step)]


def get_activity_for(viewer, pk) -> Activity:
    """A discussion step of a plan the viewer reads, or whose subtree they are a member of."""
    activity = Activity.objects.select_related("plan__organization", "plan__campaign") \
        .filter(pk=pk, kind=DISCUSSION_KIND).first()
    if activity is None or not viewer.has_perm("study.view_discussion", activity.plan):
        raise Http404
    return activity


def discussion_for(campaign: Campaign, organization: Organization) -> Discussion | None:
    """The discussion that covers `organization`: its own, else the nearest one above it."""
    return (Discussion.objects.filter(campaign=campaign,
                                      organization__path__in=path_and_ancestors(organization))
            .select_related("organization", "campaign").order_by("-organization__depth")
            .first())


def get_discussion_for(viewer, pk) -> Discussion:
    discussion = Discussion.objects.select_related("organization", "campaign") \
        .filter(pk=pk).first()
    if discussion is None or not viewer.has_perm("study.view_discussion", discussion):
        raise Http404
    return discussion


def get_post_for(viewer, pk) -> Post:
    post = Post.objects.select_related("discussion__organization", "discussion__campaign",
                                       "organization", "author").filter(pk=pk).first()
    if post is None or not viewer.has_perm("study.view_discussion", post.discussion):
        raise Http404
    return post


def get_requirement_for(viewer, pk) -> Requirement:
    requirement = Requirement.objects.select_related("organization", "campaign") \
        .filter(pk=pk).first()
    if requirement is None or not viewer.has_perm("study.view_discussion", requirement):
        raise Http404
    return requirement


@dataclass
class ShownPost:
    """A post as one viewer sees it: a hidden post's text only for its moderators and its
    author, with the reason; for everyone else a line saying it was hidden."""

    post: Post
    can_moderate: bool
    show_text: bool
    replies: list["ShownPost"]


def posts_page(viewer, discussion: Discussion, number) -> tuple[Page, list[ShownPost]]:
    """One page of threads, newest first, each with its replies (oldest first): three
    queries (count, page, replies)."""
    replies = Post.objects.select_related("author", "organization").order_by("created_at", "id")
    threads = (Post.objects.filter(discussion=discussion, parent__isnull=True)
               .select_related("author", "organization")
               .prefetch_related(Prefetch("replies", queryset=replies))
               .order_by("-created_at", "-id"))
    page = Paginator(threads, POSTS_PER_PAGE).get_page(number)
    person_id = getattr(getattr(viewer, "person", None), "pk", None)

    def shown(post: Post, children) -> ShownPost:
        can_moderate = viewer.has_perm("study.moderate_post", post)
        return ShownPost(post, can_moderate,
                         not post.hidden or can_moderate or post.author_id == person_id,
                         [shown(child, ()) for child in children])

    return page, [shown(post, post.replies.all()) for post in page.object_list]


def requirements_of(discussion: Discussion) -> list[Requirement]:
    return list(Requirement.objects.filter(campaign_id=discussion.campaign_id,
                                           organization_id=discussion.organization_id))


def published(requirements: list[Requirement]) -> bool:
    return any(r.published_at is not None for r in requirements)


def requirements_published_for(campaign_id: int, scope: Organization) -> bool:
    """Whether a published list applies to `scope`: one on its path up to the root (the
    district's, the school's own), or one inside its subtree (a school's, for the district's
    gate). One query."""
    return Requirement.objects.filter(
        Q(organization__path__startswith=scope.path)
        | Q(organization__path__in=path_and_ancestors(scope)),
        campaign_id=campaign_id, published_at__isnull=False).exists()
