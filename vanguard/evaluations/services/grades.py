"""The branch committee's grade and evaluation opinion (评议意见) for each member, the member's
acknowledgement, and the counts per grade published to the branch's public (通报).

The template's cap (`excellent_max`, "1/3") allows at most floor(cap × members) 优秀. A grade
changed after the member acknowledged it must be read and acknowledged again.
"""

from math import floor

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from vanguard.access import audit
from vanguard.campaigns.models import Assignment, Notification
from vanguard.campaigns.services import notices, rollup
from vanguard.core import clock
from vanguard.evaluations.activities import EVALUATION_KIND
from vanguard.evaluations.errors import EvaluationError
from vanguard.evaluations.models import MAX_OPINION, Evaluation, Grade, MemberGrade, Round
from vanguard.evaluations.services.common import (
    excellent_cap,
    locked,
    member_ids,
    require,
    running,
)
from vanguard.evaluations.services.paper import paper_result
from vanguard.people.models import Person

S = Evaluation.Stage


def _text(value: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise EvaluationError(_("Write the %(what)s: the member reads it.") % {"what": label},
                              code="empty")
    if len(value) > MAX_OPINION:
        raise EvaluationError(_("The %(what)s may be at most %(max)d characters; it has %(n)d.")
                              % {"what": label, "max": MAX_OPINION, "n": len(value)},
                              code="long")
    return value


def _within_cap(evaluation: Evaluation, person: Person, grade: str, members: int) -> None:
    if grade != Grade.EXCELLENT:
        return
    cap = excellent_cap(evaluation)
    limit = floor(cap * members)
    others = MemberGrade.objects.filter(evaluation=evaluation, grade=Grade.EXCELLENT).exclude(
        person=person).count()
    if others + 1 > limit:
        raise EvaluationError(
            _("At most %(limit)d of the branch's %(members)d members may be graded 优秀 (the "
              "plan allows %(cap)s); %(others)d already are. Grade this member otherwise, or "
              "change another member's grade first.")
            % {"limit": limit, "members": members, "cap": str(cap), "others": others},
            code="over_cap")


def _paper_settled(evaluation: Evaluation) -> None:
    rounds = [Round.MUTUAL] + ([Round.NON_MEMBER] if evaluation.non_member_round else [])
    for round_ in rounds:
        result = paper_result(evaluation, round_)
        if not result.counted:
            raise EvaluationError(_("The paper ballots are not counted yet: %(why)s")
                                  % {"why": " ".join(result.problems)}, code="paper")


def _assignment(evaluation: Evaluation, person_id: int) -> Assignment | None:
    return Assignment.objects.filter(person_id=person_id, activity__kind=EVALUATION_KIND,
                                     activity__plan__campaign_id=evaluation.campaign_id).first()


def _notify(evaluation: Evaluation, person: Person) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        text = _("Your branch's evaluation opinion for you is ready: read it and acknowledge "
                 "it.")
        url = reverse("evaluations:mine", args=[evaluation.campaign_id])
    Notification.objects.create(person=person, text=text[:300], url=url)


@transaction.atomic
def set_grade(*, actor, evaluation: Evaluation, person: Person, grade: str, achievements: str,
              shortcomings: str) -> MemberGrade:
    """The committee's grade and opinion for one member, after the ballots closed."""
    evaluation = locked(evaluation)
    require(actor, "evaluations.run_evaluation", evaluation)
    running(evaluation)
    if evaluation.stage not in (S.CLOSED, S.GRADED):
        raise EvaluationError(_("Grades are set after the ballots close and before the counts "
                                "are published."), code="stage")
    members = member_ids(evaluation)
    if person.pk not in members:
        raise EvaluationError(_("%(name)s is not a member of this branch.")
                              % {"name": person.name}, code="not_member")
    if grade not in Grade.values:
        raise EvaluationError(_("Choose one of the four grades."), code="grade")
    achievements = _text(achievements, _("achievements"))
    shortcomings = _text(shortcomings, _("shortcomings"))
    _paper_settled(evaluation)
    _within_cap(evaluation, person, grade, len(members))
    row = MemberGrade.objects.select_for_update().filter(evaluation=evaluation,
                                                         person=person).first()
    before = row.grade if row else None
    if row is None:
        row = MemberGrade(evaluation=evaluation, person=person)
    changed = (row.grade, row.achievements, row.shortcomings) != (grade, achievements,
                                                                  shortcomings)
    row.grade, row.achievements, row.shortcomings, row.set_by = (grade, achievements,
                                                                 shortcomings, actor)
    if changed and row.acknowledged_on is not None:
        row.acknowledged_on = None  # a changed opinion is read and acknowledged again
        assignment = _assignment(evaluation, person.pk)
        if assignment is not None and assignment.status == Assignment.Status.DONE:
            rollup.set_status(assignment, Assignment.Status.PENDING)
    row.save()
    graded = MemberGrade.objects.filter(evaluation=evaluation, person_id__in=members).count()
    stage = S.GRADED if graded == len(members) else S.CLOSED
    if stage != evaluation.stage:
        evaluation.stage = stage
        evaluation.save(update_fields=["stage", "updated_at"])
    audit.record(actor=actor, action="evaluations.grade.set", target=row,
                 changes={"grade": [before, grade]})
    if changed:
        _notify(evaluation, person)
    return row


@transaction.atomic
def acknowledge_grade(*, actor, evaluation: Evaluation) -> MemberGrade:
    """The member has read their grade and opinion; their task is done."""
    person = getattr(actor, "person", None)
    row = person and MemberGrade.objects.select_for_update().filter(
        evaluation=evaluation, person=person).first()
    if not row:
        raise EvaluationError(_("There is no evaluation opinion for you to acknowledge yet."),
                              code="no_grade")
    if row.acknowledged_on is None:
        row.acknowledged_on = clock.today()
        row.save(update_fields=["acknowledged_on", "updated_at"])
        audit.record(actor=actor, action="evaluations.grade.acknowledged", target=row,
                     changes={"acknowledged_on": [None, str(row.acknowledged_on)]})
    assignment = _assignment(evaluation, person.pk)
    if assignment is not None and assignment.status == Assignment.Status.PENDING:
        rollup.set_status(assignment, Assignment.Status.DONE)
    return row


def grade_counts(evaluation: Evaluation) -> dict[str, int]:
    counts = dict.fromkeys(Grade.values, 0)
    for grade in MemberGrade.objects.filter(evaluation=evaluation).values_list("grade",
                                                                               flat=True):
        counts[grade] += 1
    return counts


def notice_text(evaluation: Evaluation, counts: dict[str, int]) -> tuple[str, str]:
    """The notice's title and body: numbers per grade, never a name (Chinese, as issued)."""
    branch = evaluation.organization.name
    labels = dict(Grade.choices)
    parts = "，".join(f"{labels[g]}{counts[g]}名" for g in Grade.values)
    title = f"{branch}民主评议党员情况通报"[:120]
    body = (f"{branch}按照先进性教育活动实施方案，经个人自评、党员互评"
            f"{'、群众评议' if evaluation.non_member_round else ''}，由支部委员会对"
            f"{sum(counts.values())}名党员逐一提出评议意见并反馈本人。评议结果：{parts}。")
    return title, body


@transaction.atomic
def publish_counts(*, actor, evaluation: Evaluation):
    """The counts per grade as the branch's public notice (通报)."""
    evaluation = locked(evaluation)
    require(actor, "evaluations.run_evaluation", evaluation)
    if evaluation.stage != S.GRADED:
        raise EvaluationError(_("The counts are published once every member has a grade."),
                              code="stage")
    counts = grade_counts(evaluation)
    title, body = notice_text(evaluation, counts)
    notice = notices.publish_notice(actor=actor, campaign=evaluation.campaign,
                                    organization=evaluation.organization,
                                    source=f"evaluations.evaluation:{evaluation.pk}",
                                    title=title, body=body)
    evaluation.stage = S.PUBLISHED
    evaluation.save(update_fields=["stage", "updated_at"])
    audit.record(actor=actor, action="evaluations.counts.published", target=evaluation,
                 changes={"stage": [S.GRADED, S.PUBLISHED],
                          **{g: [None, n] for g, n in counts.items()}})
    return notice
