"""A lower level's plan: adjusted, extended, submitted, then approved or returned from above."""

import datetime as dt
import re

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns import registry
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import Activity, Phase, Plan
from vanguard.campaigns.services import calendar
from vanguard.campaigns.services.permissions import require
from vanguard.campaigns.services.phases import open_due_phases
from vanguard.campaigns.services.tasks import create_assignments_for_plan
from vanguard.core import clock

DateRange = tuple[dt.date, dt.date]


def plan_window(plan: Plan) -> DateRange:
    if plan.batch_id:
        return plan.batch.starts_on, plan.batch.ends_on
    return plan.campaign.starts_on, plan.campaign.ends_on


def _locked(plan: Plan, version: int | None) -> Plan:
    """The plan row, locked; refused if someone saved it since `version` was read."""
    current = Plan.objects.select_for_update(of=("self",)).select_related(
        "campaign", "batch", "organization").get(pk=plan.pk)
    if version is not None and current.version != version:
        raise CampaignError(
            _("Someone else saved this plan while you were editing it. Your changes were not "
              "saved; reload the page to see theirs, then make yours again."), code="stale")
    return current


def _bump(plan: Plan, fields: list[str]) -> None:
    plan.version += 1
    plan.save(update_fields=[*fields, "version", "updated_at"])


@transaction.atomic
def update_plan(*, actor, plan: Plan, version: int | None, title: str, preamble: str,
                phase_dates: dict[str, DateRange],
                activity_dates: dict[str, DateRange], override_exam: bool = False,
                override_reason: str = "") -> Plan:
    """Adjust a draft's title, preamble and dates ("结合实际"); every date stays in the window,
    and a step moved to start or fall due in an exam period needs the override and a reason."""
    plan = _locked(plan, version)
    require(actor, "campaigns.edit_plan", plan)
    title = title.strip()
    if not title:
        raise CampaignError(_("The plan needs a title."), code="no_title")
    phases = {p.key: p for p in plan.phases.all()}
    activities = {a.key: a for a in plan.activities.all()}
    for key, (start, end) in phase_dates.items():
        phases[key].starts_on, phases[key].ends_on = start, end
    moved = []
    for key, (start, end) in activity_dates.items():
        activity = activities[key]
        moved += [d for d, old in ((start, activity.starts_on), (end, activity.due_on))
                  if d != old]
        activity.starts_on, activity.due_on = start, end
    _check_dates(plan, list(phases.values()), list(activities.values()), phases)
    # Only the dates this edit moves are checked: a date the plan above set stays as it was.
    override = calendar.check_exam_dates(plan.organization, moved, override=override_exam,
                                         reason=override_reason)
    changes = audit.field_diff({"title": plan.title, "preamble": plan.preamble},
                               {"title": title, "preamble": preamble})
    plan.title, plan.preamble = title, preamble
    for phase in phases.values():
        if phase.key in phase_dates:
            phase.save(update_fields=["starts_on", "ends_on", "updated_at"])
    for activity in activities.values():
        if activity.key in activity_dates:
            activity.save(update_fields=["starts_on", "due_on", "updated_at"])
    _bump(plan, ["title", "preamble"])
    changes["dates"] = [None, {k: [str(a), str(b)] for k, (a, b) in
                               {**phase_dates, **activity_dates}.items()}]
    if override:
        changes["exam_override"] = [None, override]
    audit.record(actor=actor, action="campaigns.plan.updated", target=plan, changes=changes)
    return plan


def _check_dates(plan, phases, activities, by_key) -> None:
    first, last = plan_window(plan)
    for phase in phases:
        if phase.ends_on < phase.starts_on:
            raise CampaignError(_("%(name)s ends before it starts.") % {"name": phase.name},
                                code="dates_reversed")
        if phase.starts_on < first or phase.ends_on > last:
            raise CampaignError(
                _("%(name)s must lie within the campaign, %(first)s to %(last)s.")
                % {"name": phase.name, "first": first, "last": last}, code="outside_campaign")
    in_sequence = sorted((p for p in phases if p.kind == Phase.Kind.PHASE), key=lambda p: p.order)
    for before, after in zip(in_sequence, in_sequence[1:], strict=False):
        if after.starts_on <= before.ends_on:
            raise CampaignError(_("%(after)s must start after %(before)s ends.")
                                % {"after": after.name, "before": before.name}, code="overlap")
    phase_of = {p.pk: p for p in by_key.values()}
    for activity in activities:
        phase = phase_of[activity.phase_id]
        if activity.due_on < activity.starts_on:
            raise CampaignError(_("%(name)s is due before it starts.") % {"name": activity.name},
                                code="dates_reversed")
        if activity.starts_on < phase.starts_on or activity.due_on > phase.ends_on:
            raise CampaignError(
                _("%(name)s must lie within its phase, %(first)s to %(last)s.")
                % {"name": activity.name, "first": phase.starts_on, "last": phase.ends_on},
                code="outside_phase")


@transaction.atomic
def add_activity(*, actor, plan: Plan, phase: Phase, kind: str, name: str,
                 starts_on: dt.date, due_on: dt.date, description: str = "",
                 override_exam: bool = False, override_reason: str = "") -> Activity:
    """A step the school adds to its own plan; it is not required from above. Starting or
    falling due in an exam period needs the override and a reason."""
    plan = _locked(plan, None)
    require(actor, "campaigns.edit_plan", plan)
    if phase.plan_id != plan.pk:
        raise CampaignError(_("That phase belongs to another plan."), code="wrong_phase")
    if kind not in registry.keys():
        raise CampaignError(_("Unknown activity kind."), code="unknown_kind")
    name = name.strip()
    if not name or len(name) > 120:
        raise CampaignError(_("Give the step a name of at most 120 characters."), code="name")
    activity = Activity(plan=plan, phase=phase, kind=kind, name=name, description=description,
                        starts_on=starts_on, due_on=due_on, required=False,
                        order=plan.activities.filter(phase=phase).count(),
                        key=_free_key(plan, name))
    _check_dates(plan, [phase], [activity], {phase.key: phase})
    override = calendar.check_exam_dates(plan.organization, [starts_on, due_on],
                                         override=override_exam, reason=override_reason)
    activity.save()
    _bump(plan, [])
    changes = {"name": [None, name], "kind": [None, kind],
               "dates": [None, [str(starts_on), str(due_on)]]}
    if override:
        changes["exam_override"] = [None, override]
    audit.record(actor=actor, action="campaigns.activity.added", target=activity,
                 changes=changes)
    return activity


def _free_key(plan: Plan, name: str) -> str:
    taken = set(plan.activities.values_list("key", flat=True))
    stem = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:30] or "step"
    stem = stem if stem[0].isalpha() else f"step_{stem}"
    key, n = f"local_{stem}", 2
    while key in taken:
        key, n = f"local_{stem}_{n}", n + 1
    return key


@transaction.atomic
def remove_activity(*, actor, activity: Activity) -> None:
    plan = _locked(activity.plan, None)
    require(actor, "campaigns.edit_plan", plan)
    if activity.required:
        raise CampaignError(_("%(name)s is required by the plan above and cannot be dropped.")
                            % {"name": activity.name}, code="required")
    audit.record(actor=actor, action="campaigns.activity.removed", target=activity,
                 changes={"name": [activity.name, None]})
    activity.delete()
    _bump(plan, [])


@transaction.atomic
def submit_plan(*, actor, plan: Plan) -> Plan:
    plan = _locked(plan, None)
    require(actor, "campaigns.submit_plan", plan)
    _check_dates(plan, list(plan.phases.all()), list(plan.activities.all()),
                 {p.key: p for p in plan.phases.all()})
    before = plan.status
    plan.status, plan.submitted_at, plan.return_reason = Plan.Status.SUBMITTED, clock.now(), ""
    _bump(plan, ["status", "submitted_at", "return_reason"])
    audit.record(actor=actor, action="campaigns.plan.submitted", target=plan,
                 changes={"status": [before, plan.status]})
    return plan


@transaction.atomic
def approve_plan(*, actor, plan: Plan) -> Plan:
    """The superior's office approves: the plan's tasks are made and due phases open."""
    plan = _locked(plan, None)
    require(actor, "campaigns.decide_plan", plan)
    plan.status, plan.decided_at = Plan.Status.APPROVED, clock.now()
    _bump(plan, ["status", "decided_at"])
    audit.record(actor=actor, action="campaigns.plan.approved", target=plan,
                 changes={"status": [Plan.Status.SUBMITTED, Plan.Status.APPROVED]})
    create_assignments_for_plan(plan)
    open_due_phases(plan)
    return plan


@transaction.atomic
def return_plan(*, actor, plan: Plan, reason: str) -> Plan:
    plan = _locked(plan, None)
    require(actor, "campaigns.decide_plan", plan)
    reason = reason.strip()
    if len(reason) < 5:
        raise CampaignError(_("Say why the plan is returned (at least 5 characters)."),
                            code="no_reason")
    plan.status, plan.decided_at, plan.return_reason = Plan.Status.RETURNED, clock.now(), reason
    _bump(plan, ["status", "decided_at", "return_reason"])
    audit.record(actor=actor, action="campaigns.plan.returned", target=plan,
                 changes={"status": [Plan.Status.SUBMITTED, Plan.Status.RETURNED],
                          "return_reason": [None, reason]})
    return plan
