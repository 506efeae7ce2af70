"""Every permission in one place: predicates over a user and an object, composed with & and |.

Names follow `app.verb_noun`. Objects are the organization the question is about, or a
record that has one; supervisors read a subtree and never write.
"""

import rules

from vanguard.access import scope
from vanguard.access.models import Role

K = Role.Kind


def _org(obj):
    """The organization a record belongs to (a plan's, a phase's plan's, a meeting's …)."""
    for attr in ("organization", "plan", "campaign"):
        if obj is not None and hasattr(obj, attr) and not hasattr(obj, "path"):
            return _org(getattr(obj, attr))
    return obj


def _holds(*kinds):
    @rules.predicate(name=f"holds_{'_or_'.join(kinds)}")
    def predicate(user, obj):
        return scope.holds(user, kinds, _org(obj))

    return predicate


is_admin = rules.predicate(scope.is_admin, name="is_admin")
is_office = _holds(K.OFFICE)
is_secretary = _holds(K.SECRETARY)
is_supervisor = _holds(K.SUPERVISOR)
is_leader = _holds(K.LEADER)


@rules.predicate
def covers_viewer(user, obj):
    """The record belongs to a node above one the user reads at (their school's plan)."""
    return scope.covers(user, scope.READERS, _org(obj))


@rules.predicate
def is_superior_office(user, plan):
    """The office one level up: holds office strictly above the plan's organization."""
    return scope.holds_strictly_above(user, (K.OFFICE,), plan.organization)


@rules.predicate
def plan_is_editable(user, plan):
    return plan.editable


@rules.predicate
def plan_is_submitted(user, plan):
    return plan.status == plan.Status.SUBMITTED


@rules.predicate
def has_person(user):
    return getattr(user, "is_authenticated", False) and hasattr(user, "person")


reads_org = is_admin | is_office | is_secretary | is_supervisor | is_leader
runs_org = is_admin | is_office | is_secretary

rules.add_perm("people.view_organization", reads_org)
rules.add_perm("people.import_roster", is_admin | is_office | is_secretary)
rules.add_perm("people.export_roster", reads_org)
# The full ID number: only the office (or the admin) of the person's organization; audited.
rules.add_perm("people.view_id_number", is_admin | is_office)
rules.add_perm("campaigns.launch_campaign", is_admin | is_office)
rules.add_perm("campaigns.view_plan", reads_org | covers_viewer)
rules.add_perm("campaigns.edit_plan", (is_admin | is_office) & plan_is_editable)
rules.add_perm("campaigns.submit_plan", (is_admin | is_office) & plan_is_editable)
rules.add_perm("campaigns.decide_plan", (is_admin | is_superior_office) & plan_is_submitted)
rules.add_perm("campaigns.close_phase", is_admin | is_office)
rules.add_perm("campaigns.view_progress", reads_org)
rules.add_perm("campaigns.view_tasks", has_person)
rules.add_perm("campaigns.complete_task", has_person)
rules.add_perm("meetings.view_meeting", reads_org | covers_viewer)
rules.add_perm("meetings.record_attendance", runs_org)
# The audit log spans every organization: only the platform admin reads it whole.
rules.add_perm("access.view_audit", is_admin)
