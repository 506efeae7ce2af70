"""The seed campaign as a launch leaves it: the campaign and the root plan made by the launch
service's own pieces, each school's plan derived from it (approved, first phase open), and
every task with the status the school's work gives it."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from bench import texts
from vanguard.access.models import AuditEntry
from vanguard.campaigns import builtin
from vanguard.campaigns.models import (
    Activity,
    Assignment,
    Campaign,
    CampaignTemplate,
    Phase,
    Plan,
)
from vanguard.campaigns.services.launch import build_stages
from vanguard.study.models import ReadingItem

TEMPLATE = "advanced-nature-2005"
FIRST_PHASE = "mobilize"
# Kinds whose `create_assignments` makes no personal task: progress counts schools or records.
NO_TASKS = ("rectification.disclosure", "assessments.satisfaction", "reports.summary")
# Phase 1's tasks of a member, each decided by the school's records (bench.study).
MEMBER_WORK = ("mobilization_meeting", "organized_study", "reading_notes", "reflection",
               "big_discussion")


@dataclass
class ActivityCopy:
    id: int
    key: str
    kind: str
    due_on: dt.date
    who: str  # members, secretaries or leaders (the activity's audience)


@dataclass
class CampaignInfo:
    id: int
    name: str
    root_plan_id: int
    preamble: str
    phases: list[Phase]
    activities: list[Activity]
    readings: list[tuple[int, bool]]  # (item id, required)
    settings: dict[str, dict] = field(default_factory=dict)  # activity key -> settings


def launch(g, root_id: int, office_user_id: int, office_login: str) -> CampaignInfo:
    """The campaign and its root plan, as `launch_campaign` makes them (a few ORM writes)."""
    builtin.sync_builtin_templates()
    template = CampaignTemplate.objects.get(key=TEMPLATE)
    spec = builtin.parse(template.source)
    campaign = Campaign.objects.create(
        name=spec.name, template=template, template_source=template.source,
        organization_id=root_id, starts_on=g.starts_on,
        ends_on=g.starts_on + dt.timedelta(days=spec.total_days - 1),
        figures={r.key: str(r.value) for r in spec.requirements},
        launched_by_id=office_user_id)
    root = Plan.objects.create(campaign=campaign, organization_id=root_id, title=campaign.name,
                               status=Plan.Status.APPROVED, preamble=spec.description,
                               decided_at=g.at(0, 9))
    build_stages(root, spec, g.starts_on)
    Phase.objects.filter(plan=root, key=FIRST_PHASE).update(state=Phase.State.OPEN,
                                                            opened_at=g.at(0, 0))
    readings = ReadingItem.objects.bulk_create([
        ReadingItem(campaign=campaign, title=title, source=source, required=required, order=i)
        for i, (title, source, required) in enumerate(texts.READINGS)])
    AuditEntry.objects.create(actor_id=office_user_id, actor_label=office_login,
                              action="campaigns.campaign.launched",
                              target_type="campaigns.campaign", target_id=str(campaign.pk),
                              target_label=campaign.name, changes={"template": [None, TEMPLATE]})
    activities = list(root.activities.select_related("phase").order_by("phase__kind",
                                                                       "phase__order", "order"))
    return CampaignInfo(
        id=campaign.pk, name=campaign.name, root_plan_id=root.pk, preamble=root.preamble,
        phases=list(root.phases.order_by("kind", "order")), activities=activities,
        readings=[(r.pk, r.required) for r in readings],
        settings={a.key: a.settings for a in activities})


def open_tables(g) -> None:
    g.sink.table(Plan, ["id", "campaign_id", "organization_id", "derived_from_id", "title",
                        "preamble", "status", "submitted_at", "decided_at", "version"])
    g.sink.table(Phase, ["id", "plan_id", "key", "name", "kind", "order", "starts_on",
                         "ends_on", "state", "gate", "opened_at"])
    g.sink.table(Activity, ["id", "plan_id", "phase_id", "key", "kind", "name", "description",
                            "required", "starts_on", "due_on", "settings", "order"])
    g.sink.table(Assignment, ["id", "activity_id", "person_id", "organization_id", "required",
                              "due_on", "status", "done_at"])


def add_plan(g, c: CampaignInfo, people) -> dict[str, ActivityCopy]:
    """The school's plan, derived from the root plan (as `derive_plan` copies it), submitted
    and approved in the campaign's first days; its first phase is open."""
    plan_id = g.sink.next_id(Plan)
    g.sink.tables[Plan].add(plan_id, c.id, people.top.id, c.root_plan_id,
                            f"{people.top.name}开展{c.name}的实施方案", c.preamble,
                            Plan.Status.APPROVED, g.at(1, 10), g.at(1, 16), 3)
    phase_ids = {}
    for phase in c.phases:
        phase_ids[phase.pk] = g.sink.next_id(Phase)
        opened = phase.key == FIRST_PHASE
        g.sink.tables[Phase].add(phase_ids[phase.pk], plan_id, phase.key, phase.name, phase.kind,
                                 phase.order, phase.starts_on, phase.ends_on,
                                 Phase.State.OPEN if opened else Phase.State.PENDING,
                                 phase.gate, g.at(1, 16) if opened else None)
    copies = {}
    for a in c.activities:
        activity_id = g.sink.next_id(Activity)
        g.sink.tables[Activity].add(activity_id, plan_id, phase_ids[a.phase_id], a.key, a.kind,
                                    a.name, a.description, a.required, a.starts_on, a.due_on,
                                    a.settings, a.order)
        copies[a.key] = ActivityCopy(activity_id, a.key, a.kind, a.due_on,
                                     (a.settings or {}).get("who", "members"))
    for action, before, after, hour in (("submitted", "draft", "submitted", 10),
                                        ("approved", "submitted", "approved", 16)):
        g.audit(people.office_user_id, f"office-{people.code}", f"campaigns.plan.{action}",
                "campaigns.plan", plan_id, f"{people.top.name}的实施方案",
                {"status": [before, after]}, g.at(1, hour))
    return copies


def add_assignments(g, people, plan: dict[str, ActivityCopy], outcomes: dict) -> None:
    """Every task of the school's plan, for the audience its activity names (as
    `campaigns.audience` chooses it); phase 1's member tasks carry the school's progress."""
    audiences = {
        "members": [(m.person_id, m.branch.id) for m in people.members],
        "secretaries": people.secretaries,
        "leaders": people.leaders,
    }
    table = g.sink.tables[Assignment]
    for key, activity in plan.items():
        if activity.kind in NO_TASKS:
            continue
        for person_id, org_id in audiences[activity.who]:
            status, done_at, assignment_id = outcomes.get(person_id, {}).get(
                key, (Assignment.Status.PENDING, None, None))
            table.add(assignment_id or g.sink.next_id(Assignment), activity.id, person_id,
                      org_id, True, activity.due_on, status, done_at)
        if activity.kind == "meetings.mobilization":  # activists are invited, not required
            for person_id, org_id in people.activists:
                status, done_at, assignment_id = outcomes[person_id][key]
                table.add(assignment_id, activity.id, person_id, org_id, False,
                          activity.due_on, status, done_at)


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
