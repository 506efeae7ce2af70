"""The review phase's gate, opinions part: figures per channel and source group (shown, not
waited for), every member's feedback released (must be all of S1), and the read share."""

from decimal import Decimal

import pytest

from tests.opinions.opinion_rows import add_opinion, s1_intake, token_of
from vanguard.campaigns.gates import evaluate_gate
from vanguard.opinions.models import Channel, Opinion, SourceGroup
from vanguard.opinions.services import feedback as services

pytestmark = pytest.mark.django_db


def opinion_checks(plan):
    results = evaluate_gate(plan.phases.get(key="review"))
    return [r for r in results if r.activity_key == "opinion_intake"]


def by_label(checks, text):
    return next(r for r in checks if str(text) in r.label)


def test_gate_shows_opinion_figures_per_channel_and_group_without_waiting(review_open,
                                                                          district):
    intake = s1_intake(review_open.campaign, district)
    member = district.schools[0].members[5]
    add_opinion(intake, token_of(member), channel=Channel.HOTLINE,
                source_group=SourceGroup.RETIRED, weight=3)
    add_opinion(intake, token_of(member), channel=Channel.FORM,
                source_group=SourceGroup.DEMOCRATIC)
    add_opinion(intake, token_of(member), status=Opinion.Status.SET_ASIDE)
    add_opinion(intake, token_of(member), status=Opinion.Status.UNCONFIRMED)
    checks = opinion_checks(review_open)
    hotline = by_label(checks, Channel.HOTLINE.label)
    assert (hotline.done, hotline.is_figure, hotline.passed) == (3, True, True)
    assert by_label(checks, SourceGroup.RETIRED.label).done == 3
    assert by_label(checks, SourceGroup.DEMOCRATIC.label).done == 1
    # Set aside and unconfirmed opinions are not part of the figures.
    assert by_label(checks, Channel.BOX.label).done == 0


def test_gate_fails_until_every_member_of_s1_has_feedback_released(review_open, district):
    office, campaign = district.users["office"], review_open.campaign
    s1 = district.schools[0]
    released = by_label(opinion_checks(review_open), "feedback is released")
    assert (released.done, released.required, released.min_share) == (0, 6, Decimal(1))
    assert not released.passed
    services.release_feedback_for_branch(actor=office, campaign=campaign, branch=s1.branches[0])
    released = by_label(opinion_checks(review_open), "feedback is released")
    assert (released.done, released.passed) == (3, False)
    services.release_feedback_for_branch(actor=office, campaign=campaign, branch=s1.branches[1])
    released = by_label(opinion_checks(review_open), "feedback is released")
    assert (released.done, released.required, released.passed) == (6, 6, True)


def test_read_share_is_the_intake_check_and_is_not_waited_for(review_open, district):
    office, member = district.users["office"], district.users["member"]
    campaign = review_open.campaign
    read = opinion_checks(review_open)[0]
    assert (read.done, read.required, read.min_share, read.passed) == (0, 6, Decimal(0), True)
    feedback = services.release_feedback(actor=office, campaign=campaign,
                                         subject_token_or_resolved=token_of(member.person))
    services.acknowledge_feedback(actor=member, feedback=feedback)
    read = opinion_checks(review_open)[0]
    assert (read.done, read.required) == (1, 6)


def test_another_schools_feedback_does_not_count_for_s1(review_open, district, launched):
    other_office = district.users["other_office"]
    s2 = district.schools[1]
    services.release_feedback_for_branch(actor=other_office, campaign=launched,
                                         branch=s2.branches[0])
    released = by_label(opinion_checks(review_open), "feedback is released")
    assert released.done == 0
