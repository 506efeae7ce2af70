"""The generator's phase 2 rows at school scale agree with the services that would have made
them: the talk pairs are what `refresh_pairs` reads from the tree, each analysis has the
reviewer the chain names, and the tasks and the roll-up follow the rows."""

import pytest
from django.db import connection, transaction
from django.test import override_settings

from bench.generate import generate
from vanguard.analyses import chain
from vanguard.analyses.models import SelfAnalysis
from vanguard.campaigns.models import Activity, Assignment, Campaign
from vanguard.campaigns.services import rollup
from vanguard.evaluations.models import Ballot, MemberGrade, Participation, SpentToken
from vanguard.opinions.models import Channel, Feedback, Opinion, SourceGroup
from vanguard.talks.models import TalkPair
from vanguard.talks.services import pairs

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def school_scale(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), \
            transaction.atomic():
        yield generate("school", seed=11, fast=False)
        transaction.set_rollback(True)


@pytest.fixture
def generated(school_scale, db):
    return school_scale


def test_phase_2_keys_point_at_rows(generated):
    connection.check_constraints()


def test_opinions_are_about_three_a_member_from_every_channel_and_group(generated):
    assert 200 <= Opinion.objects.count() <= 280
    assert set(Opinion.objects.values_list("channel", flat=True)) == set(Channel.values)
    assert set(Opinion.objects.values_list("source_group", flat=True)) == set(SourceGroup.values)
    sorted_ = Opinion.objects.filter(status__in=("sorted", "released")).count()
    assert sorted_ > Opinion.objects.count() / 2


def test_feedback_is_released_to_about_half_the_members_with_opinions_attached(generated):
    released = Feedback.objects.filter(released_on__isnull=False)
    assert 20 <= released.count() <= 60  # of 80 members, about 74 with opinions
    assert not released.filter(opinions__isnull=True).exists()
    read = set(released.filter(read_on__isnull=False).values_list("subject_person_id",
                                                                   flat=True))
    done = set(Assignment.objects.filter(activity__key="opinion_intake", status="done")
               .values_list("person_id", flat=True))
    assert read == done


def test_talk_pairs_are_the_ones_refresh_pairs_makes_and_refreshing_changes_nothing(generated):
    activity = Activity.objects.get(key="heart_to_heart_talks", plan__derived_from__isnull=False)
    before = set(TalkPair.objects.values_list("person_a_id", "person_b_id", "rule",
                                              "organization_id", "state"))
    tasks = dict(Assignment.objects.filter(activity=activity).values_list("person_id",
                                                                           "status"))
    assert {s for *_rest, s in before} == {"done", "waiting", "missing"}
    assert pairs.refresh_pairs(activity) == 0
    after = set(TalkPair.objects.values_list("person_a_id", "person_b_id", "rule",
                                             "organization_id", "state"))
    assert after == before
    assert dict(Assignment.objects.filter(activity=activity)
                .values_list("person_id", "status")) == tasks


def test_each_submitted_analysis_has_the_reviewer_the_chain_names(generated):
    analyses = SelfAnalysis.objects.exclude(status="draft").select_related("person")
    assert {a.status for a in analyses} >= {"submitted", "returned", "approved", "final"}
    for analysis in analyses:
        user, office = chain.reviewer_for(analysis.person)
        assert (analysis.reviewer_id, analysis.reviewer_office_id) == (
            user.pk if user else None, office.pk if office else None)


def test_ballots_match_spent_tokens_and_grades_respect_the_cap(generated):
    assert Ballot.objects.count() == SpentToken.objects.count() == \
        Participation.objects.filter(voted=True).count() > 0
    for evaluation_id in MemberGrade.objects.values_list("evaluation_id", flat=True).distinct():
        grades = MemberGrade.objects.filter(evaluation_id=evaluation_id)
        assert grades.filter(grade="excellent").count() * 3 <= grades.count()


def test_the_roll_up_still_matches_the_tasks(generated):
    assert rollup.differences(Campaign.objects.get()) == []
