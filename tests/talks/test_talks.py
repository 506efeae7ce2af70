"""Recording, confirming and withdrawing talks: pairs, tasks, the roll-up and the gate.

School S1 of the hand-built district (review phase open) has three required pairs: the
principal leader members[0] with the deputy members[1] (user "leader"), and B2's secretary
members[3] (user "secretary") with members[4] (no account) and members[5] (user "member").
"""

import pytest

from vanguard.access.models import AuditEntry
from vanguard.campaigns.gates import evaluate_gate
from vanguard.campaigns.models import Assignment
from vanguard.campaigns.services import rollup
from vanguard.core import clock
from vanguard.talks.errors import TalkError
from vanguard.talks.models import Rule, Talk, TalkPair
from vanguard.talks.services import talks

TALK_CHECK = "规定的谈心对象全部谈到并经对方确认"


@pytest.fixture
def s1(district):
    return district.schools[0]


def record(actor, campaign, partner, **extra):
    values = {"held_on": clock.today(), "place": "党员活动室", "summary": "交流思想，互相提醒。",
              "problem_settled": False, **extra}
    return talks.record_talk(actor=actor, campaign=campaign, partner=partner, **values)


def pair(campaign, one, other) -> TalkPair:
    a, b = sorted((one.pk, other.pk))
    return TalkPair.objects.get(campaign=campaign, person_a_id=a, person_b_id=b)


def task(person):
    return Assignment.objects.get(person=person, activity__kind="talks.talks")


def talk_check(plan):
    phase = plan.phases.get(key="review")
    return next(r for r in evaluate_gate(phase) if r.label == TALK_CHECK)


def test_s1_has_the_three_required_pairs(review_open, s1):
    m = s1.members
    assert {(p.person_a_id, p.person_b_id, p.rule) for p in
            TalkPair.objects.filter(campaign=review_open.campaign)
            .filter(organization__path__startswith=s1.committee.path)} == {
        (m[0].pk, m[1].pk, Rule.PRINCIPAL_TEAM), (m[3].pk, m[4].pk, Rule.SECRETARY_MEMBER),
        (m[3].pk, m[5].pk, Rule.SECRETARY_MEMBER)}


def test_recorded_talk_waits_then_confirmation_makes_pair_and_task_done(
        review_open, district, s1):
    campaign, m = review_open.campaign, s1.members
    talk = record(district.users["member"], campaign, m[3])
    assert talk.confirmed_at is None and (talk.person_a_id, talk.person_b_id) == (m[3].pk,
                                                                                   m[5].pk)
    assert pair(campaign, m[3], m[5]).state == TalkPair.State.WAITING
    assert task(m[5]).status == Assignment.Status.PENDING
    talks.confirm_talk(actor=district.users["secretary"], talk=talk)
    assert pair(campaign, m[3], m[5]).state == TalkPair.State.DONE
    assert task(m[5]).status == Assignment.Status.DONE
    # The secretary still owes the talk with members[4].
    assert task(m[3]).status == Assignment.Status.PENDING
    assert rollup.differences(campaign) == []


def test_talk_with_someone_without_an_account_counts_once_recorded(review_open, district, s1):
    campaign, m = review_open.campaign, s1.members
    talk = record(district.users["secretary"], campaign, m[4])
    assert talk.confirmed_at is not None
    assert pair(campaign, m[3], m[4]).state == TalkPair.State.DONE
    assert task(m[4]).status == Assignment.Status.DONE


def test_gate_talk_check_fails_until_every_required_pair_is_done(review_open, district, s1):
    campaign, m, users = review_open.campaign, s1.members, district.users
    check = talk_check(review_open)
    assert (check.done, check.required, check.passed) == (0, 3, False)
    record(users["leader"], campaign, m[0])             # the principal has no account
    record(users["secretary"], campaign, m[4])          # no account either
    waiting = record(users["member"], campaign, m[3])   # waits for the secretary
    check = talk_check(review_open)
    assert (check.done, check.required, check.passed) == (2, 3, False)
    talks.confirm_talk(actor=users["secretary"], talk=waiting)
    check = talk_check(review_open)
    assert (check.done, check.required, check.passed) == (3, 3, True)
    assert {task(p).status for p in (m[0], m[1], m[3], m[4], m[5])} == {"done"}
    assert rollup.differences(campaign) == []


def test_gate_shows_recommended_talks_as_a_figure(review_open, district, s1):
    campaign, m = review_open.campaign, s1.members
    talk = record(district.users["member"], campaign, m[2])  # member with member
    assert (talk.rule, talk.organization) == (Rule.MEMBER_MEMBER, s1.branches[-1])
    phase = review_open.phases.get(key="review")
    figure = next(r for r in evaluate_gate(phase) if r.label == "Recommended talks recorded")
    assert (figure.done, figure.is_figure, figure.passed) == (1, True, True)


def test_recommended_rule_follows_who_the_two_are(review_open, district, s1):
    campaign, m = review_open.campaign, s1.members
    office = district.users["office"]
    assert record(office, campaign, m[2], on_behalf_of=m[0]).rule == Rule.PRINCIPAL_OTHERS
    assert record(district.users["member"], campaign, s1.activists[0]).rule == \
        Rule.MEMBER_OTHERS


def test_office_records_for_someone_without_an_account_and_the_other_confirms(
        review_open, district, s1):
    campaign, m = review_open.campaign, s1.members
    talk = record(district.users["office"], campaign, m[1], on_behalf_of=m[0])
    assert (talk.recorded_by, talk.entered_by, talk.confirmed_at) == (
        m[0], district.users["office"], None)
    talks.confirm_talk(actor=district.users["leader"], talk=talk)
    assert pair(campaign, m[0], m[1]).state == TalkPair.State.DONE


def test_withdrawing_an_unconfirmed_talk_makes_the_pair_missing_again(review_open, district,
                                                                      s1):
    campaign, m = review_open.campaign, s1.members
    talk = record(district.users["member"], campaign, m[3])
    talks.withdraw_talk(actor=district.users["member"], talk=talk)
    assert not Talk.objects.filter(pk=talk.pk).exists()
    assert pair(campaign, m[3], m[5]).state == TalkPair.State.MISSING
    assert AuditEntry.objects.filter(action="talks.talk.withdrawn").count() == 1


def test_a_confirmed_talk_cannot_be_withdrawn(review_open, district, s1):
    talk = record(district.users["secretary"], review_open.campaign, s1.members[4])
    with pytest.raises(TalkError) as refused:
        talks.withdraw_talk(actor=district.users["secretary"], talk=talk)
    assert refused.value.code == "confirmed"


def test_only_the_recorder_withdraws(review_open, district, s1):
    talk = record(district.users["member"], review_open.campaign, s1.members[3])
    with pytest.raises(TalkError) as refused:
        talks.withdraw_talk(actor=district.users["secretary"], talk=talk)
    assert refused.value.code == "not_recorder"
    assert Talk.objects.filter(pk=talk.pk).exists()


def test_talks_wait_for_their_phase_to_open(launched, district, a_date):
    s1 = district.schools[0]
    with pytest.raises(TalkError) as refused:
        record(district.users["member"], launched, s1.members[3])
    assert refused.value.code == "phase_not_open"
    assert not Talk.objects.exists()


def test_every_write_is_audited(review_open, district, s1):
    talk = record(district.users["member"], review_open.campaign, s1.members[3])
    talks.confirm_talk(actor=district.users["secretary"], talk=talk)
    assert list(AuditEntry.objects.filter(action__startswith="talks.").order_by("pk")
                .values_list("action", "actor__username")) == [
        ("talks.talk.recorded", "member"), ("talks.talk.confirmed", "secretary")]


def test_rule_follows_the_pair_even_when_a_leader_records(review_open, district, s1):
    talk = record(district.users["leader"], review_open.campaign, s1.members[0])
    assert (talk.rule, talk.organization) == (Rule.PRINCIPAL_TEAM, s1.committee)


def test_window_starts_the_day_a_phase_opened_ahead_of_its_date(review_open):
    # The office closed phase 1 early, so 分析评议 opened today, before its planned start.
    activity = review_open.activities.select_related("phase").get(kind="talks.talks")
    assert activity.phase.starts_on > clock.today()
    assert talks.talk_window(activity) == (clock.today(), clock.today())
