"""Keeping a member's phase 1 assignment in step with the facts behind it."""

from vanguard.campaigns.models import Assignment, Campaign
from vanguard.campaigns.services import rollup
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
    rollup.set_status(assignment, Assignment.Status.DONE if done else Assignment.Status.PENDING)
