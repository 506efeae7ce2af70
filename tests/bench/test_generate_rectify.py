"""The generator's phase 3 rows at school scale agree with the services that would have made
them: keys point at rows, items are in every status with some overdue, each member's plan and
ledger tasks follow their plan as `sync_member_tasks` decides, the disclosure's digest is the
app's over its content, the sample is the draw its seed gives, and the roll-up matches."""

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.test import override_settings

from bench.generate import generate
from vanguard.assessments.models import Answer, Assessment, Part, Respondent, Response
from vanguard.assessments.models import SpentToken as AssessmentToken
from vanguard.assessments.services import sampling
from vanguard.campaigns.models import Assignment, Campaign
from vanguard.campaigns.services import rollup
from vanguard.rectification.models import Disclosure, Item, Owner, RectificationPlan
from vanguard.rectification.selectors import overdue
from vanguard.rectification.services import disclosure
from vanguard.rectification.services.plans import ledger_solved

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def school_scale(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS), \
            transaction.atomic():
        yield generate("school", seed=13, fast=False)
        transaction.set_rollback(True)


@pytest.fixture
def generated(school_scale, db):
    return school_scale


def test_phase_3_keys_point_at_rows(generated):
    connection.check_constraints()


def test_plans_of_members_branches_and_the_team_in_every_status(generated):
    plans = RectificationPlan.objects.all()
    assert set(plans.values_list("owner_kind", flat=True)) == set(Owner.values)
    assert plans.filter(owner_kind=Owner.TEAM).count() == 1
    assert plans.filter(owner_kind=Owner.ORGANIZATION).count() == 4  # the school's branches
    assert set(plans.filter(owner_kind=Owner.MEMBER).values_list("status", flat=True)) == \
        set(RectificationPlan.Status.values)
    for plan in plans.filter(owner_kind=Owner.MEMBER).select_related("person__member"):
        # the plan's organization is the member's branch, its items' organization the plan's
        assert plan.organization_id == plan.person.member.organization_id
    assert not Item.objects.exclude(organization_id=F("plan__organization_id")).exists()


def test_items_in_every_status_and_class_some_overdue(generated):
    assert set(Item.objects.values_list("status", flat=True)) == set(Item.Status.values)
    assert set(Item.objects.values_list("item_class", flat=True)) == set(Item.Class.values)
    assert overdue(Item.objects.all()).exists()
    # only approved plans have items under way
    assert not Item.objects.exclude(plan__status="approved").exclude(status="open").exists()
    solved = Item.objects.filter(status__in=("done", "verified"))
    assert not solved.filter(evidence__isnull=True).exists()


def test_member_tasks_follow_their_plans(generated):
    tasks = {(t.person_id, t.activity.key): t.status for t in Assignment.objects.filter(
        activity__key__in=("rectification_plan", "solve_problems")).select_related("activity")}
    plans = RectificationPlan.objects.filter(owner_kind=Owner.MEMBER)
    assert plans.exists()
    for plan in plans:
        approved = plan.status == RectificationPlan.Status.APPROVED
        assert tasks[(plan.person_id, "rectification_plan")] == ("done" if approved
                                                                 else "pending")
        assert tasks[(plan.person_id, "solve_problems")] == ("done" if ledger_solved(plan)
                                                             else "pending")
    assert "done" in {status for (_p, key), status in tasks.items() if key == "solve_problems"}


def test_no_personal_tasks_for_the_disclosure_assessment_and_report(generated):
    assert not Assignment.objects.filter(activity__key__in=(
        "disclosure", "satisfaction_assessment", "summary_report")).exists()


def test_disclosure_content_matches_build_content_and_its_digest(generated):
    campaign = Campaign.objects.get()
    snapshot = Disclosure.objects.select_related("organization__school").get(number=1)
    correction = Disclosure.objects.get(number=2)  # the school corrected it once
    assert snapshot.superseded_by_id == correction.pk
    assert correction.content["supersedes"] == 1
    assert correction.sha256 == disclosure.digest(correction.content)
    assert snapshot.sha256 == disclosure.digest(snapshot.content)
    rebuilt = disclosure.build_content(
        campaign=campaign, top=snapshot.organization, title=snapshot.title, number=1,
        published_at=snapshot.published_at)
    assert rebuilt == snapshot.content
    assert snapshot.content["counts"]["items"] > 0


def test_the_roll_up_matches_the_tasks(generated):
    assert rollup.differences(Campaign.objects.get()) == []


def test_assessment_sample_is_the_draw_of_its_seed_and_answers_are_anonymous(generated):
    assessment = Assessment.objects.get()
    assert assessment.state == Assessment.State.CLOSED
    check = sampling.check_sample(assessment)
    assert check.ok
    assert Respondent.objects.filter(part=Part.REPRESENTATIVE).exists()
    answered = Respondent.objects.filter(answered=True).count()
    assert Response.objects.count() == AssessmentToken.objects.count() == answered
    assert Answer.objects.count() == answered * len(assessment.questions)
