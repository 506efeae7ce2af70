"""Every write that matters in campaigns: launch, plans, phases and gates, tasks."""

from vanguard.campaigns.services.launch import launch_campaign
from vanguard.campaigns.services.phases import advance_phases, close_phase, open_phase
from vanguard.campaigns.services.plans import (
    add_activity,
    approve_plan,
    remove_activity,
    return_plan,
    submit_plan,
    update_plan,
)
from vanguard.campaigns.services.tasks import complete_task, create_assignments_for_plan

__all__ = [
    "add_activity", "advance_phases", "approve_plan", "close_phase", "complete_task",
    "create_assignments_for_plan", "launch_campaign", "open_phase", "remove_activity",
    "return_plan", "submit_plan", "update_plan",
]
