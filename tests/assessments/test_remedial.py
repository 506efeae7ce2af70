"""The remedial rule at closing: 补课 opened at 51% not satisfied and not at 50% under "most",
a share rule, the round's tasks and new assessment, re-rectification reopening the plans, and
the superior closing a round once a new assessment passes."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.assessments.conftest import MARGIN, all_ratings
from tests.builders import make_person
from vanguard.assessments import selectors
from vanguard.assessments.activities import SatisfactionKind
from vanguard.assessments.errors import AssessmentError
from vanguard.assessments.models import Assessment, Part, Rating, RemedialRound, Respondent
from vanguard.assessments.services import answers, assessments, remedial, sampling, tokens
from vanguard.campaigns.models import Activity, Assignment, Phase
from vanguard.campaigns.services import complete_task
from vanguard.core import clock
from vanguard.people.models import Member
from vanguard.rectification.models import RectificationPlan

pytestmark = pytest.mark.django_db
K = RemedialRound.Kind


@pytest.mark.parametrize(("not_satisfied", "total", "rule", "met"), [
    (51, 100, "most", True), (50, 100, "most", False), (3, 5, "most", True),
    (1, 2, "most", False), (0, 0, "most", False),
    (30, 100, "0.3", True), (29, 100, "0.3", False), (1, 3, "1/3", True)])
def test_the_rule_on_either_side_of_its_threshold(not_satisfied, total, rule, met):
    assert remedial.rule_met(not_satisfied, total, rule) is met


@pytest.mark.parametrize(("setting", "rule"), [("most", "most"), ("0.3", "0.3"),
                                               ("lots", "most"), ("1.5", "most"), (None, "most")])
def test_the_rule_is_read_from_the_template_with_most_as_the_fallback(setting, rule):
    assert remedial.rule_of(Activity(settings={"remedial_when": setting} if setting else {})) \
        == rule


def make_representatives(assessment, office, school, count):
    people = [make_person(f"代表{n:03d}", school.school, category="student",
                          staff_no=f"R{assessment.round}-{n:03d}") for n in range(count)]
    assessments.add_representatives(actor=office, assessment=assessment, people=people)


def run_assessment(assessment, office, school, ratings_list):
    """Name len(ratings_list) representatives, draw, open, answer with their slips, close."""
    make_representatives(assessment, office, school, len(ratings_list))
    sampling.draw_sample(actor=office, assessment=assessment, margin=MARGIN, seed="s")
    assessments.open_assessment(actor=office, assessment=assessment,
                                closes_on=clock.today() + dt.timedelta(days=2))
    slips = [t for r, t in tokens.reissue_slips(actor=office, assessment=assessment)
             if r.part == Part.REPRESENTATIVE]
    for token, ratings in zip(slips, ratings_list, strict=True):
        answers.submit_answers(token=token, ratings=ratings)
    return assessments.close_assessment(actor=office, assessment=assessment)


def with_not(assessment, total, not_count, *questions):
    bad = {q: Rating.NOT for q in questions}
    return ([all_ratings(assessment, **bad) for _ in range(not_count)]
            + [all_ratings(assessment, Rating.BASIC) for _ in range(total - not_count)])


def test_51_of_100_not_satisfied_opens_a_remedial_round(assessment, office, school, district):
    run_assessment(assessment, office, school, with_not(assessment, 100, 51, "overall"))
    (opened,) = RemedialRound.objects.all()
    assert opened.kind == K.REMEDIAL and opened.dissatisfied_share == Decimal("0.5100")
    assert opened.threshold == "most" and opened.triggered_by_id == assessment.pk
    assert opened.supervisor == district.root and opened.closed_at is None
    following = Assessment.objects.get(round=2)
    assert following.remedial == opened and following.state == Assessment.State.DRAFT
    assert following.questions == assessment.questions


def test_50_of_100_not_satisfied_opens_nothing(assessment, office, school):
    run_assessment(assessment, office, school, with_not(assessment, 100, 50, "overall"))
    assert not RemedialRound.objects.exists()
    assert Assessment.objects.count() == 1
    assert not Phase.objects.filter(key__startswith="remedial_").exists()


def test_a_share_rule_opens_at_that_share(assessment, activity, office, school):
    activity.settings["remedial_when"] = "0.3"
    activity.save()
    assessment.activity.refresh_from_db()
    run_assessment(assessment, office, school, with_not(assessment, 10, 3, "overall"))
    assert RemedialRound.objects.get().threshold == "0.3"


def test_below_a_share_rule_nothing_opens(assessment, activity, office, school):
    activity.settings["remedial_when"] = "0.3"
    activity.save()
    run_assessment(assessment, office, school, with_not(assessment, 10, 2, "overall"))
    assert not RemedialRound.objects.exists()


def test_the_remedial_round_gives_every_member_the_rounds_tasks(assessment, office, school,
                                                                rectify_open):
    run_assessment(assessment, office, school, with_not(assessment, 6, 4, "overall"))
    opened = RemedialRound.objects.get()
    track = Phase.objects.get(plan=rectify_open, key=f"remedial_{opened.pk}")
    assert track.kind == Phase.Kind.TRACK and track.state == Phase.State.OPEN
    steps = list(track.activities.order_by("order"))
    assert [a.name for a in steps] == ["重新组织学习", "再次征求意见", "补充整改"]
    assert {a.kind for a in steps} == {"campaigns.task"}
    members = set(Member.objects.filter(organization__path__startswith=school.committee.path)
                  .values_list("person_id", flat=True))
    for step in steps:
        assert set(step.assignments.values_list("person_id", flat=True)) == members


def test_the_template_can_name_the_remedial_steps(assessment, activity, office, school):
    activity.settings["remedial_steps"] = ["补学", {"name": "补谈", "description": "再谈心"}]
    activity.save()
    run_assessment(assessment, office, school, with_not(assessment, 6, 4, "overall"))
    names = Activity.objects.filter(phase__key__startswith="remedial_").order_by("order")
    assert [a.name for a in names] == ["补学", "补谈"]


def test_re_rectification_reopens_the_schools_rectification_plans(assessment, office, school,
                                                                 rectify_open, district):
    plan_activity = rectify_open.activities.get(kind="rectification.plan")
    mine = RectificationPlan.objects.create(
        campaign=rectify_open.campaign, activity=plan_activity, owner_kind="organization",
        organization=school.branches[0], status="approved")
    other_school = RectificationPlan.objects.create(
        campaign=rectify_open.campaign, activity=plan_activity, owner_kind="organization",
        organization=district.schools[1].branches[0], status="approved")
    run_assessment(assessment, office, school, with_not(assessment, 6, 4, "rectification"))
    (opened,) = RemedialRound.objects.all()  # overall was rated 基本满意: no 补课
    assert opened.kind == K.RE_RECTIFICATION
    mine.refresh_from_db()
    other_school.refresh_from_db()
    assert mine.reopened_at is not None and other_school.reopened_at is None
    assert Assessment.objects.get(round=2).remedial == opened


def test_both_rounds_open_when_both_results_are_bad(assessment, office, school):
    run_assessment(assessment, office, school,
                   with_not(assessment, 6, 4, "overall", "rectification"))
    assert set(RemedialRound.objects.values_list("kind", flat=True)) == {K.REMEDIAL,
                                                                         K.RE_RECTIFICATION}
    assert Assessment.objects.filter(round=2).count() == 1


def test_an_open_round_holds_the_gate(assessment, office, school, activity):
    run_assessment(assessment, office, school, with_not(assessment, 6, 4, "overall"))
    facts = SatisfactionKind().gate_facts(activity, school.committee)
    assert facts == [("Remedial rounds finished", 0, 1)]


def test_the_superior_closes_the_round_once_the_new_assessment_passes(assessment, office,
                                                                     school, district):
    run_assessment(assessment, office, school, with_not(assessment, 6, 4, "overall"))
    opened = RemedialRound.objects.get()
    superior = district.users["district_office"]
    with pytest.raises(AssessmentError) as refused:
        remedial.close_remedial_round(actor=superior, remedial=opened)
    assert refused.value.code == "no_new_assessment"
    # The school's own office does not close its own round.
    with pytest.raises(AssessmentError) as refused:
        remedial.close_remedial_round(actor=office, remedial=opened)
    assert refused.value.code == "forbidden"

    following = Assessment.objects.get(round=2)
    run_assessment(following, office, school, with_not(following, 6, 3, "overall"))
    assert RemedialRound.objects.count() == 1  # 3 of 6 is not "most"
    remedial.close_remedial_round(actor=superior, remedial=opened)
    opened.refresh_from_db()
    assert opened.closed_at is not None
    assert Phase.objects.get(key=f"remedial_{opened.pk}").state == Phase.State.CLOSED
    assert SatisfactionKind().gate_facts(assessment.activity, school.committee) == [
        ("Remedial rounds finished", 1, 1)]
    with pytest.raises(AssessmentError, match="already closed"):
        remedial.close_remedial_round(actor=superior, remedial=opened)


def test_a_round_stays_open_while_most_are_still_not_satisfied(assessment, office, school,
                                                              district):
    run_assessment(assessment, office, school, with_not(assessment, 6, 4, "overall"))
    opened = RemedialRound.objects.get()
    following = Assessment.objects.get(round=2)
    run_assessment(following, office, school, with_not(following, 6, 5, "overall"))
    assert Assessment.objects.filter(round=3).exists()  # another round after the second
    with pytest.raises(AssessmentError) as refused:
        remedial.close_remedial_round(actor=district.users["district_office"], remedial=opened)
    assert refused.value.code == "still_not_satisfied"


def test_members_tick_the_rounds_tasks_done(assessment, office, school, district):
    run_assessment(assessment, office, school, with_not(assessment, 6, 4, "overall"))
    member = district.users["member"]
    task = Assignment.objects.filter(person=member.person,
                                     activity__phase__key__startswith="remedial_").first()
    complete_task(actor=member, assignment=task)
    rounds = list(RemedialRound.objects.all())
    assert selectors.task_progress(rounds)[rounds[0].pk]["done"] == 1


def test_no_response_opens_nothing(assessment, opened, office):
    assessments.close_assessment(actor=office, assessment=assessment)
    assert not RemedialRound.objects.exists()
    assert Respondent.objects.filter(answered=True).count() == 0
