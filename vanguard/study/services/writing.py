"""Reading notes and reflections: drafted as the member types, submitted against the plan's
minimums, returned with a comment or accepted by the branch secretary (or an office above).

Drafts saved while typing are not audited (they are private and frequent); every hand-in and
every decision is, with title, status and length but never the text.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Assignment, Campaign, Notification, Phase
from vanguard.core import clock
from vanguard.people.models import Person
from vanguard.study.errors import StudyError
from vanguard.study.models import ReadingItem, ReadingNote, Reflection, Writing
from vanguard.study.models.writing import MAX_BODY_CHARACTERS
from vanguard.study.sanitize import MAX_RAW_LENGTH, clean_html, visible_characters
from vanguard.study.services import progress, reading
from vanguard.study.services.reading import COUNTED, require, settings_of

MAX_TITLE = 120
MAX_COMMENT = 1000
EDITABLE = (Writing.Status.DRAFT, Writing.Status.RETURNED)


@dataclass(frozen=True)
class Kind:
    key: str  # "note" / "reflection": in URLs and audit actions
    model: type[Writing]
    activity_kind: str


KINDS = {
    "note": Kind("note", ReadingNote, reading.READING_KIND),
    "reflection": Kind("reflection", Reflection, "study.reflection"),
}


def kind_of(writing: Writing) -> Kind:
    return KINDS["note"] if isinstance(writing, ReadingNote) else KINDS["reflection"]


def default_title(kind: Kind, item: ReadingItem | None = None) -> str:
    if kind.key == "reflection":
        return _("Reflection")
    if item is not None:
        return (_("Reading notes: %(title)s") % {"title": item.title})[:MAX_TITLE]
    return _("Reading notes")


@transaction.atomic
def start_writing(*, actor, campaign: Campaign, kind: str,
                  item: ReadingItem | None = None) -> Writing:
    """An empty draft for the actor to write in; it is theirs alone until submitted."""
    person = getattr(actor, "person", None)
    if kind not in KINDS or person is None:
        raise StudyError(_("You are not allowed to do this here."), code="forbidden")
    spec = KINDS[kind]
    assignment = progress.assignment_for(person, campaign, spec.activity_kind)
    if assignment is None:
        raise StudyError(_("This kind of writing is not among your tasks in this campaign."),
                         code="not_assigned")
    if campaign.state != Campaign.State.RUNNING:
        raise StudyError(_("The campaign is closed; its records can be read, not changed."),
                         code="closed")
    extra = {}
    if spec.model is ReadingNote:
        if item is not None and item.campaign_id != campaign.pk:
            raise StudyError(_("That reading is not on this campaign's list."), code="item")
        extra["item"] = item
    writing = spec.model.objects.create(
        campaign=campaign, person=person, organization_id=assignment.organization_id,
        title=default_title(spec, item), **extra)
    audit.record(actor=actor, action=f"study.{kind}.started", target=writing,
                 changes={"status": [None, writing.status], "title": [None, writing.title]})
    return writing


def _locked(writing: Writing, version: int | None) -> Writing:
    """The row, locked; refused if it was saved since `version` was read (another tab or
    device), so that nothing overwrites newer text unseen."""
    current = type(writing).objects.select_for_update(of=("self",)).select_related(
        "campaign", "organization", "person").get(pk=writing.pk)
    if version is not None and current.version != version:
        raise StudyError(
            _("This text was saved from another window or device after you opened it. Your "
              "text was not saved here, but it is kept on this page and in this browser: copy "
              "it, reload the page, and merge the two."), code="stale")
    return current


def _own_and_editable(actor, writing: Writing) -> None:
    require(actor, "study.write_writing", writing)
    if writing.status not in EDITABLE:
        raise StudyError(_("This text has been handed in; it can be changed only if the "
                           "reviewer returns it."), code="not_editable")


def _prepared(writing: Writing, title: str, body: str, *, for_submit: bool) -> tuple[str, str,
                                                                                       int]:
    title = (title or "").strip()
    if len(title) > MAX_TITLE:
        raise StudyError(_("The title may be at most %(max)d characters.") % {"max": MAX_TITLE},
                         code="title")
    if not title:
        if for_submit:
            raise StudyError(_("Give the text a title."), code="title")
        title = writing.title
    if len(body or "") > MAX_RAW_LENGTH:
        raise StudyError(_("The text is too long: at most %(max)d characters.")
                         % {"max": MAX_BODY_CHARACTERS}, code="too_long")
    cleaned = clean_html(body)
    characters = visible_characters(cleaned)
    if characters > MAX_BODY_CHARACTERS:
        raise StudyError(_("The text is too long: at most %(max)d characters, and it has "
                           "%(n)d. Shorten it by %(over)d.")
                         % {"max": MAX_BODY_CHARACTERS, "n": characters,
                            "over": characters - MAX_BODY_CHARACTERS}, code="too_long")
    return title, cleaned, characters


def _set_item(writing: Writing, item: ReadingItem | None) -> None:
    if isinstance(writing, ReadingNote):
        if item is not None and item.campaign_id != writing.campaign_id:
            raise StudyError(_("That reading is not on this campaign's list."), code="item")
        writing.item = item


@transaction.atomic
def save_draft(*, actor, writing: Writing, version: int | None, title: str, body: str,
               item: ReadingItem | None = None) -> Writing:
    """Keep what the member has typed so far; the status does not change."""
    writing = _locked(writing, version)
    _own_and_editable(actor, writing)
    title, cleaned, characters = _prepared(writing, title, body, for_submit=False)
    _set_item(writing, item)
    writing.title, writing.body, writing.characters = title, cleaned, characters
    writing.version += 1
    writing.save(update_fields=["title", "body", "characters", "version", "updated_at",
                                *(["item"] if isinstance(writing, ReadingNote) else [])])
    return writing


def minimums(person: Person, campaign: Campaign, kind: Kind) -> tuple[int, int]:
    """(min_count, min_characters) of the person's activity of this kind."""
    return settings_of(progress.assignment_for(person, campaign, kind.activity_kind))


@transaction.atomic
def submit_writing(*, actor, writing: Writing, version: int | None, title: str, body: str,
                   item: ReadingItem | None = None) -> Writing:
    """Hand the text in for review; it must reach the plan's minimum length."""
    writing = _locked(writing, version)
    _own_and_editable(actor, writing)
    spec = kind_of(writing)
    assignment = progress.assignment_for(writing.person, writing.campaign, spec.activity_kind)
    if assignment is not None and assignment.activity.phase.state != Phase.State.OPEN:
        raise StudyError(_("This step's phase is not open, so the text cannot be handed in "
                           "now. It stays saved as it is."), code="phase_not_open")
    title, cleaned, characters = _prepared(writing, title, body, for_submit=True)
    min_characters = settings_of(assignment)[1]
    if characters < max(min_characters, 1):
        raise StudyError(
            _("The text has %(n)d characters; the plan asks for at least %(min)d. Write "
              "%(left)d more, then hand it in. What you wrote is kept.")
            % {"n": characters, "min": max(min_characters, 1),
               "left": max(min_characters, 1) - characters}, code="too_short")
    _set_item(writing, item)
    before = writing.status
    writing.title, writing.body, writing.characters = title, cleaned, characters
    writing.status, writing.submitted_at = Writing.Status.SUBMITTED, clock.now()
    writing.version += 1
    writing.save(update_fields=["title", "body", "characters", "status", "submitted_at",
                                "version", "updated_at",
                                *(["item"] if isinstance(writing, ReadingNote) else [])])
    audit.record(actor=actor, action=f"study.{spec.key}.submitted", target=writing,
                 changes={"status": [before, writing.status], "title": [None, title],
                          "characters": [None, characters]})
    refresh_progress(writing, assignment=assignment)
    return writing


def _decided(actor, writing: Writing) -> Writing:
    writing = _locked(writing, None)
    require(actor, "study.review_writing", writing)
    if writing.status != Writing.Status.SUBMITTED:
        raise StudyError(_("Only work that is handed in and waiting can be returned or "
                           "accepted."), code="not_submitted")
    return writing


def _clean_comment(comment: str, *, required: bool) -> str:
    comment = (comment or "").strip()
    if required and not comment:
        raise StudyError(_("Say what should be improved: the comment goes back to the "
                           "member with the text."), code="no_comment")
    if len(comment) > MAX_COMMENT:
        raise StudyError(_("The comment may be at most %(max)d characters.")
                         % {"max": MAX_COMMENT}, code="long_comment")
    return comment


@transaction.atomic
def return_writing(*, actor, writing: Writing, comment: str) -> Writing:
    """Back to the member with a comment; it no longer counts until handed in again."""
    writing = _decided(actor, writing)
    comment = _clean_comment(comment, required=True)
    return _decide(actor, writing, Writing.Status.RETURNED, comment)


@transaction.atomic
def accept_writing(*, actor, writing: Writing, comment: str = "") -> Writing:
    writing = _decided(actor, writing)
    comment = _clean_comment(comment, required=False)
    return _decide(actor, writing, Writing.Status.ACCEPTED, comment)


def _decide(actor, writing: Writing, status: str, comment: str) -> Writing:
    spec = kind_of(writing)
    before = writing.status
    writing.status, writing.review_comment, writing.reviewed_by = status, comment, actor
    writing.version += 1
    writing.save(update_fields=["status", "review_comment", "reviewed_by", "version",
                                "updated_at"])
    audit.record(actor=actor, action=f"study.{spec.key}.{status}", target=writing,
                 changes={"status": [before, status], "title": [None, writing.title]})
    refresh_progress(writing)
    _notify(writing, status)
    return writing


def _notify(writing: Writing, status: str) -> None:
    spec = kind_of(writing)
    with translation.override(settings.LANGUAGE_CODE):
        if status == Writing.Status.RETURNED:
            text = _("Your text “%(title)s” was returned with a comment: revise it and hand "
                     "it in again.") % {"title": writing.title}
            url = reverse("study:writing_edit", args=[spec.key, writing.pk])
        else:
            text = _("Your text “%(title)s” was accepted.") % {"title": writing.title}
            url = reverse("study:writing_detail", args=[spec.key, writing.pk])
    Notification.objects.create(person_id=writing.person_id, text=text[:300], url=url)


@transaction.atomic
def delete_draft(*, actor, writing: Writing) -> None:
    """A draft never handed in may be thrown away by its author."""
    writing = _locked(writing, None)
    require(actor, "study.write_writing", writing)
    if writing.status != Writing.Status.DRAFT or writing.submitted_at is not None:
        raise StudyError(_("Only a draft that was never handed in can be deleted."),
                         code="not_draft")
    audit.record(actor=actor, action=f"study.{kind_of(writing).key}.deleted", target=writing,
                 changes={"status": [writing.status, None], "title": [writing.title, None]})
    writing.delete()


def reflection_done(person: Person, campaign: Campaign, assignment: Assignment) -> bool:
    min_count, min_characters = settings_of(assignment)
    return Reflection.objects.filter(campaign=campaign, person=person, status__in=COUNTED,
                                     characters__gte=min_characters).count() >= min_count


def refresh_progress(writing: Writing, *, assignment: Assignment | None = None) -> None:
    """Keep the member's assignment of this kind in step after a hand-in or a decision."""
    spec = kind_of(writing)
    person, campaign = writing.person, writing.campaign
    if spec.key == "note":
        reading.refresh_reading(person, campaign, assignment=assignment)
        return
    assignment = assignment or progress.assignment_for(person, campaign, spec.activity_kind)
    if assignment is not None:
        progress.mark(assignment, done=reflection_done(person, campaign, assignment))
