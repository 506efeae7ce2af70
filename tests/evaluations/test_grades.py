"""The committee's grades under the template's cap, the member's acknowledgement (their task
done), the counts published without names, and the gate's evaluation checks."""

import pytest

from tests.evaluations.conftest import all_grades
from vanguard.access.models import AuditEntry
from vanguard.campaigns.gates import evaluate_gate
from vanguard.campaigns.models import Assignment, Notice, Notification
from vanguard.evaluations.errors import EvaluationError
from vanguard.evaluations.models import Evaluation, MemberGrade
from vanguard.evaluations.services import ballots, grades, paper, stages
from vanguard.evaluations.services.common import member_ids
from vanguard.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(voting, evaluation, secretary):
    return stages.close_evaluation(actor=secretary, evaluation=evaluation)


def grade(secretary, evaluation, person, value="qualified"):
    return grades.set_grade(actor=secretary, evaluation=evaluation, person=person, grade=value,
                            achievements="学习认真，带头作用明显", shortcomings="联系群众不够")


def people(evaluation):
    return list(Person.objects.filter(pk__in=member_ids(evaluation)).order_by("name"))


def task(person):
    return Assignment.objects.get(person=person, activity__kind="evaluations.evaluation")


def test_grades_are_set_only_after_closing(voting, evaluation, secretary):
    with pytest.raises(EvaluationError, match="after the ballots close"):
        grade(secretary, evaluation, people(evaluation)[0])
    assert not MemberGrade.objects.exists()


def test_a_grade_distribution_over_the_cap_is_refused(closed, secretary):
    first, second, _third = people(closed)
    grade(secretary, closed, first, "excellent")
    with pytest.raises(EvaluationError, match=r"At most 1 of the branch's 3 members may be "
                                              r"graded 优秀 \(the plan allows 1/3\); 1 already"):
        grade(secretary, closed, second, "excellent")
    assert MemberGrade.objects.filter(grade="excellent").count() == 1
    assert not MemberGrade.objects.filter(person=second).exists()
    # The same member may keep their 优秀 when their opinion is rewritten.
    grade(secretary, closed, first, "excellent")


def test_a_grade_for_a_non_member_of_the_branch_is_refused(closed, secretary, district):
    with pytest.raises(EvaluationError, match="not a member of this branch"):
        grade(secretary, closed, district.schools[0].members[0])
    assert not MemberGrade.objects.exists()


def test_an_opinion_is_required_and_bounded(closed, secretary):
    person = people(closed)[0]
    with pytest.raises(EvaluationError, match="Write the achievements"):
        grades.set_grade(actor=secretary, evaluation=closed, person=person, grade="qualified",
                         achievements=" ", shortcomings="x")
    with pytest.raises(EvaluationError, match="at most 2000"):
        grades.set_grade(actor=secretary, evaluation=closed, person=person, grade="qualified",
                         achievements="x", shortcomings="x" * 2001)
    assert not MemberGrade.objects.exists()


def test_other_branch_secretary_cannot_grade(closed, district):
    with pytest.raises(EvaluationError, match="not allowed"):
        grade(district.users["other_secretary"], closed, people(closed)[0])


def test_grades_wait_for_uncounted_paper_ballots(voting, evaluation, secretary):
    from vanguard.evaluations.models import Participation

    row = Participation.objects.filter(evaluation=evaluation).first()
    paper.mark_on_paper(actor=secretary, evaluation=evaluation, participation=row)
    closed = stages.close_evaluation(actor=secretary, evaluation=evaluation)
    with pytest.raises(EvaluationError, match="paper ballots are not counted yet"):
        grade(secretary, closed, people(closed)[0])


def test_the_member_reads_and_acknowledges_and_their_task_is_done(closed, secretary,
                                                                  district):
    member = district.users["member"]
    grade(secretary, closed, member.person)
    assert Notification.objects.filter(person=member.person, url__contains="mine").exists()
    assert task(member.person).status == Assignment.Status.PENDING
    row = grades.acknowledge_grade(actor=member, evaluation=closed)
    assert row.acknowledged_on is not None
    assert task(member.person).status == Assignment.Status.DONE
    assert AuditEntry.objects.filter(action="evaluations.grade.acknowledged").exists()


def test_a_changed_opinion_must_be_acknowledged_again(closed, secretary, district):
    member = district.users["member"]
    grade(secretary, closed, member.person)
    grades.acknowledge_grade(actor=member, evaluation=closed)
    grade(secretary, closed, member.person, "basic")
    assert MemberGrade.objects.get(person=member.person).acknowledged_on is None
    assert task(member.person).status == Assignment.Status.PENDING


def test_nothing_to_acknowledge_before_a_grade(closed, district):
    with pytest.raises(EvaluationError, match="no evaluation opinion"):
        grades.acknowledge_grade(actor=district.users["member"], evaluation=closed)


def test_every_member_graded_moves_to_graded_and_counts_are_published_without_names(
        closed, secretary):
    members = people(closed)
    with pytest.raises(EvaluationError, match="once every member has a grade"):
        grades.publish_counts(actor=secretary, evaluation=closed)
    for person, value in zip(members, ["excellent", "qualified", "basic"], strict=True):
        grade(secretary, closed, person, value)
    assert Evaluation.objects.get(pk=closed.pk).stage == Evaluation.Stage.GRADED
    notice = grades.publish_counts(actor=secretary, evaluation=closed)
    assert Evaluation.objects.get(pk=closed.pk).stage == Evaluation.Stage.PUBLISHED
    assert Notice.objects.get() == notice and notice.published_at is not None
    assert "优秀1名，合格1名，基本合格1名，不合格0名" in notice.body
    for person in members:
        assert person.name not in notice.body and person.name not in notice.title
    with pytest.raises(EvaluationError, match="after the ballots close and before"):
        grade(secretary, closed, members[0])


def test_the_gate_shows_the_evaluation_check_and_the_opinions_fact(closed, secretary,
                                                                   district, review_open):
    member = district.users["member"]
    grade(secretary, closed, member.person)
    grades.acknowledge_grade(actor=member, evaluation=closed)
    results = evaluate_gate(review_open.phases.get(key="review"))
    check = next(r for r in results if r.label == "每名党员收到评议意见并确认")
    fact = next(r for r in results if r.label == "Members with an evaluation opinion")
    required = Assignment.objects.filter(activity__plan=review_open,
                                         activity__kind="evaluations.evaluation").count()
    assert (check.done, check.required) == (1, required)
    assert (fact.done, fact.required) == (1, required)
    assert not check.passed and not fact.passed


def test_ballot_grades_never_decide_the_committee_grade(closed, secretary):
    # The committee sets grades by its own judgement; ballots are advice (none were cast).
    person = people(closed)[0]
    grade(secretary, closed, person, "unqualified")
    assert MemberGrade.objects.get(person=person).grade == "unqualified"
    assert all_grades(closed)
    assert ballots.voting_is_open(closed) is False
