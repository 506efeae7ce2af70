"""Assignments: made from each activity's kind, and marked done by the person or for them."""

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns import registry
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import Assignment, Phase, Plan
from vanguard.campaigns.services import rollup


def create_assignments_for_plan(plan: Plan) -> int:
    """Ask each activity's kind for its assignments, then count them into the roll-up; safe
    to call again (no duplicates)."""
    made = 0
    for activity in plan.activities.select_related("plan__organization", "phase"):
        made += registry.get(activity.kind).create_assignments(activity)
        rollup.refresh_activity(activity)
    return made


@transaction.atomic
def complete_task(*, actor, assignment: Assignment, note: str = "") -> Assignment:
    """Mark a `campaigns.task` assignment done: by its person, or by a secretary for them."""
    assignment = Assignment.objects.select_for_update(of=("self",)).select_related(
        "activity__phase", "person").get(pk=assignment.pk)
    own = getattr(actor, "person", None) == assignment.person
    if not own and not actor.has_perm("meetings.record_attendance", assignment):
        raise CampaignError(_("You are not allowed to do this here."), code="forbidden")
    if assignment.activity.kind != "campaigns.task":
        raise CampaignError(_("This task is completed on its own page, not by a tick."),
                            code="wrong_kind")
    if assignment.activity.phase.state != Phase.State.OPEN:
        raise CampaignError(_("This step's phase is not open, so it cannot be marked done."),
                            code="phase_not_open")
    if assignment.status == Assignment.Status.DONE:
        raise CampaignError(_("This task is already done."), code="already_done")
    before = {"status": assignment.status, "note": assignment.note}
    assignment.note = note[:500]
    assignment.save(update_fields=["note", "updated_at"])
    rollup.set_status(assignment, Assignment.Status.DONE)
    audit.record(actor=actor, action="campaigns.assignment.completed", target=assignment,
                 changes=audit.field_diff(before, {"status": assignment.status,
                                                   "note": assignment.note}))
    return assignment
