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


@transaction.atomic
def refresh_activity(activity: Activity) -> None:
    """Recount one activity's counters from its tasks (one aggregate, one bulk insert)."""
    ProgressCount.objects.filter(activity=activity).delete()
    ProgressCount.objects.bulk_create([
        ProgressCount(campaign_id=activity.plan.campaign_id, activity_id=activity.pk,
                      organization_id=c["organization_id"], activity_key=activity.key,
                      phase_key=activity.phase.key, required=c["required"], done=c["done"])
        for c in _fresh_counts(Assignment.objects.filter(activity=activity))
    ])


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
