"""The office's refresh of the required pairs after roster changes."""

import pytest

from tests.builders import make_member
from vanguard.access.models import AuditEntry
from vanguard.campaigns.models import Assignment
from vanguard.campaigns.services import rollup
from vanguard.core import clock
from vanguard.people.models import Member
from vanguard.talks.errors import TalkError
from vanguard.talks.models import TalkPair
from vanguard.talks.services import talks


@pytest.fixture
def step(review_open):
    return review_open.activities.get(kind="talks.talks")


def _names(campaign) -> set[tuple[str, str]]:
    return {(p.person_a.name, p.person_b.name) for p in TalkPair.objects.filter(
        campaign=campaign).select_related("person_a", "person_b")}


def test_refresh_follows_the_roster_and_keeps_pairs_covered_by_a_talk(step, district):
    s1, office = district.schools[0], district.users["office"]
    m, campaign = s1.members, step.plan.campaign
    talks.record_talk(actor=district.users["secretary"], campaign=campaign, partner=m[4],
                      held_on=clock.today(), place="办公室", summary="谈工作。")
    newcomer = make_member("新转入党员", s1.branches[-1])
    Member.objects.filter(person__in=[m[4], m[5]]).delete()  # both left the branch
    result = talks.refresh_talk_pairs(actor=office, activity=step)
    assert _names(campaign) >= {(m[3].name, newcomer.name), (m[3].name, m[4].name)}
    assert (m[3].name, m[5].name) not in _names(campaign)  # no talk covered it: gone
    assert (result["before"], result["after"], result["tasks"]) == (3, 3, 1)
    assert Assignment.objects.filter(activity=step, person=newcomer, status="pending").exists()
    # members[5] has no pair left: their pending task goes; members[4]'s done task stays.
    assert not Assignment.objects.filter(activity=step, person=m[5]).exists()
    assert Assignment.objects.get(activity=step, person=m[4]).status == "done"
    assert rollup.differences(campaign) == []
    assert AuditEntry.objects.filter(action="talks.pairs.refreshed").count() == 1


def test_a_new_pair_sends_a_done_task_back_to_pending(step, district):
    s1 = district.schools[0]
    m, campaign = s1.members, step.plan.campaign
    talks.record_talk(actor=district.users["leader"], campaign=campaign, partner=m[0],
                      held_on=clock.today(), place="书记办公室", summary="谈班子分工。")
    assert Assignment.objects.get(activity=step, person=m[1]).status == "done"
    # members[1] becomes B1's secretary: now owes a talk with members[2].
    from vanguard.access.models import Role

    Role.objects.create(user=district.users["leader"], kind=Role.Kind.SECRETARY,
                        organization=s1.branches[0])
    talks.refresh_talk_pairs(actor=district.users["office"], activity=step)
    assert Assignment.objects.get(activity=step, person=m[1]).status == "pending"
    assert rollup.differences(campaign) == []


@pytest.mark.parametrize("user", ["secretary", "leader", "supervisor", "other_office"])
def test_only_the_office_refreshes(step, district, user):
    before = TalkPair.objects.count()
    with pytest.raises(TalkError) as refused:
        talks.refresh_talk_pairs(actor=district.users[user], activity=step)
    assert refused.value.code == "forbidden"
    assert TalkPair.objects.count() == before
    assert not AuditEntry.objects.filter(action="talks.pairs.refreshed").exists()
