"""Keeping a member's phase 1 assignment in step with the facts behind it."""

from vanguard.campaigns.models import Assignment, Campaign
from vanguard.core import clock
from vanguard.people.models import Person


def assignment_for(person: Person, campaign: Campaign, kind: str) -> Assignment | None:
    """The person's assignment for the campaign's activity of `kind` (their plan's)."""
    return (Assignment.objects.filter(person=person, activity__kind=kind,
                                      activity__plan__campaign=campaign)
            .select_related("activity").first())


def mark(assignment: Assignment | None, *, done: bool) -> None:
    """Set done / pending from the facts; an excused assignment stays excused."""
    if assignment is None or assignment.status == Assignment.Status.EXCUSED:
        return
    status = Assignment.Status.DONE if done else Assignment.Status.PENDING
    if assignment.status != status:
        assignment.status = status
        assignment.done_at = clock.now() if done else None
        assignment.save(update_fields=["status", "done_at", "updated_at"])
