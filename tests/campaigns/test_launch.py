"""Launching the seed campaign: the template becomes phases, activities, plans and tasks."""

import datetime as dt

import pytest

from vanguard.access.models import AuditEntry
from vanguard.campaigns import services
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import Assignment, Phase, Plan


def test_launch_builds_three_phases_in_a_row_lasting_at_least_three_months(district, a_date):
    campaign = services.launch_campaign(actor=district.users["district_office"],
                                        template_key="advanced-nature-2005",
                                        organization=district.root, starts_on=a_date)
    root = campaign.plans.get(organization=district.root)
    phases = list(root.phases.order_by("order"))
    assert [p.key for p in phases] == ["mobilize", "review", "rectify"]
    assert [(p.ends_on - p.starts_on).days + 1 for p in phases] == [30, 40, 30]
    assert phases[1].starts_on == phases[0].ends_on + dt.timedelta(days=1)
    assert (campaign.ends_on - campaign.starts_on).days + 1 == 100
    assert campaign.figures["study_hours_min"] == "40"


def test_launch_derives_a_draft_plan_for_each_school(district, a_date):
    campaign = services.launch_campaign(actor=district.users["district_office"],
                                        template_key="advanced-nature-2005",
                                        organization=district.root, starts_on=a_date)
    drafts = campaign.plans.exclude(organization=district.root)
    assert sorted(p.organization.code for p in drafts) == ["S1-C", "S2-C"]
    assert {p.status for p in drafts} == {Plan.Status.DRAFT}
    assert all(p.activities.count() == 17 for p in drafts)


def test_launch_is_audited_with_its_actor(district, a_date):
    services.launch_campaign(actor=district.users["district_office"],
                             template_key="advanced-nature-2005",
                             organization=district.root, starts_on=a_date)
    entry = AuditEntry.objects.get(action="campaigns.campaign.launched")
    assert entry.actor_label == "district_office"


def test_school_office_cannot_launch_for_the_district(district, a_date):
    with pytest.raises(CampaignError):
        services.launch_campaign(actor=district.users["office"],
                                 template_key="advanced-nature-2005",
                                 organization=district.root, starts_on=a_date)


def test_unknown_template_is_refused_and_nothing_written(district, a_date):
    with pytest.raises(CampaignError, match="no campaign template"):
        services.launch_campaign(actor=district.users["district_office"],
                                 template_key="nope", organization=district.root,
                                 starts_on=a_date)
    assert not Plan.objects.exists()


def test_approved_plans_give_every_member_a_mobilization_task(launched, district):
    s1 = district.schools[0]
    tasks = Assignment.objects.filter(activity__key="mobilization_meeting",
                                      activity__plan__organization=s1.committee)
    assert tasks.filter(required=True).count() == len(s1.members)
    assert tasks.filter(required=False).count() == len(s1.activists)


def test_first_phase_opens_when_plan_is_approved_on_start_day(launched, district):
    plan = launched.plans.get(organization=district.schools[0].committee)
    states = dict(plan.phases.values_list("key", "state"))
    assert states == {"mobilize": Phase.State.OPEN, "review": Phase.State.PENDING,
                      "rectify": Phase.State.PENDING}


def test_a_campaign_launched_at_a_school_is_that_schools_one_plan(district):
    """A pilot at one school: its branches follow the school's plan, none gets its own."""
    from vanguard.campaigns import services
    from vanguard.core import clock

    s1 = district.schools[0]
    campaign = services.launch_campaign(actor=district.users["district_office"],
                                        template_key="advanced-nature-2005",
                                        organization=s1.committee, starts_on=clock.today())
    assert list(campaign.plans.values_list("organization", flat=True)) == [s1.committee.pk]
