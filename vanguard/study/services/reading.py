"""The reading list: the campaign office sets it (or loads the seed plan's), members mark
what they have read, and each member's `study.reading` assignment follows the facts."""

from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Activity, Assignment, Campaign, Phase
from vanguard.campaigns.services import rollup
from vanguard.core import clock
from vanguard.people.models import Person
from vanguard.study.errors import StudyError
from vanguard.study.models import ReadingItem, ReadingMark, ReadingNote, Writing
from vanguard.study.services import progress

READING_KIND = "study.reading"
COUNTED = (Writing.Status.SUBMITTED, Writing.Status.ACCEPTED)

# 第一阶段 2: 认真学习《保持共产党员先进性教育读本》，重点学习党章、胡锦涛同志《…重要讲话》
# 以及近期中央、省委和市委领导就开展教育活动的有关讲话. The titles are the documents' own.
SEED_READINGS = [
    ("《保持共产党员先进性教育读本》", "", True),
    ("《中国共产党章程》", "", True),
    ("胡锦涛《在新时期保持共产党员先进性专题报告会上的重要讲话》", "", True),
    ("中央、省委和市委领导有关讲话", "近期就开展教育活动的有关讲话", False),
]


def require(actor, perm: str, obj=None) -> None:
    if not actor.has_perm(perm, obj):
        raise StudyError(_("You are not allowed to do this here."), code="forbidden")


def _running(campaign: Campaign) -> None:
    if campaign.state != Campaign.State.RUNNING:
        raise StudyError(_("The campaign is closed; its records can be read, not changed."),
                         code="closed")


def _clean_fields(title: str, source: str) -> tuple[str, str]:
    title, source = (title or "").strip(), (source or "").strip()
    if not title or len(title) > 200:
        raise StudyError(_("Give the reading a title of at most 200 characters."), code="title")
    if len(source) > 200:
        raise StudyError(_("The source may be at most 200 characters."), code="source")
    return title, source


def _title_taken(campaign: Campaign, title: str, *, other_than: int | None = None) -> None:
    if campaign.readings.filter(title=title).exclude(pk=other_than).exists():
        raise StudyError(_("The list already has a reading called %(title)s.")
                         % {"title": title}, code="duplicate")


@transaction.atomic
def add_reading(*, actor, campaign: Campaign, title: str, source: str = "",
                required: bool = True, order: int | None = None) -> ReadingItem:
    require(actor, "study.edit_reading_list", campaign)
    _running(campaign)
    title, source = _clean_fields(title, source)
    _title_taken(campaign, title)
    if order is None:
        order = campaign.readings.count()
    item = ReadingItem.objects.create(campaign=campaign, title=title, source=source,
                                      required=required, order=order)
    audit.record(actor=actor, action="study.reading.added", target=item,
                 changes={"title": [None, title], "required": [None, required]})
    if required:
        refresh_reading_for_campaign(campaign)
    return item


@transaction.atomic
def update_reading(*, actor, item: ReadingItem, title: str, source: str, required: bool,
                   order: int) -> ReadingItem:
    item = ReadingItem.objects.select_for_update(of=("self",)).select_related(
        "campaign__organization").get(pk=item.pk)
    require(actor, "study.edit_reading_list", item.campaign)
    _running(item.campaign)
    title, source = _clean_fields(title, source)
    _title_taken(item.campaign, title, other_than=item.pk)
    before = {"title": item.title, "source": item.source, "required": item.required,
              "order": item.order}
    after = {"title": title, "source": source, "required": required, "order": order}
    changes = audit.field_diff(before, after)
    if not changes:
        return item
    for key, value in after.items():
        setattr(item, key, value)
    item.save(update_fields=[*after, "updated_at"])
    audit.record(actor=actor, action="study.reading.updated", target=item, changes=changes)
    if "required" in changes:
        refresh_reading_for_campaign(item.campaign)
    return item


@transaction.atomic
def remove_reading(*, actor, item: ReadingItem) -> None:
    """Marks go with the reading; notes written on it stay, no longer linked to it."""
    item = ReadingItem.objects.select_related("campaign__organization").get(pk=item.pk)
    require(actor, "study.edit_reading_list", item.campaign)
    _running(item.campaign)
    audit.record(actor=actor, action="study.reading.removed", target=item,
                 changes={"title": [item.title, None]})
    campaign, required = item.campaign, item.required
    item.delete()
    if required:
        refresh_reading_for_campaign(campaign)


@transaction.atomic
def load_seed_readings(*, actor, campaign: Campaign) -> int:
    """The seed plan's list; readings already on the list (same title) are left as they are,
    so loading twice adds nothing."""
    require(actor, "study.edit_reading_list", campaign)
    _running(campaign)
    taken = set(campaign.readings.values_list("title", flat=True))
    start = campaign.readings.count()
    rows = [ReadingItem(campaign=campaign, title=title, source=source, required=required,
                        order=start + i)
            for i, (title, source, required) in enumerate(SEED_READINGS) if title not in taken]
    ReadingItem.objects.bulk_create(rows)
    audit.record(actor=actor, action="study.reading.seeded", target=campaign,
                 changes={"readings": [None, [r.title for r in rows]]})
    if any(r.required for r in rows):
        refresh_reading_for_campaign(campaign)
    return len(rows)


@transaction.atomic
def mark_read(*, actor, item: ReadingItem, read: bool = True) -> bool:
    """Mark (or unmark) a reading as read by the actor; marking twice changes nothing.
    Returns whether anything changed."""
    require(actor, "study.mark_reading")
    item = ReadingItem.objects.select_related("campaign").get(pk=item.pk)
    person = actor.person
    assignment = progress.assignment_for(person, item.campaign, READING_KIND)
    if assignment is None:
        raise StudyError(_("The reading list is not among your tasks in this campaign."),
                         code="not_assigned")
    _running(item.campaign)
    if assignment.activity.phase.state != Phase.State.OPEN:
        raise StudyError(_("This step's phase is not open, so reading cannot be marked now."),
                         code="phase_not_open")
    if read:
        changed = ReadingMark.objects.get_or_create(item=item, person=person)[1]
    else:
        changed = ReadingMark.objects.filter(item=item, person=person).delete()[0] > 0
    if changed:
        audit.record(actor=actor, action="study.reading.marked" if read else
                     "study.reading.unmarked", target=item,
                     changes={"read": [not read, read]})
        refresh_reading(person, item.campaign, assignment=assignment)
    return changed


def settings_of_activity(activity: Activity | None) -> tuple[int, int]:
    """(min_count, min_characters) from the activity's settings, as the template sets them."""
    values = (activity.settings or {}) if activity is not None else {}
    return int(values.get("min_count", 1)), int(values.get("min_characters", 0))


def settings_of(assignment: Assignment | None) -> tuple[int, int]:
    return settings_of_activity(assignment.activity if assignment is not None else None)


def reading_done(person: Person, campaign: Campaign, assignment: Assignment) -> bool:
    """Every required reading marked, and `min_count` counted notes of `min_characters`."""
    min_count, min_characters = settings_of(assignment)
    required = ReadingItem.objects.filter(campaign=campaign, required=True).count()
    read = ReadingMark.objects.filter(person=person, item__campaign=campaign,
                                      item__required=True).count()
    notes = ReadingNote.objects.filter(campaign=campaign, person=person, status__in=COUNTED,
                                       characters__gte=min_characters).count()
    return read == required and notes >= min_count


def refresh_reading(person: Person, campaign: Campaign, *,
                    assignment: Assignment | None = None) -> None:
    assignment = assignment or progress.assignment_for(person, campaign, READING_KIND)
    if assignment is not None:
        progress.mark(assignment, done=reading_done(person, campaign, assignment))


def _count(queryset) -> Subquery:
    return Coalesce(Subquery(queryset.values("person_id").annotate(n=Count("id"))
                             .values("n")[:1]), 0)


def refresh_reading_for_campaign(campaign: Campaign) -> None:
    """After the required list changes, every member's assignment again, set by set: two
    updates per plan, however many members there are (excused ones stay excused)."""
    required = campaign.readings.filter(required=True).count()
    now = clock.now()
    activities = list(Activity.objects.filter(kind=READING_KIND, plan__campaign=campaign)
                      .select_related("plan", "phase"))
    for activity in activities:
        min_count, min_characters = settings_of_activity(activity)
        facts = Assignment.objects.filter(activity=activity).annotate(
            read=_count(ReadingMark.objects.filter(
                person=OuterRef("person_id"), item__campaign=campaign, item__required=True)),
            notes=_count(ReadingNote.objects.filter(
                person=OuterRef("person_id"), campaign=campaign, status__in=COUNTED,
                characters__gte=min_characters)))
        done = Q(read=required, notes__gte=min_count)
        Assignment.objects.filter(pk__in=facts.filter(done, status=Assignment.Status.PENDING)
                                  .values("pk")).update(status=Assignment.Status.DONE,
                                                        done_at=now, updated_at=now)
        Assignment.objects.filter(pk__in=facts.filter(~done, status=Assignment.Status.DONE)
                                  .values("pk")).update(status=Assignment.Status.PENDING,
                                                        done_at=None, updated_at=now)
    # The set-wise updates went around rollup.set_status: recount these activities.
    rollup.refresh_activities(activities)
