"""Public notices (通报): published by the organization they report on, shown on the school's
public page until withdrawn; one notice per source (a meeting, a branch's evaluation …)."""

import html
import re

import nh3
from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import Campaign, Notice
from vanguard.core import clock
from vanguard.people.models import Organization

MAX_TITLE = 120
MAX_BODY = 5000
# "app.model:pk" — what the notice reports on; the unique constraint keeps one per source.
SOURCE = re.compile(r"^[a-z_]+\.[a-z_]+:\d+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain_text(raw: str) -> str:
    """The text without any markup (the public page shows it as text, line breaks kept)."""
    text = (raw or "").replace("\r\n", "\n").replace("\r", "\n")
    text = html.unescape(nh3.clean(text, tags=set(), clean_content_tags={"script", "style"}))
    lines = [line.rstrip() for line in _CONTROL.sub("", text).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _require(actor, organization: Organization) -> None:
    if not actor.has_perm("campaigns.publish_notice", organization):
        raise CampaignError(_("You are not allowed to do this here."), code="forbidden")


def _checked_text(title: str, body: str) -> tuple[str, str]:
    title = plain_text(title)
    if not title or len(title) > MAX_TITLE:
        raise CampaignError(_("Give the notice a title of at most %(n)d characters.")
                            % {"n": MAX_TITLE}, code="title")
    # The raw text is bounded too, so that a huge paste is refused before it is cleaned.
    if len(body or "") > 4 * MAX_BODY:
        raise CampaignError(_("The notice may be at most %(n)d characters.") % {"n": MAX_BODY},
                            code="long_body")
    body = plain_text(body)
    if not body:
        raise CampaignError(_("Write the text of the notice."), code="no_body")
    if len(body) > MAX_BODY:
        raise CampaignError(_("The notice may be at most %(n)d characters.") % {"n": MAX_BODY},
                            code="long_body")
    return title, body


@transaction.atomic
def publish_notice(*, actor, campaign: Campaign, organization: Organization, source: str,
                   title: str, body: str) -> Notice:
    """Publish (or publish again after a withdrawal) the notice of `source`. A notice that is
    on the public page is refused: withdraw it first, so a change is never silent."""
    _require(actor, organization)
    if not organization.path.startswith(campaign.organization.path):
        raise CampaignError(_("This organization is not part of the campaign."),
                            code="outside_campaign")
    if not SOURCE.match(source or "") or len(source) > 80:
        raise CampaignError(_("Unknown source for a notice."), code="source")
    title, body = _checked_text(title, body)
    notice = Notice.objects.select_for_update().filter(campaign=campaign, source=source).first()
    if notice is not None and notice.organization_id != organization.pk:
        raise CampaignError(_("This notice belongs to another organization."),
                            code="other_organization")
    if notice is not None and notice.published_at and notice.withdrawn_at is None:
        raise CampaignError(_("This notice is already published. Withdraw it first to publish "
                              "a corrected text."), code="already_published")
    before = {"title": None, "published_at": None, "withdrawn_at": None}
    if notice is None:
        notice = Notice(campaign=campaign, organization=organization, source=source)
    else:
        before = {"title": notice.title, "published_at": str(notice.published_at),
                  "withdrawn_at": str(notice.withdrawn_at)}
    notice.title, notice.body = title, body
    notice.published_at, notice.published_by, notice.withdrawn_at = clock.now(), actor, None
    notice.save()
    audit.record(actor=actor, action="campaigns.notice.published", target=notice,
                 changes=audit.field_diff(before, {
                     "title": notice.title, "published_at": str(notice.published_at),
                     "withdrawn_at": None}) | {"body": [None, len(body)]})
    return notice


@transaction.atomic
def withdraw_notice(*, actor, notice: Notice) -> Notice:
    """Take the notice off the public page; the record stays."""
    notice = Notice.objects.select_for_update(of=("self",)).select_related(
        "organization").get(pk=notice.pk)
    _require(actor, notice.organization)
    if notice.withdrawn_at is not None or notice.published_at is None:
        raise CampaignError(_("This notice is not on the public page."), code="not_published")
    notice.withdrawn_at = clock.now()
    notice.save(update_fields=["withdrawn_at", "updated_at"])
    audit.record(actor=actor, action="campaigns.notice.withdrawn", target=notice,
                 changes={"withdrawn_at": [None, str(notice.withdrawn_at)]})
    return notice
