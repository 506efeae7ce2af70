"""Phase 2b's democratic evaluation (民主评议) in the demo school.

Branch B1 (day 33 of the review phase, yesterday): opened with the ballots closing today,
self-evaluations from most members, two non-member staff named as voters beside the
branch's four activists, the ballots opened; thirteen of sixteen members vote online and
five of the six non-members on their printed slips. Today the secretary closes the ballots
(so the results show: both rounds have at least five), sets the grade and the evaluation
opinion of eight members, following the ballots (two 优秀, within the one-third cap), and
four acknowledge theirs.
Branch B3 opened its evaluation today: three ballots so far, so its results stay hidden.
"""

import datetime as dt
import random
from collections import Counter

from vanguard.core import clock
from vanguard.demo import review_texts as texts
from vanguard.demo.school import DemoSchool
from vanguard.demo.timeline import on_day
from vanguard.evaluations.models import BallotGrade, Grade, Round
from vanguard.evaluations.services import ballots, grades, stages, tokens
from vanguard.people.models import Person

OPENED = 33
GRADED = slice(8, 16)  # the members of B1 the committee has graded so far (by place)
ACKNOWLEDGED = 4  # of whom the first four acknowledged theirs
NOT_VOTING = 3  # members of B1 who have not voted


def run_evaluations(school: DemoSchool) -> None:
    first_branch(school)
    third_branch(school)


def ballot_for(chance: random.Random, people: list[Person]) -> dict[int, str]:
    """One voter's grades: mostly 合格, some 优秀, now and then 基本合格."""
    return {p.pk: chance.choices([Grade.EXCELLENT, Grade.QUALIFIED, Grade.BASIC],
                                 weights=(3, 6, 1))[0] for p in people}


def open_with_ballots(school: DemoSchool, index: int, closes_on: dt.date, *,
                      self_evaluations: int, staff_voters: int = 0) -> tuple:
    """Open the branch's evaluation, take self-evaluations, name non-member voters and
    open the ballots; returns the evaluation and the slips' tokens."""
    secretary, branch = school.secretary(index).user, school.branches[index]
    evaluation = stages.open_evaluation(actor=secretary, activity=school.step("evaluation"),
                                        branch=branch, closes_on=closes_on)
    for n, person in enumerate(school.members[index][:self_evaluations]):
        grade, text = texts.SELF_EVALUATIONS[n % len(texts.SELF_EVALUATIONS)]
        stages.submit_self_evaluation(actor=person.user, evaluation=evaluation, grade=grade,
                                      text=text)
    staff = Person.objects.filter(school_id=school.top.school_id, category="staff",
                                  member__isnull=True).order_by("id")[:staff_voters]
    for person in staff:
        stages.add_non_member_voter(actor=secretary, evaluation=evaluation, person=person)
    stages.issue_tokens(actor=secretary, evaluation=evaluation)
    # Voters without an account vote on printed slips; printing makes their tokens afresh
    # (as the slips page does), and these are the ones they will type in.
    slips = tokens.reissue_slips(actor=secretary, evaluation=evaluation)
    return evaluation, {participation.pk: token for participation, token in slips}


def vote(evaluation, people: list[Person], voters: list[Person], slips: dict[int, str],
         chance: random.Random) -> None:
    """Members vote online; the non-members holding `slips` type in their slip's token."""
    for voter in voters:
        ballots.cast_own_ballot(actor=voter.user, evaluation=evaluation, round=Round.MUTUAL,
                                grades=ballot_for(chance, people))
    for token in slips.values():
        ballots.cast_ballot(token=token, grades=ballot_for(chance, people))


def first_branch(school: DemoSchool) -> None:
    people, chance = school.members[0], random.Random(school.plan.pk + 33)
    with on_day(school.day(OPENED), hour=14):
        evaluation, slips = open_with_ballots(school, 0, school.day(OPENED + 1),
                                              self_evaluations=12, staff_voters=2)
        one_away = dict(list(slips.items())[:-1])  # one non-member has not voted
        vote(evaluation, people, people[:-NOT_VOTING], one_away, chance)
    secretary = school.secretary(0).user
    stages.close_evaluation(actor=secretary, evaluation=evaluation)
    graded = people[GRADED]
    for n, (person, grade) in enumerate(committee_grades(evaluation, graded)):
        grades.set_grade(actor=secretary, evaluation=evaluation, person=person, grade=grade,
                         achievements=texts.ACHIEVEMENTS[n % len(texts.ACHIEVEMENTS)],
                         shortcomings=texts.SHORTCOMINGS[n % len(texts.SHORTCOMINGS)])
    for person in graded[:ACKNOWLEDGED]:
        grades.acknowledge_grade(actor=person.user, evaluation=evaluation)


def committee_grades(evaluation, people: list[Person]) -> list[tuple[Person, str]]:
    """The committee follows the members' ballots (the results page's figures): 优秀 for the
    two with most 优秀 votes, 基本合格 for one with three or more such votes, 合格 else."""
    votes = Counter(BallotGrade.objects.filter(
        ballot__evaluation=evaluation, ballot__round=Round.MUTUAL,
        person__in=people).values_list("person_id", "grade"))
    by_excellent = sorted(people, key=lambda p: (-votes[(p.pk, Grade.EXCELLENT)], p.pk))
    chosen = {p.pk: Grade.EXCELLENT for p in by_excellent[:2]}
    weakest = max(by_excellent[2:], key=lambda p: (votes[(p.pk, Grade.BASIC)], -p.pk))
    if votes[(weakest.pk, Grade.BASIC)] >= 3:
        chosen[weakest.pk] = Grade.BASIC
    return [(p, chosen.get(p.pk, Grade.QUALIFIED)) for p in people]


def third_branch(school: DemoSchool) -> None:
    """Opened today, closing in three days: three ballots so far."""
    people, chance = school.members[2], random.Random(school.plan.pk + 34)
    evaluation, _tokens = open_with_ballots(school, 2, clock.today() + dt.timedelta(days=3),
                                            self_evaluations=4)
    vote(evaluation, people, people[:3], {}, chance)
