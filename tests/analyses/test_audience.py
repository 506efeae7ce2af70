"""Who writes a self-analysis: every member, and every leader of the school even when they
are not a party member there (the democratic-life meeting admits only reviewed analyses)."""

from tests.builders import make_person
from vanguard.campaigns import services
from vanguard.campaigns.models import Assignment
from vanguard.core import clock
from vanguard.people.models import Leader


def test_a_leader_who_is_not_a_member_gets_the_task(district):
    school = district.schools[0]
    outsider = make_person("非党员副校长", school.school)
    Leader.objects.create(team=school.team, person=outsider, title="副校长")
    campaign = services.launch_campaign(
        actor=district.users["district_office"], template_key="advanced-nature-2005",
        organization=district.root, starts_on=clock.today())
    plan = campaign.plans.get(organization=school.committee)
    services.submit_plan(actor=district.users["office"], plan=plan)
    services.approve_plan(actor=district.users["district_office"], plan=plan)
    tasks = Assignment.objects.filter(activity__plan=plan, activity__key="self_analysis")
    assert tasks.filter(person=outsider, organization=school.committee).exists()
    assert tasks.count() == len(school.members) + 1
