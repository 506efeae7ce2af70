"""Launching a campaign: the template becomes a campaign, its plan, and each school's draft."""

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns import builtin
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import Activity, Batch, Campaign, CampaignTemplate, Phase, Plan
from vanguard.campaigns.services.permissions import require
from vanguard.campaigns.services.phases import open_due_phases
from vanguard.campaigns.services.tasks import create_assignments_for_plan
from vanguard.campaigns.template_spec import TemplateError, TemplateSpec
from vanguard.people.models import Organization


@transaction.atomic
def launch_campaign(*, actor, template_key: str, organization: Organization,
                    starts_on: dt.date, name: str = "") -> Campaign:
    require(actor, "campaigns.launch_campaign", organization)
    builtin.sync_builtin_templates()
    template = CampaignTemplate.objects.filter(key=template_key).first()
    if template is None:
        raise CampaignError(_("There is no campaign template with the key %(key)s.")
                            % {"key": template_key}, code="unknown_template")
    if Campaign.objects.filter(organization=organization, template=template,
                               state=Campaign.State.RUNNING).exists():
        raise CampaignError(_("%(org)s already runs this campaign.") % {"org": organization},
                            code="already_running")
    try:
        spec = builtin.parse(template.source)
    except TemplateError as exc:
        raise CampaignError(_("The template is not valid: %(errors)s")
                            % {"errors": "; ".join(exc.lines())}, code="bad_template") from None
    last_offset = max((b.offset_days for b in spec.batches), default=0)
    campaign = Campaign.objects.create(
        name=name or spec.name, template=template, template_source=template.source,
        organization=organization, starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=last_offset + spec.total_days - 1),
        figures={r.key: str(r.value) for r in spec.requirements},
        launched_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    batches = [Batch.objects.create(
        campaign=campaign, key=b.key, name=b.name,
        starts_on=starts_on + dt.timedelta(days=b.offset_days),
        ends_on=starts_on + dt.timedelta(days=b.offset_days + spec.total_days - 1),
    ) for b in spec.batches]
    root = Plan.objects.create(campaign=campaign, organization=organization, title=campaign.name,
                               status=Plan.Status.APPROVED, preamble=spec.description)
    build_stages(root, spec, starts_on)
    for school_org in school_organizations(organization):
        derive_plan(root, school_org, batch=batches[0] if batches else None)
    create_assignments_for_plan(root)
    open_due_phases(root)
    audit.record(actor=actor, action="campaigns.campaign.launched", target=campaign,
                 changes={"template": [None, template.key],
                          "organization": [None, organization.code],
                          "starts_on": [None, str(starts_on)]})
    return campaign


def school_organizations(organization: Organization) -> list[Organization]:
    """The top party organization of each school under `organization` (not the node itself,
    nor its own school's branches: a campaign launched at a school is that school's plan)."""
    tops: dict[int, Organization] = {}
    nodes = Organization.objects.filter(path__startswith=organization.path,
                                        school__isnull=False).exclude(pk=organization.pk)
    if organization.school_id is not None:
        nodes = nodes.exclude(school_id=organization.school_id)
    for node in nodes.order_by("depth", "path"):
        tops.setdefault(node.school_id, node)
    return sorted(tops.values(), key=lambda o: o.path)


def build_stages(plan: Plan, spec: TemplateSpec, starts_on: dt.date) -> None:
    """Phases one after another from `starts_on`; tracks side by side; activities inside each."""
    day = starts_on
    for order, stage in enumerate(spec.phases):
        _build_stage(plan, stage, Phase.Kind.PHASE, order, day)
        day += dt.timedelta(days=stage.days)
    for order, stage in enumerate(spec.tracks):
        _build_stage(plan, stage, Phase.Kind.TRACK, order, starts_on)


def _build_stage(plan, stage, kind, order, starts_on):
    phase = Phase.objects.create(
        plan=plan, key=stage.key, name=stage.name, kind=kind, order=order, starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=stage.days - 1),
        gate=[{"activity": c.activity, "min_share": str(c.min_share), "label": c.label or ""}
              for c in stage.gate],
    )
    Activity.objects.bulk_create([
        Activity(plan=plan, phase=phase, key=a.key, kind=a.kind, name=a.name,
                 description=a.description, required=a.required, order=i, settings=a.settings,
                 starts_on=starts_on + dt.timedelta(days=a.offset_days),
                 due_on=starts_on + dt.timedelta(days=a.offset_days + a.days - 1))
        for i, a in enumerate(stage.activities)
    ])


def derive_plan(parent: Plan, organization: Organization, *, batch: Batch | None) -> Plan:
    """A lower level's draft: the parent's phases and activities, moved to its batch's window."""
    shift = (batch.starts_on - parent.campaign.starts_on) if batch else dt.timedelta(0)
    plan = Plan.objects.create(
        campaign=parent.campaign, organization=organization, derived_from=parent, batch=batch,
        # The title is the document's, not the interface's: it reads as the official plan does.
        title=f"{organization.name}开展{parent.campaign.name}的实施方案",
        preamble=parent.preamble,
    )
    for phase in parent.phases.prefetch_related("activities"):
        copy = Phase.objects.create(
            plan=plan, key=phase.key, name=phase.name, kind=phase.kind, order=phase.order,
            starts_on=phase.starts_on + shift, ends_on=phase.ends_on + shift, gate=phase.gate)
        Activity.objects.bulk_create([
            Activity(plan=plan, phase=copy, key=a.key, kind=a.kind, name=a.name,
                     description=a.description, required=a.required, order=a.order,
                     settings=a.settings, starts_on=a.starts_on + shift, due_on=a.due_on + shift)
            for a in phase.activities.all()
        ])
    return plan
