"""Sorting (梳理): the office writes a neutral summary, routes an opinion to its subject,
merges duplicates (keeping the count), and sets aside what is abusive or off-topic.

Every change is audited with the fields it moved, never with the giver. An opinion waiting
for a second person's check cannot be sorted; one already fed back stays as it was read.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Campaign
from vanguard.opinions import subjects
from vanguard.opinions.errors import OpinionError
from vanguard.opinions.models import Opinion
from vanguard.opinions.subjects import ResolvedSubject

MAX_SUMMARY = 500
MAX_REASON = 200
SORTABLE = (Opinion.Status.RECEIVED, Opinion.Status.SORTED)


def require(actor, perm: str, obj=None) -> None:
    if not actor.has_perm(perm, obj):
        raise OpinionError(_("You are not allowed to do this here."), code="forbidden")


def running(campaign: Campaign) -> None:
    if campaign.state != Campaign.State.RUNNING:
        raise OpinionError(_("The campaign is closed; its records can be read, not changed."),
                           code="closed")


def _locked(opinion: Opinion) -> Opinion:
    return (Opinion.objects.select_for_update(of=("self",))
            .select_related("organization", "campaign", "intake__organization")
            .get(pk=opinion.pk))


def _sortable(actor, opinion: Opinion) -> Opinion:
    """The row, locked, if the actor's office may sort it and it is in a sortable state."""
    opinion = _locked(opinion)
    require(actor, "opinions.sort_opinion", opinion)
    running(opinion.campaign)
    if opinion.status == Opinion.Status.UNCONFIRMED:
        raise OpinionError(_("This opinion was typed in from paper and waits for a second "
                             "person to check it; it can be sorted once it is confirmed."),
                           code="unconfirmed")
    if opinion.status not in SORTABLE:
        raise OpinionError(_("This opinion is %(status)s; only received or sorted opinions "
                             "can be changed.") % {"status": opinion.get_status_display()},
                           code="not_sortable")
    return opinion


def clean_summary(summary: str) -> str:
    summary = (summary or "").strip()
    if not summary:
        raise OpinionError(_("Write the summary the subject will read."), code="summary")
    if len(summary) > MAX_SUMMARY:
        raise OpinionError(_("The summary may be at most %(max)d characters; it has %(n)d.")
                           % {"max": MAX_SUMMARY, "n": len(summary)}, code="summary")
    return summary


@transaction.atomic
def write_summary(*, actor, opinion: Opinion, summary: str) -> Opinion:
    """The neutral summary the subject will read instead of the text; the opinion is then
    sorted. The audit diff keeps the lengths, not the words."""
    opinion = _sortable(actor, opinion)
    summary = clean_summary(summary)
    before = (opinion.status, len(opinion.summary))
    opinion.summary, opinion.status = summary, Opinion.Status.SORTED
    opinion.save(update_fields=["summary", "status"])
    audit.record(actor=actor, action="opinions.opinion.summarized", target=opinion,
                 changes={"status": [before[0], opinion.status],
                          "summary_length": [before[1], len(summary)]})
    return opinion


def _subject_fields(subject: ResolvedSubject) -> dict:
    return {"subject_kind": subject.kind, "subject_person": subject.person,
            "organization": subject.organization}


@transaction.atomic
def route_opinion(*, actor, opinion: Opinion, subject_token: str) -> Opinion:
    """Give the opinion another subject of the same school; it moves to that subject's
    organization, and the opinions merged into it move with it."""
    opinion = _sortable(actor, opinion)
    subject = subjects.resolve(subject_token, opinion.intake.organization)
    before = ResolvedSubject(opinion.subject_kind, opinion.subject_person,
                             opinion.organization).token
    if subject.token == before:
        raise OpinionError(_("The opinion is already about this subject."), code="same_subject")
    fields = _subject_fields(subject)
    for key, value in fields.items():
        setattr(opinion, key, value)
    # The new place must be the actor's too: an office cannot push an opinion out of its scope.
    require(actor, "opinions.sort_opinion", opinion)
    opinion.save(update_fields=list(fields))
    Opinion.objects.filter(merged_into=opinion).update(
        subject_kind=subject.kind, subject_person=subject.person,
        organization=subject.organization)
    audit.record(actor=actor, action="opinions.opinion.routed", target=opinion,
                 changes={"subject": [before, subject.token]})
    return opinion


def _same_subject(a: Opinion, b: Opinion) -> bool:
    return (a.campaign_id, a.subject_kind, a.subject_person_id, a.organization_id) == \
        (b.campaign_id, b.subject_kind, b.subject_person_id, b.organization_id)


@transaction.atomic
def merge_opinions(*, actor, keep: Opinion, duplicates: list[Opinion]) -> Opinion:
    """Fold duplicates into `keep`: they are marked merged and their weight is added to it,
    so the count of people who said it is not lost. Only opinions of the same subject."""
    if not duplicates:
        raise OpinionError(_("Choose at least one opinion to merge into this one."),
                           code="no_duplicates")
    if any(d.pk == keep.pk for d in duplicates):
        raise OpinionError(_("An opinion cannot be merged into itself."), code="self")
    keep = _sortable(actor, keep)
    folded = []
    for duplicate in sorted(duplicates, key=lambda d: str(d.pk)):
        duplicate = _sortable(actor, duplicate)
        if not _same_subject(keep, duplicate):
            raise OpinionError(_("Only opinions about the same subject can be merged; route "
                                 "one to the other's subject first."), code="other_subject")
        folded.append(duplicate)
    before = keep.weight
    for duplicate in folded:
        Opinion.objects.filter(merged_into=duplicate).update(merged_into=keep)
        status_before = duplicate.status
        duplicate.status, duplicate.merged_into = Opinion.Status.MERGED, keep
        duplicate.save(update_fields=["status", "merged_into"])
        keep.weight += duplicate.weight
        audit.record(actor=actor, action="opinions.opinion.merged", target=duplicate,
                     changes={"status": [status_before, Opinion.Status.MERGED],
                              "merged_into": [None, str(keep.pk)]})
    keep.save(update_fields=["weight"])
    audit.record(actor=actor, action="opinions.opinion.merged_into", target=keep,
                 changes={"weight": [before, keep.weight],
                          "merged": [None, [str(d.pk) for d in folded]]})
    return keep


def clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise OpinionError(_("Say why the opinion is set aside (abusive, off-topic …)."),
                           code="reason")
    if len(reason) > MAX_REASON:
        raise OpinionError(_("The reason may be at most %(max)d characters.")
                           % {"max": MAX_REASON}, code="reason")
    return reason


@transaction.atomic
def set_aside(*, actor, opinion: Opinion, reason: str) -> Opinion:
    """Keep an abusive or off-topic opinion out of the figures and the feedback, with why."""
    opinion = _sortable(actor, opinion)
    reason = clean_reason(reason)
    before = opinion.status
    opinion.status, opinion.set_aside_reason = Opinion.Status.SET_ASIDE, reason
    opinion.save(update_fields=["status", "set_aside_reason"])
    audit.record(actor=actor, action="opinions.opinion.set_aside", target=opinion,
                 changes={"status": [before, opinion.status], "reason": [None, reason]})
    return opinion


@transaction.atomic
def restore_opinion(*, actor, opinion: Opinion) -> Opinion:
    """Undo a setting aside, or take a merged opinion back out of the one it was merged into
    (while that one is not yet fed back). It returns as sorted if it has a summary."""
    opinion = _locked(opinion)
    require(actor, "opinions.sort_opinion", opinion)
    running(opinion.campaign)
    before = opinion.status
    if before == Opinion.Status.MERGED:
        _unmerge(opinion)
    elif before != Opinion.Status.SET_ASIDE:
        raise OpinionError(_("Only an opinion set aside or merged can be restored."),
                           code="not_restorable")
    opinion.status = Opinion.Status.SORTED if opinion.summary else Opinion.Status.RECEIVED
    opinion.set_aside_reason, opinion.merged_into = "", None
    opinion.save(update_fields=["status", "set_aside_reason", "merged_into"])
    audit.record(actor=actor, action="opinions.opinion.restored", target=opinion,
                 changes={"status": [before, opinion.status]})
    return opinion


def _unmerge(opinion: Opinion) -> None:
    keep = Opinion.objects.select_for_update(of=("self",)).get(pk=opinion.merged_into_id)
    if keep.status not in SORTABLE:
        raise OpinionError(_("The opinion it was merged into is already %(status)s; it can no "
                             "longer be taken apart.") % {"status": keep.get_status_display()},
                           code="keep_released")
    keep.weight = max(keep.weight - opinion.weight, 1)
    keep.save(update_fields=["weight"])
