"""Phases follow the calendar and the gates; every change is audited with its actor."""

import datetime as dt

import pytest

from tests.builders import set_status
from vanguard.access.models import AuditEntry
from vanguard.campaigns import services
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.gates import evaluate_gate
from vanguard.campaigns.models import Assignment, Phase
from vanguard.core import clock
from vanguard.study.models import Requirement


@pytest.fixture
def s1_plan(launched, district):
    return launched.plans.get(organization=district.schools[0].committee)


def finish(plan, key):
    """Everyone assigned to the phase's gate activities has done them."""
    set_status(Assignment.objects.filter(activity__plan=plan, activity__phase__key=key),
               Assignment.Status.DONE)
    if key == "mobilize":  # the discussion's gate check: its requirements are published
        Requirement.objects.create(campaign=plan.campaign, organization=plan.organization,
                                   order=1, text="爱岗敬业，为人师表", published_at=clock.now())


def test_gate_counts_done_and_required_per_check(s1_plan, district):
    mobilize = s1_plan.phases.get(key="mobilize")
    members = len(district.schools[0].members)
    set_status(Assignment.objects.filter(activity__plan=s1_plan, activity__key="organized_study",
                                         person__in=district.schools[0].members[:2]), "done")
    checks = {c.activity_key: c for c in evaluate_gate(mobilize)}
    assert (checks["organized_study"].done, checks["organized_study"].required) == (2, members)
    assert not checks["organized_study"].passed
    assert [c.activity_key for c in checks.values()] == [
        "mobilization_meeting", "organized_study", "reading_notes", "reflection",
        "big_discussion"]


def test_invited_activists_do_not_count_toward_the_gate(s1_plan, district):
    mobilize = s1_plan.phases.get(key="mobilize")
    meeting = next(c for c in evaluate_gate(mobilize) if c.activity_key == "mobilization_meeting")
    assert meeting.required == len(district.schools[0].members)


def test_phase_does_not_close_before_its_gate_passes(s1_plan, district):
    mobilize = s1_plan.phases.get(key="mobilize")
    with pytest.raises(CampaignError, match="write the reason"):
        services.close_phase(actor=district.users["office"], phase=mobilize)
    assert Phase.objects.get(pk=mobilize.pk).state == Phase.State.OPEN
    assert not AuditEntry.objects.filter(action="campaigns.phase.closed").exists()


def test_office_overrides_the_gate_with_a_written_reason(s1_plan, district):
    mobilize = s1_plan.phases.get(key="mobilize")
    services.close_phase(actor=district.users["office"], phase=mobilize,
                         override_reason="两名党员长期病假，经党委研究同意先行进入下一阶段")
    mobilize.refresh_from_db()
    assert mobilize.state == Phase.State.CLOSED and "病假" in mobilize.override_reason
    entry = AuditEntry.objects.get(action="campaigns.phase.closed")
    assert entry.actor_label == "office" and "override_reason" in entry.changes


def test_closing_when_the_gate_passes_needs_no_reason(s1_plan, district):
    finish(s1_plan, "mobilize")
    mobilize = s1_plan.phases.get(key="mobilize")
    services.close_phase(actor=district.users["office"], phase=mobilize)
    assert Phase.objects.get(pk=mobilize.pk).override_reason == ""


def test_next_phase_waits_for_its_start_date_then_the_calendar_opens_it(s1_plan, district):
    finish(s1_plan, "mobilize")
    services.close_phase(actor=district.users["office"],
                         phase=s1_plan.phases.get(key="mobilize"))
    review = s1_plan.phases.get(key="review")
    assert review.state == Phase.State.PENDING  # its start date has not come
    result = services.advance_phases(today=review.starts_on)
    assert result["opened"] >= 1
    assert Phase.objects.get(pk=review.pk).state == Phase.State.OPEN
    entry = AuditEntry.objects.filter(action="campaigns.phase.opened",
                                      target_id=str(review.pk)).get()
    assert entry.actor_label == "system"


def test_calendar_closes_a_finished_phase_only_when_its_gate_passes(s1_plan, district):
    mobilize = s1_plan.phases.get(key="mobilize")
    after_end = mobilize.ends_on + dt.timedelta(days=1)
    services.advance_phases(today=after_end)
    assert Phase.objects.get(pk=mobilize.pk).state == Phase.State.OPEN  # gate not passed
    finish(s1_plan, "mobilize")
    services.advance_phases(today=after_end)
    assert Phase.objects.get(pk=mobilize.pk).state == Phase.State.CLOSED
    assert Phase.objects.get(plan=s1_plan, key="review").state == Phase.State.OPEN
    closed = AuditEntry.objects.get(action="campaigns.phase.closed")
    assert closed.actor_label == "system"


def test_district_gate_adds_up_its_schools(launched, district):
    root_plan = launched.plans.get(organization=district.root)
    mobilize = root_plan.phases.get(key="mobilize")
    meeting = next(c for c in evaluate_gate(mobilize) if c.activity_key == "mobilization_meeting")
    assert meeting.required == sum(len(s.members) for s in district.schools)


def test_phases_of_an_unapproved_plan_do_not_open(district):
    campaign = services.launch_campaign(actor=district.users["district_office"],
                                        template_key="advanced-nature-2005",
                                        organization=district.root, starts_on=clock.today())
    draft = campaign.plans.get(organization=district.schools[0].committee)
    services.advance_phases()
    assert set(draft.phases.values_list("state", flat=True)) == {Phase.State.PENDING}


def test_tracks_of_the_2019_template_open_together(district):
    campaign = services.launch_campaign(actor=district.users["district_office"],
                                        template_key="theme-education-2019",
                                        organization=district.root, starts_on=clock.today())
    root = campaign.plans.get(organization=district.root)
    assert set(root.phases.values_list("kind", "state")) == {(Phase.Kind.TRACK,
                                                              Phase.State.OPEN)}


def test_the_gate_page_names_who_is_still_missing(client, review_open, district):
    """Issue 7: the gate page lists every missing item by name (to readers of the unit)."""
    from django.urls import reverse

    phase = review_open.phases.get(key="review")
    client.force_login(district.users["office"])
    page = client.get(reverse("campaigns:phase", args=[phase.pk]))
    missing = dict((c.activity_key, names) for c, names in page.context["checks"] if names)
    names, more = missing["self_analysis"]
    assert more == 0 and len(names) == len(district.schools[0].members)
    assert any(district.schools[0].members[-1].name in name for name in names)
    # Talk pairs are named by the talks kind: "A — B".
    assert all("—" in name for name in missing["heart_to_heart_talks"][0])


def test_a_branch_secretary_sees_the_gate_numbers_without_names(client, review_open, district):
    from django.urls import reverse

    phase = review_open.phases.get(key="review")
    client.force_login(district.users["secretary"])
    page = client.get(reverse("campaigns:phase", args=[phase.pk]))
    assert page.status_code == 200 and page.context["missing"] == {}
