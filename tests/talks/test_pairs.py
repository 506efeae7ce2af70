"""The required talk pairs on a small hand-built school, counted by hand."""

from dataclasses import dataclass

import pytest

from tests.builders import make_member, make_person, make_user
from vanguard.access.models import Role
from vanguard.campaigns import services as campaigns
from vanguard.campaigns.models import Assignment
from vanguard.core import clock
from vanguard.people import tree
from vanguard.people.models import Department, Leader, LeadershipTeam, Organization, School
from vanguard.talks.models import Rule, TalkPair

K = Role.Kind


@dataclass
class HandSchool:
    people: dict
    committee: Organization
    b1: Organization
    b2: Organization
    campaign: object


@pytest.fixture
def hand_school(db) -> HandSchool:
    """School H: committee H-C, branches H-B1 and H-B2.

    Team: P (principal, member of B1), T1 (member of B1, also B1's secretary), T2 and T3
    (members of B2). Departments: 教务处 headed by D1 (no membership), 总务处 headed by D2
    (member of B2), 政教处 headed by T1 himself. T2 oversees 教务处 and 政教处; T3 oversees
    教务处 and 总务处. B1: P, T1, M1, M2. B2: T2, T3, D2, M3 and S2 (B2's secretary).
    A second secretary account of B2 has no person: it gives no pair.
    """
    root = tree.add_root(code="D", name="区教育工委", kind=Organization.Kind.COMMITTEE)
    school = School.objects.create(code="H", name="H学校")
    committee = tree.add_child(root, code="H-C", name="H学校党委",
                               kind=Organization.Kind.COMMITTEE, school=school)
    b1 = tree.add_child(committee, code="H-B1", name="H第1党支部",
                        kind=Organization.Kind.BRANCH, school=school)
    b2 = tree.add_child(committee, code="H-B2", name="H第2党支部",
                        kind=Organization.Kind.BRANCH, school=school)
    p = {name: make_member(name, b1) for name in ("P", "T1", "M1", "M2")}
    p |= {name: make_member(name, b2) for name in ("T2", "T3", "D2", "M3", "S2")}
    p["D1"] = make_person("D1", school)
    make_user("t1", person=p["T1"], roles=[(K.SECRETARY, b1)])
    make_user("s2", person=p["S2"], roles=[(K.SECRETARY, b2)])
    make_user("b2_clerk", roles=[(K.SECRETARY, b2)])
    team = LeadershipTeam.objects.create(school=school)
    leaders = {"P": Leader.objects.create(team=team, person=p["P"], title="书记",
                                          is_principal=True)}
    for name in ("T1", "T2", "T3"):
        leaders[name] = Leader.objects.create(team=team, person=p[name], title="副校长")
    teaching = Department.objects.create(school=school, name="教务处", head=p["D1"])
    general = Department.objects.create(school=school, name="总务处", head=p["D2"])
    moral = Department.objects.create(school=school, name="政教处", head=p["T1"])
    leaders["T2"].departments.add(teaching, moral)
    leaders["T3"].departments.add(teaching, general)
    district_office = make_user("district_office", roles=[(K.OFFICE, root)])
    office = make_user("h_office", roles=[(K.OFFICE, committee)])
    campaign = campaigns.launch_campaign(actor=district_office,
                                         template_key="advanced-nature-2005",
                                         organization=root, starts_on=clock.today())
    plan = campaign.plans.get(organization=committee)
    campaigns.submit_plan(actor=office, plan=plan)
    campaigns.approve_plan(actor=district_office, plan=plan)
    return HandSchool(people=p, committee=committee, b1=b1, b2=b2, campaign=campaign)


def _pairs(campaign) -> set[tuple[str, str, str, str]]:
    return {tuple(sorted((pair.person_a.name, pair.person_b.name))) + (pair.rule,
                                                                      pair.organization.code)
            for pair in TalkPair.objects.filter(campaign=campaign).select_related(
                "person_a", "person_b", "organization")}


def test_hand_built_school_has_exactly_the_pairs_counted_by_hand(hand_school):
    # principal with each team member: P-T1, P-T2, P-T3                          = 3
    # team members with each other: T1-T2, T1-T3, T2-T3                          = 3
    # team member with overseen heads: T2-D1, T3-D1, T3-D2 (T2-T1 via 政教处 is
    #   already T1-T2 under the team rule)                                       = 3
    # B1's secretary T1 with B1's members: T1-M1, T1-M2 (T1-P is already the
    #   principal's pair)                                                        = 2
    # B2's secretary S2 with B2's members: S2-T2, S2-T3, S2-D2, S2-M3            = 4
    # the secretary account without a person gives none                  total = 15
    school = (Rule.PRINCIPAL_TEAM, Rule.TEAM_TEAM, Rule.TEAM_DEPARTMENT)
    expected = {
        ("P", "T1", school[0], "H-C"), ("P", "T2", school[0], "H-C"),
        ("P", "T3", school[0], "H-C"),
        ("T1", "T2", school[1], "H-C"), ("T1", "T3", school[1], "H-C"),
        ("T2", "T3", school[1], "H-C"),
        ("D1", "T2", school[2], "H-C"), ("D1", "T3", school[2], "H-C"),
        ("D2", "T3", school[2], "H-C"),
        ("M1", "T1", Rule.SECRETARY_MEMBER, "H-B1"), ("M2", "T1", Rule.SECRETARY_MEMBER, "H-B1"),
        ("S2", "T2", Rule.SECRETARY_MEMBER, "H-B2"), ("S2", "T3", Rule.SECRETARY_MEMBER, "H-B2"),
        ("D2", "S2", Rule.SECRETARY_MEMBER, "H-B2"), ("M3", "S2", Rule.SECRETARY_MEMBER, "H-B2"),
    }
    assert _pairs(hand_school.campaign) == expected
    assert TalkPair.objects.filter(campaign=hand_school.campaign).count() == 15


def test_everyone_in_a_pair_has_one_talks_task_in_their_branch(hand_school):
    tasks = {a.person.name: a.organization.code for a in Assignment.objects.filter(
        activity__kind="talks.talks", activity__plan__campaign=hand_school.campaign,
    ).select_related("person", "organization")}
    # D1 is no member: the task sits at the pair's organization, the school's committee.
    assert tasks == {"P": "H-B1", "T1": "H-B1", "M1": "H-B1", "M2": "H-B1", "T2": "H-B2",
                     "T3": "H-B2", "D2": "H-B2", "M3": "H-B2", "S2": "H-B2", "D1": "H-C"}


def test_refreshing_twice_changes_nothing(hand_school):
    from vanguard.talks.services import pairs

    activity = hand_school.campaign.plans.get(organization=hand_school.committee) \
        .activities.get(kind="talks.talks")
    before = _pairs(hand_school.campaign)
    assert pairs.refresh_pairs(activity) == 0
    assert _pairs(hand_school.campaign) == before
