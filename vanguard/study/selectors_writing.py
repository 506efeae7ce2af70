"""Reads for the reading list and writing pages, scoped to the viewer, each page a fixed
number of queries however many readings, notes and members there are."""

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Count, Exists, OuterRef, Q, Value
from django.http import Http404

from vanguard.access import scope
from vanguard.campaigns import selectors as campaign_selectors
from vanguard.campaigns.models import Assignment, Campaign
from vanguard.study.models import ReadingItem, ReadingMark, ReadingNote, Reflection, Writing
from vanguard.study.services.reading import COUNTED, READING_KIND, settings_of
from vanguard.study.services.writing import KINDS

REVIEW_STATUSES = (Writing.Status.SUBMITTED, Writing.Status.RETURNED, Writing.Status.ACCEPTED)


def person_of(viewer):
    """The viewer's person; pages of one's own reading and writing need one (403 without)."""
    person = getattr(viewer, "person", None) if viewer.is_authenticated else None
    if person is None:
        raise PermissionDenied
    return person


def get_member_campaign_for(viewer, pk) -> Campaign:
    """A campaign in which the viewer has tasks; 404 otherwise (and for a missing one)."""
    person = person_of(viewer)
    mine = Assignment.objects.filter(person=person, activity__plan__campaign=OuterRef("pk"))
    campaign = Campaign.objects.filter(Exists(mine), pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def get_reader_campaign_for(viewer, pk) -> Campaign:
    """A campaign with a plan in the viewer's reading scope (offices, secretaries …)."""
    return campaign_selectors.get_campaign_for(viewer, pk)


def study_assignments(person, campaign) -> dict[str, Assignment]:
    """The person's reading and reflection assignments in the campaign, by kind: one query."""
    rows = Assignment.objects.filter(
        person=person, activity__plan__campaign=campaign,
        activity__kind__in=[READING_KIND, KINDS["reflection"].activity_kind],
    ).select_related("activity__phase")
    return {a.activity.kind: a for a in rows}


def readings_with_marks(campaign, person):
    """The campaign's list, each item with `is_read` for the person: one query."""
    return campaign.readings.annotate(is_read=Exists(ReadingMark.objects.filter(
        item=OuterRef("pk"), person=person)))


def reading_items(campaign):
    """The list for its editor, with how many people have marked each read: one query."""
    return campaign.readings.annotate(read_by=Count("marks"))


def own_writings(person, campaign, kind: str):
    model = KINDS[kind].model
    rows = model.objects.filter(person=person, campaign=campaign).defer("body")
    return rows.select_related("item") if model is ReadingNote else rows


def tally(writings, assignment: Assignment | None) -> dict:
    """What the page shows against the plan's minimums: counted pieces and what is missing."""
    min_count, min_characters = settings_of(assignment)
    counted = sum(1 for w in writings
                  if w.status in COUNTED and w.characters >= min_characters)
    return {"min_count": min_count, "min_characters": min_characters, "counted": counted,
            "missing": max(min_count - counted, 0)}


def _writing_rows(kind: str):
    model = KINDS[kind].model
    return model.objects.select_related("person", "organization", "campaign",
                                        "reviewed_by__person",
                                        *(["item"] if model is ReadingNote else []))


def get_writing_for(viewer, kind: str, pk) -> Writing:
    """The piece if the viewer may read it (its author; readers of its branch once it is
    handed in); 404 for missing and for not theirs alike."""
    if kind not in KINDS:
        raise Http404
    writing = _writing_rows(kind).filter(pk=pk).first()
    if writing is None or not viewer.has_perm("study.view_writing", writing):
        raise Http404
    return writing


def get_own_writing_for(viewer, kind: str, pk) -> Writing:
    if kind not in KINDS:
        raise Http404
    writing = _writing_rows(kind).filter(pk=pk).first()
    if writing is None or not viewer.has_perm("study.write_writing", writing):
        raise Http404
    return writing


def _handed_in(viewer, campaign, model):
    rows = model.objects.filter(scope.subtree_filter(viewer, scope.READERS, "organization__"),
                                campaign=campaign, status__in=REVIEW_STATUSES)
    person = getattr(viewer, "person", None)
    # One's own work is reviewed by someone above, not in one's own queue.
    return rows.exclude(person=person) if person is not None else rows


def review_queue(viewer, campaign, *, status: str = "", kind: str = ""):
    """Handed-in notes and reflections of the viewer's branches (or subtree), newest first,
    as dicts for the table: one query for a page (plus Paginator's count)."""
    parts = []
    for key in ("note", "reflection"):
        if kind and kind != key:
            continue
        rows = _handed_in(viewer, campaign, KINDS[key].model)
        if status:
            rows = rows.filter(status=status)
        parts.append(rows.annotate(kind=Value(key, output_field=CharField())).values(
            "kind", "pk", "title", "status", "characters", "submitted_at", "person__name",
            "organization__name").order_by())
    if len(parts) == 1:
        return parts[0].order_by("-submitted_at", "-pk")
    return parts[0].union(parts[1], all=True).order_by("-submitted_at", "-pk")


def review_counts(viewer, campaign) -> dict[str, int]:
    """How many pieces wait, were returned, were accepted, across both kinds: two queries."""
    counts = dict.fromkeys(REVIEW_STATUSES, 0)
    for model in (ReadingNote, Reflection):
        got = _handed_in(viewer, campaign, model).aggregate(
            **{s: Count("id", filter=Q(status=s)) for s in REVIEW_STATUSES})
        for key, value in got.items():
            counts[key] += value
    return counts


def campaign_readings(campaign) -> list[ReadingItem]:
    return list(campaign.readings.only("id", "title", "required", "order", "campaign_id"))
