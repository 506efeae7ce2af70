"""The progress roll-up: counts of required and done tasks per activity and branch.

Every change of a task's status goes through `set_status`, which moves the counters in the
same transaction; `refresh_activity` recounts one activity from its tasks (after tasks are
made), and `differences` compares every counter with a fresh count.
"""

from django.db import transaction
from django.db.models import Count, F, Q

from vanguard.campaigns.models import Activity, Assignment, Campaign, ProgressCount
from vanguard.core import clock

COUNTED = Q(required=True) & ~Q(status=Assignment.Status.EXCUSED)


def _fresh_counts(assignments):
    return (assignments.filter(required=True).values("activity_id", "organization_id")
            .annotate(required=Count("id", filter=~Q(status=Assignment.Status.EXCUSED)),
                      done=Count("id", filter=Q(status=Assignment.Status.DONE)))
            .order_by())


def refresh_activity(activity: Activity) -> None:
    """Recount one activity's counters from its tasks."""
    refresh_activities([activity])


@transaction.atomic
def refresh_activities(activities: list[Activity]) -> None:
    """Recount the counters of `activities` (with plan and phase loaded) in three queries,
    however many there are: a delete, one aggregate, one bulk insert."""
    by_pk = {a.pk: a for a in activities}
    ProgressCount.objects.filter(activity_id__in=by_pk).delete()
    ProgressCount.objects.bulk_create([
        ProgressCount(campaign_id=by_pk[c["activity_id"]].plan.campaign_id,
                      activity_id=c["activity_id"], organization_id=c["organization_id"],
                      activity_key=by_pk[c["activity_id"]].key,
                      phase_key=by_pk[c["activity_id"]].phase.key,
                      required=c["required"], done=c["done"])
        for c in _fresh_counts(Assignment.objects.filter(activity_id__in=by_pk))
    ], batch_size=2000)


def set_status(assignment: Assignment, status: str) -> Assignment:
    """The one way a task's status changes: the row and its counter move together."""
    before = assignment.status
    if before == status:
        return assignment
    assignment.status = status
    assignment.done_at = clock.now() if status == Assignment.Status.DONE else None
    assignment.save(update_fields=["status", "done_at", "updated_at"])
    if assignment.required:
        required = _counts_as_required(status) - _counts_as_required(before)
        done = (status == Assignment.Status.DONE) - (before == Assignment.Status.DONE)
        ProgressCount.objects.filter(activity_id=assignment.activity_id,
                                     organization_id=assignment.organization_id).update(
            required=F("required") + required, done=F("done") + done)
    return assignment


@transaction.atomic
def set_statuses(assignments: list[Assignment], status: str) -> int:
    """Many tasks to one status at once (an import, a recount): one update of the tasks,
    then a recount of just the counters they touch. Excused tasks are left as they are."""
    moving = [a for a in assignments if a.status not in (status, Assignment.Status.EXCUSED)]
    if not moving:
        return 0
    now = clock.now()
    Assignment.objects.filter(pk__in=[a.pk for a in moving]).update(
        status=status, done_at=now if status == Assignment.Status.DONE else None,
        updated_at=now)
    for assignment in moving:
        assignment.status = status
    pairs = {(a.activity_id, a.organization_id) for a in moving}
    activities = {a for a, _ in pairs}
    organizations = {o for _, o in pairs}
    touched = Assignment.objects.filter(activity_id__in=activities,
                                        organization_id__in=organizations)
    for c in _fresh_counts(touched):
        if (c["activity_id"], c["organization_id"]) in pairs:
            ProgressCount.objects.filter(activity_id=c["activity_id"],
                                         organization_id=c["organization_id"]).update(
                required=c["required"], done=c["done"])
    return len(moving)


def _counts_as_required(status: str) -> int:
    return int(status != Assignment.Status.EXCUSED)


def differences(campaign: Campaign) -> list[tuple[int, int, tuple, tuple]]:
    """(activity, organization, counted, recorded) wherever a counter disagrees."""
    fresh = {(c["activity_id"], c["organization_id"]): (c["required"], c["done"])
             for c in _fresh_counts(Assignment.objects.filter(
                 activity__plan__campaign=campaign))}
    kept = {(c.activity_id, c.organization_id): (c.required, c.done)
            for c in ProgressCount.objects.filter(campaign=campaign)}
    return [(a, o, fresh.get((a, o), (0, 0)), kept.get((a, o), (0, 0)))
            for a, o in sorted(set(fresh) | set(kept))
            if fresh.get((a, o), (0, 0)) != kept.get((a, o), (0, 0))]
