"""A school's plan: adjusted within the campaign, extended, submitted, approved or returned."""

import datetime as dt

import pytest

from vanguard.access.models import AuditEntry
from vanguard.campaigns import services
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import Assignment, Plan

DAY = dt.timedelta(days=1)


@pytest.fixture
def draft(district, a_date):
    campaign = services.launch_campaign(actor=district.users["district_office"],
                                        template_key="advanced-nature-2005",
                                        organization=district.root, starts_on=a_date)
    return campaign.plans.get(organization=district.schools[0].committee)


def dates(plan):
    phases = {p.key: (p.starts_on, p.ends_on) for p in plan.phases.all()}
    activities = {a.key: (a.starts_on, a.due_on) for a in plan.activities.all()}
    return phases, activities


def test_office_moves_a_phase_and_its_steps(draft, district):
    phases, activities = dates(draft)
    start, end = phases["rectify"]
    phases["rectify"] = (start + DAY, end)
    activities["rectification_plan"] = (start + DAY, activities["rectification_plan"][1])
    services.update_plan(actor=district.users["office"], plan=draft, version=draft.version,
                         title="一中实施方案", preamble="结合实际", phase_dates=phases,
                         activity_dates=activities)
    draft.refresh_from_db()
    assert draft.title == "一中实施方案"
    assert draft.phases.get(key="rectify").starts_on == start + DAY
    assert draft.version == 2
    assert AuditEntry.objects.filter(action="campaigns.plan.updated").count() == 1


def test_a_date_outside_the_campaign_is_refused_and_nothing_changes(draft, district):
    phases, activities = dates(draft)
    phases["rectify"] = (phases["rectify"][0], draft.campaign.ends_on + DAY)
    with pytest.raises(CampaignError, match="within the campaign"):
        services.update_plan(actor=district.users["office"], plan=draft, version=draft.version,
                             title="x", preamble="", phase_dates=phases,
                             activity_dates=activities)
    assert draft.phases.get(key="rectify").ends_on == draft.campaign.ends_on
    assert Plan.objects.get(pk=draft.pk).title == draft.title


def test_phases_may_not_overlap(draft, district):
    phases, activities = dates(draft)
    phases["review"] = (phases["mobilize"][1], phases["review"][1])
    activities["opinion_intake"] = (phases["mobilize"][1], activities["opinion_intake"][1])
    with pytest.raises(CampaignError, match="must start after"):
        services.update_plan(actor=district.users["office"], plan=draft, version=draft.version,
                             title="x", preamble="", phase_dates=phases,
                             activity_dates=activities)


def test_a_step_must_stay_inside_its_phase(draft, district):
    phases, activities = dates(draft)
    activities["mobilization_meeting"] = (phases["mobilize"][0] - DAY,
                                          activities["mobilization_meeting"][1])
    with pytest.raises(CampaignError, match="within its phase"):
        services.update_plan(actor=district.users["office"], plan=draft, version=draft.version,
                             title="x", preamble="", phase_dates=phases,
                             activity_dates=activities)


def test_second_save_from_a_stale_version_is_refused(draft, district):
    phases, activities = dates(draft)
    stale = draft.version
    services.update_plan(actor=district.users["office"], plan=draft, version=stale, title="A",
                         preamble="", phase_dates=phases, activity_dates=activities)
    with pytest.raises(CampaignError, match="Someone else saved"):
        services.update_plan(actor=district.users["office"], plan=draft, version=stale,
                             title="B", preamble="", phase_dates=phases,
                             activity_dates=activities)
    assert Plan.objects.get(pk=draft.pk).title == "A"


def test_school_adds_a_step_but_cannot_drop_a_required_one(draft, district):
    office = district.users["office"]
    phase = draft.phases.get(key="mobilize")
    added = services.add_activity(actor=office, plan=draft, phase=phase, kind="campaigns.task",
                                  name="参观革命纪念馆", starts_on=phase.starts_on + DAY,
                                  due_on=phase.starts_on + 5 * DAY)
    assert added.required is False and added.key.startswith("local_")
    with pytest.raises(CampaignError, match="required"):
        services.remove_activity(actor=office,
                                 activity=draft.activities.get(key="mobilization_meeting"))
    services.remove_activity(actor=office, activity=added)
    assert not draft.activities.filter(pk=added.pk).exists()


def test_an_added_step_with_an_unknown_kind_is_refused(draft, district):
    phase = draft.phases.get(key="mobilize")
    with pytest.raises(CampaignError, match="Unknown activity kind"):
        services.add_activity(actor=district.users["office"], plan=draft, phase=phase,
                              kind="study.nothing", name="x", starts_on=phase.starts_on,
                              due_on=phase.starts_on)


def test_submitted_plan_is_returned_with_a_reason_then_resubmitted(draft, district):
    services.submit_plan(actor=district.users["office"], plan=draft)
    with pytest.raises(CampaignError, match="why"):
        services.return_plan(actor=district.users["district_office"], plan=draft, reason="")
    services.return_plan(actor=district.users["district_office"], plan=draft,
                         reason="动员大会时间与期中考试冲突")
    draft.refresh_from_db()
    assert draft.status == Plan.Status.RETURNED and draft.editable
    services.submit_plan(actor=district.users["office"], plan=draft)
    assert Plan.objects.get(pk=draft.pk).return_reason == ""


def test_approval_gives_out_tasks_and_is_only_for_the_office_above(draft, district):
    services.submit_plan(actor=district.users["office"], plan=draft)
    with pytest.raises(CampaignError):
        services.approve_plan(actor=district.users["office"], plan=draft)
    assert not Assignment.objects.exists()
    services.approve_plan(actor=district.users["district_office"], plan=draft)
    assert Assignment.objects.filter(activity__plan=draft).exists()
    with pytest.raises(CampaignError):  # approved: no longer editable
        services.submit_plan(actor=district.users["office"], plan=draft)


def test_approving_twice_gives_no_duplicate_tasks(draft, district):
    services.submit_plan(actor=district.users["office"], plan=draft)
    services.approve_plan(actor=district.users["district_office"], plan=draft)
    before = Assignment.objects.count()
    services.create_assignments_for_plan(draft)
    assert Assignment.objects.count() == before
