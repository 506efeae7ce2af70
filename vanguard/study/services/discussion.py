"""Writes for the big discussion (大讨论): opening and closing it, posts and replies,
moderation, and the requirements (先进性具体要求) the office distils from it.

A discussion belongs to the organization of one of the campaign's plans (the root, or a
school) and is open to the members registered in its subtree. A member's `study.discussion`
task is done while they have at least one visible post in any discussion of the campaign.
"""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Activity, Campaign
from vanguard.core import clock
from vanguard.people.models import Member
from vanguard.study.errors import StudyError
from vanguard.study.models import Discussion, Post, Requirement
from vanguard.study.selectors_discussion import DISCUSSION_KIND
from vanguard.study.services import progress

SEED_QUESTION = "如何认识新时期学校党员先进性具体要求"
MAX_QUESTION = 300
MAX_POST = 2000
MAX_HIDE_REASON = 200
MAX_REQUIREMENT = 300


def _require(actor, perm, obj):
    if not actor.has_perm(perm, obj):
        raise StudyError(_("You are not allowed to do this here."), code="forbidden")


def _text(value: str, *, limit: int, empty: str, long: str, code: str) -> str:
    value = (value or "").strip()
    if not value:
        raise StudyError(empty, code=f"{code}_empty")
    if len(value) > limit:
        raise StudyError(long % {"n": limit}, code=f"{code}_long")
    return value


def _keep_task_in_step(person_id: int, campaign: Campaign) -> None:
    """Done while the person has a visible post in the campaign's discussions."""
    visible = Post.objects.filter(author_id=person_id, discussion__campaign=campaign,
                                  hidden=False).exists()
    task = progress.assignment_for(person_id, campaign, DISCUSSION_KIND)
    progress.mark(task, done=visible)


@transaction.atomic
def open_discussion(*, actor, activity: Activity, question: str = SEED_QUESTION) -> Discussion:
    """The discussion of the activity's plan organization, open to the members below it."""
    _require(actor, "study.open_discussion", activity.plan)
    if activity.kind != DISCUSSION_KIND:
        raise StudyError(_("This step is not a discussion."), code="wrong_kind")
    campaign, organization = activity.plan.campaign, activity.plan.organization
    if campaign.state != Campaign.State.RUNNING:
        raise StudyError(_("The campaign is closed."), code="campaign_closed")
    question = _text(question, limit=MAX_QUESTION, code="question",
                     empty=_("Write the question to discuss."),
                     long=_("The question may be at most %(n)d characters."))
    if Discussion.objects.filter(campaign=campaign, organization=organization).exists():
        raise StudyError(_("%(org)s has already opened its discussion.")
                         % {"org": organization}, code="exists")
    discussion = Discussion.objects.create(campaign=campaign, organization=organization,
                                           question=question)
    audit.record(actor=actor, action="study.discussion.opened", target=discussion,
                 changes={"question": [None, question], "organization": [None, organization.code]})
    return discussion


@transaction.atomic
def set_discussion_open(*, actor, discussion: Discussion, is_open: bool) -> Discussion:
    """Close the discussion to new posts (or open it again); nothing posted is lost."""
    _require(actor, "study.open_discussion", discussion)
    discussion = Discussion.objects.select_for_update().get(pk=discussion.pk)
    if discussion.is_open == is_open:
        raise StudyError(_("The discussion is already open.") if is_open else
                         _("The discussion is already closed."), code="unchanged")
    discussion.is_open = is_open
    discussion.save(update_fields=["is_open", "updated_at"])
    audit.record(actor=actor, target=discussion,
                 action="study.discussion.reopened" if is_open else "study.discussion.closed",
                 changes={"is_open": [not is_open, is_open]})
    return discussion


@transaction.atomic
def write_post(*, actor, discussion: Discussion, text: str, parent: Post | None = None) -> Post:
    """A post, or a reply to a post (one level: a reply cannot be replied to)."""
    _require(actor, "study.post_discussion", discussion)
    discussion = Discussion.objects.select_related("campaign").get(pk=discussion.pk)
    if not discussion.is_open or discussion.campaign.state != Campaign.State.RUNNING:
        raise StudyError(_("The discussion is closed: nothing more can be posted."),
                         code="closed")
    text = _text(text, limit=MAX_POST, code="text", empty=_("Write something before posting."),
                 long=_("A post may be at most %(n)d characters."))
    if parent is not None:
        parent = Post.objects.get(pk=parent.pk)  # fresh: it may have been hidden since
        if parent.discussion_id != discussion.pk:
            raise StudyError(_("That post is not in this discussion."), code="parent")
        if parent.parent_id is not None:
            raise StudyError(_("Reply to the post itself: replies have no replies."),
                             code="nested")
        if parent.hidden:
            raise StudyError(_("This post has been hidden; it cannot be replied to."),
                             code="parent_hidden")
    member = Member.objects.get(person__user=actor)
    post = Post.objects.create(discussion=discussion, author_id=member.person_id,
                               organization_id=member.organization_id, parent=parent,
                               text=text)
    progress.mark(progress.assignment_for(member.person_id, discussion.campaign,
                                          DISCUSSION_KIND), done=True)
    audit.record(actor=actor, action="study.post.written", target=post,
                 changes={"parent": [None, parent.pk if parent else None],
                          "length": [None, len(text)]})
    return post


@transaction.atomic
def hide_post(*, actor, post: Post, reason: str) -> Post:
    """Hidden, never deleted: moderators and the author still see it, marked, with the
    reason. The author's task goes back to pending if it was their only visible post."""
    _require(actor, "study.moderate_post", post)
    reason = _text(reason, limit=MAX_HIDE_REASON, code="reason",
                   empty=_("Give the reason for hiding the post."),
                   long=_("The reason may be at most %(n)d characters."))
    post = Post.objects.select_for_update(of=("self",)).select_related(
        "discussion__campaign").get(pk=post.pk)
    if post.hidden:
        raise StudyError(_("This post is already hidden."), code="already_hidden")
    post.hidden, post.hidden_reason, post.hidden_by = True, reason, actor
    post.save(update_fields=["hidden", "hidden_reason", "hidden_by", "updated_at"])
    _keep_task_in_step(post.author_id, post.discussion.campaign)
    audit.record(actor=actor, action="study.post.hidden", target=post,
                 changes={"hidden": [False, True], "hidden_reason": ["", reason]})
    return post


@transaction.atomic
def restore_post(*, actor, post: Post) -> Post:
    """Undo a hiding (a mistake, or the author's appeal); the reason stays in the audit log."""
    _require(actor, "study.moderate_post", post)
    post = Post.objects.select_for_update(of=("self",)).select_related(
        "discussion__campaign").get(pk=post.pk)
    if not post.hidden:
        raise StudyError(_("This post is not hidden."), code="not_hidden")
    before = post.hidden_reason
    post.hidden, post.hidden_reason, post.hidden_by = False, "", None
    post.save(update_fields=["hidden", "hidden_reason", "hidden_by", "updated_at"])
    _keep_task_in_step(post.author_id, post.discussion.campaign)
    audit.record(actor=actor, action="study.post.restored", target=post,
                 changes={"hidden": [True, False], "hidden_reason": [before, ""]})
    return post


def _requirement_list(discussion: Discussion):
    return Requirement.objects.filter(campaign_id=discussion.campaign_id,
                                      organization_id=discussion.organization_id)


def _require_draft(discussion: Discussion):
    """Lock the list (through its discussion) and refuse once it is published."""
    Discussion.objects.select_for_update().filter(pk=discussion.pk).first()
    if _requirement_list(discussion).filter(published_at__isnull=False).exists():
        raise StudyError(_("The requirements are published and can no longer be changed."),
                         code="published")


def _requirement_text(text: str) -> str:
    return _text(text, limit=MAX_REQUIREMENT, code="requirement",
                 empty=_("Write the requirement."),
                 long=_("A requirement may be at most %(n)d characters."))


@transaction.atomic
def add_requirement(*, actor, discussion: Discussion, text: str) -> Requirement:
    _require(actor, "study.edit_requirements", discussion)
    text = _requirement_text(text)
    _require_draft(discussion)
    last = _requirement_list(discussion).aggregate(last=Max("order"))["last"] or 0
    requirement = Requirement.objects.create(
        campaign_id=discussion.campaign_id, organization_id=discussion.organization_id,
        order=last + 1, text=text)
    audit.record(actor=actor, action="study.requirement.added", target=requirement,
                 changes={"text": [None, text], "order": [None, requirement.order]})
    return requirement


def _discussion_of(requirement: Requirement) -> Discussion:
    discussion = Discussion.objects.filter(campaign_id=requirement.campaign_id,
                                           organization_id=requirement.organization_id).first()
    if discussion is None:  # requirements are made only through a discussion
        raise StudyError(_("This list has no discussion."), code="no_discussion")
    return discussion


@transaction.atomic
def edit_requirement(*, actor, requirement: Requirement, text: str) -> Requirement:
    _require(actor, "study.edit_requirements", requirement)
    text = _requirement_text(text)
    _require_draft(_discussion_of(requirement))
    requirement = Requirement.objects.get(pk=requirement.pk)
    before = requirement.text
    requirement.text = text
    requirement.save(update_fields=["text", "updated_at"])
    audit.record(actor=actor, action="study.requirement.changed", target=requirement,
                 changes=audit.field_diff({"text": before}, {"text": text}))
    return requirement


@transaction.atomic
def move_requirement(*, actor, requirement: Requirement, up: bool) -> Requirement:
    """One place up or down; the list is renumbered 1, 2, 3 … as it now reads."""
    _require(actor, "study.edit_requirements", requirement)
    _require_draft(_discussion_of(requirement))
    items = list(Requirement.objects.filter(campaign_id=requirement.campaign_id,
                                            organization_id=requirement.organization_id))
    at = next(i for i, r in enumerate(items) if r.pk == requirement.pk)
    to = at - 1 if up else at + 1
    if not 0 <= to < len(items):
        raise StudyError(_("It is already the first.") if up else _("It is already the last."),
                         code="edge")
    items[at], items[to] = items[to], items[at]
    for order, item in enumerate(items, start=1):
        item.order = order
    Requirement.objects.bulk_update(items, ["order"])
    audit.record(actor=actor, action="study.requirement.moved", target=requirement,
                 changes={"order": [at + 1, to + 1]})
    return items[to]


@transaction.atomic
def remove_requirement(*, actor, requirement: Requirement) -> None:
    _require(actor, "study.edit_requirements", requirement)
    _require_draft(_discussion_of(requirement))
    audit.record(actor=actor, action="study.requirement.removed", target=requirement,
                 changes={"text": [requirement.text, None]})
    Requirement.objects.filter(pk=requirement.pk).delete()


@transaction.atomic
def publish_requirements(*, actor, discussion: Discussion) -> int:
    """Every item gets the same publication time; from then on the list is read-only and
    every member the discussion covers can read it."""
    _require(actor, "study.edit_requirements", discussion)
    _require_draft(discussion)
    items = _requirement_list(discussion)
    count = items.count()
    if not count:
        raise StudyError(_("Add at least one requirement before publishing."), code="empty")
    now = clock.now()
    items.update(published_at=now)
    audit.record(actor=actor, action="study.requirements.published", target=discussion,
                 changes={"published_at": [None, str(now)], "count": [None, count]})
    return count
