"""A team change during a running campaign: the talks step's required pairs follow it (the
pairs are read from the team), and a closed phase or campaign is left as it was."""

import pytest

from vanguard.campaigns.models import Assignment, Campaign
from vanguard.people.models import Department, Leader
from vanguard.people.services import team
from vanguard.talks.models import Rule, TalkPair


@pytest.fixture
def step(review_open):
    return review_open.activities.get(kind="talks.talks")


def _pairs(step) -> set[tuple[int, int, str]]:
    return set(TalkPair.objects.filter(activity=step).values_list("person_a_id", "person_b_id",
                                                                   "rule"))


def _ordered(a, b):
    return (a.pk, b.pk) if a.pk < b.pk else (b.pk, a.pk)


def test_adding_and_removing_a_member_refreshes_the_pairs(step, district):
    s1, office = district.schools[0], district.users["office"]
    m = s1.members
    leader = team.add_leader(actor=office, organization=s1.committee, person=m[2],
                             title="副书记")
    assert (*_ordered(m[0], m[2]), Rule.PRINCIPAL_TEAM) in _pairs(step)
    assert (*_ordered(m[1], m[2]), Rule.TEAM_TEAM) in _pairs(step)
    assert Assignment.objects.filter(activity=step, person=m[2]).exists()
    team.remove_leader(actor=office, leader=leader)
    assert not {p for p in _pairs(step) if m[2].pk in p[:2] and p[2] != Rule.SECRETARY_MEMBER}


def test_moving_the_principal_changes_the_rules_of_the_pairs(step, district):
    s1, office = district.schools[0], district.users["office"]
    m = s1.members
    team.add_leader(actor=office, organization=s1.committee, person=m[2], title="副书记")
    deputy = Leader.objects.get(person=m[1])
    team.set_principal(actor=office, leader=deputy)
    pairs = _pairs(step)
    assert (*_ordered(m[1], m[2]), Rule.PRINCIPAL_TEAM) in pairs
    assert (*_ordered(m[0], m[2]), Rule.TEAM_TEAM) in pairs


def test_a_head_of_an_overseen_department_gets_a_pair(step, district):
    s1, office = district.schools[0], district.users["office"]
    dept = Department.objects.get(school=s1.school, name="教务处")  # overseen by members[1]
    team.set_department_head(actor=office, department=dept, head=s1.members[5])
    assert (*_ordered(s1.members[1], s1.members[5]), Rule.TEAM_DEPARTMENT) in _pairs(step)


def test_a_closed_campaign_is_left_alone(step, district):
    s1, office = district.schools[0], district.users["office"]
    Campaign.objects.filter(pk=step.plan.campaign_id).update(state=Campaign.State.CLOSED)
    before = _pairs(step)
    team.add_leader(actor=office, organization=s1.committee, person=s1.members[2],
                    title="副书记")
    assert _pairs(step) == before
