"""News about the campaign (宣传): the writer drafts and submits; an office at the news item's
organization or above, who is not the writer, publishes it or sends it back; an office
withdraws a published item. Nothing is public before it is published."""

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.core import clock
from vanguard.meetings.plain_text import to_plain_text
from vanguard.publicity.errors import PublicityError
from vanguard.publicity.models import MAX_BODY, MAX_REASON, MAX_TITLE, Exemplar, NewsItem
from vanguard.publicity.services.common import in_campaign, require, text

S = NewsItem.Status


def _locked(item: NewsItem) -> NewsItem:
    return NewsItem.objects.select_for_update(of=("self",)).select_related(
        "organization", "campaign", "exemplar").get(pk=item.pk)


def _check_links(campaign, organization, activity, exemplar) -> None:
    """A linked activity or exemplar is of the same campaign and of the item's subtree."""
    for record in (activity, exemplar):
        if record is None:
            continue
        if (record.campaign_id != campaign.pk
                or not record.organization.path.startswith(organization.path)):
            raise PublicityError(_("A news item can only be about an activity or exemplar of "
                                   "its own organization in this campaign."), code="link")
    if exemplar is not None and exemplar.status != Exemplar.Status.APPROVED:
        raise PublicityError(_("A news item can only be about an approved exemplar."),
                             code="link")


def _fields(title, body) -> tuple[str, str]:
    title = text(title, limit=MAX_TITLE, field=_("title"))
    body = text(to_plain_text(body or ""), limit=MAX_BODY, field=_("text"))
    return title, body


@transaction.atomic
def write_news(*, actor, campaign, organization, title: str, body: str, activity=None,
               exemplar=None) -> NewsItem:
    require(actor, "publicity.write_news", organization)
    if not in_campaign(campaign, organization):
        raise PublicityError(_("Choose an organization that takes part in this campaign."),
                             code="organization")
    title, body = _fields(title, body)
    _check_links(campaign, organization, activity, exemplar)
    item = NewsItem.objects.create(campaign=campaign, organization=organization, title=title,
                                   body=body, activity=activity, exemplar=exemplar,
                                   written_by=actor)
    audit.record(actor=actor, action="publicity.news.written", target=item,
                 changes={"title": [None, title], "body": [None, len(body)]})
    return item


def _require_writer_draft(actor, item: NewsItem) -> None:
    require(actor, "publicity.write_news", item)
    if item.written_by_id != actor.pk:
        raise PublicityError(_("Only the writer changes or submits a news item."),
                             code="not_writer")
    if item.status != S.DRAFT:
        raise PublicityError(_("Only a draft can be changed or submitted."), code="not_draft")


@transaction.atomic
def edit_news(*, actor, item: NewsItem, title: str, body: str, activity=None,
              exemplar=None) -> NewsItem:
    item = _locked(item)
    _require_writer_draft(actor, item)
    title, body = _fields(title, body)
    _check_links(item.campaign, item.organization, activity, exemplar)
    before = {"title": item.title, "body": len(item.body), "activity": item.activity_id,
              "exemplar": item.exemplar_id}
    item.title, item.body, item.activity, item.exemplar = title, body, activity, exemplar
    item.save(update_fields=["title", "body", "activity", "exemplar", "updated_at"])
    audit.record(actor=actor, action="publicity.news.edited", target=item,
                 changes=audit.field_diff(before, {
                     "title": title, "body": len(body),
                     "activity": getattr(activity, "pk", None),
                     "exemplar": getattr(exemplar, "pk", None)}))
    return item


@transaction.atomic
def submit_news(*, actor, item: NewsItem) -> NewsItem:
    item = _locked(item)
    _require_writer_draft(actor, item)
    item.status = S.SUBMITTED
    item.save(update_fields=["status", "updated_at"])
    audit.record(actor=actor, action="publicity.news.submitted", target=item,
                 changes={"status": [S.DRAFT, S.SUBMITTED]})
    return item


def _require_reviewer(actor, item: NewsItem) -> None:
    require(actor, "publicity.publish_news", item)
    if item.status != S.SUBMITTED:
        raise PublicityError(_("Only a news item submitted for review can be published or "
                               "sent back."), code="not_submitted")


@transaction.atomic
def publish_news(*, actor, item: NewsItem) -> NewsItem:
    item = _locked(item)
    _require_reviewer(actor, item)
    if item.written_by_id == actor.pk:
        raise PublicityError(_("Someone other than the writer reviews and publishes a news "
                               "item."), code="four_eyes")
    if item.exemplar is not None and item.exemplar.status != Exemplar.Status.APPROVED:
        raise PublicityError(_("A news item can only be about an approved exemplar."),
                             code="link")
    item.status, item.reviewed_by, item.published_at = S.PUBLISHED, actor, clock.now()
    item.review_note = ""
    item.save(update_fields=["status", "reviewed_by", "published_at", "review_note",
                             "updated_at"])
    audit.record(actor=actor, action="publicity.news.published", target=item,
                 changes={"status": [S.SUBMITTED, S.PUBLISHED]})
    return item


@transaction.atomic
def return_news(*, actor, item: NewsItem, note: str) -> NewsItem:
    """Send a submitted item back to its writer as a draft, saying what to change."""
    item = _locked(item)
    _require_reviewer(actor, item)
    note = text(note, limit=MAX_REASON, field=_("note"))
    item.status, item.reviewed_by, item.review_note = S.DRAFT, actor, note
    item.save(update_fields=["status", "reviewed_by", "review_note", "updated_at"])
    audit.record(actor=actor, action="publicity.news.returned", target=item,
                 changes={"status": [S.SUBMITTED, S.DRAFT], "note": [None, note]})
    return item


@transaction.atomic
def withdraw_news(*, actor, item: NewsItem, note: str) -> NewsItem:
    """Take a published item off the public page and the feeds (it stays in the records)."""
    item = _locked(item)
    require(actor, "publicity.publish_news", item)
    if item.status != S.PUBLISHED:
        raise PublicityError(_("Only a published news item can be withdrawn."),
                             code="not_published")
    note = text(note, limit=MAX_REASON, field=_("reason"))
    item.status, item.review_note = S.WITHDRAWN, note
    item.save(update_fields=["status", "review_note", "updated_at"])
    audit.record(actor=actor, action="publicity.news.withdrawn", target=item,
                 changes={"status": [S.PUBLISHED, S.WITHDRAWN], "reason": [None, note]})
    return item
