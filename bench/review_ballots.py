"""A school's democratic evaluation as the benchmark generates it (bench/review.py's third
part): each branch at a stage of its own, ballots one per spent token, at most a third graded
优秀, the counts published on the school's public page."""

from bench.review import DONE, _hex, _pick, _uuid
from vanguard.campaigns.models import Notice
from vanguard.evaluations.models import (
    Ballot,
    BallotGrade,
    Evaluation,
    Grade,
    MemberGrade,
    Participation,
    Round,
    SelfEvaluation,
    SpentToken,
)

GRADE_WEIGHTS = {Grade.EXCELLENT: 30, Grade.QUALIFIED: 60, Grade.BASIC: 8,
                 Grade.UNQUALIFIED: 2}


def add_evaluations(g, c, people, activity_id: int, outcomes) -> None:
    """Each branch at a stage of its own: the first still voting, then closed with grades,
    then with its counts published on the school's public page; a fourth still at the
    self-evaluation."""
    stages = (Evaluation.Stage.VOTING, Evaluation.Stage.GRADED, Evaluation.Stage.PUBLISHED,
              Evaluation.Stage.SELF)
    secretaries = {org: person for person, org in people.secretaries}
    users = {m.person_id: m.user_id for m in people.members}
    for b, branch in enumerate(people.branches):
        members = [m for m in people.members if m.branch.id == branch.id]
        _evaluation(g, c, activity_id, branch, stages[b % len(stages)], members,
                    users.get(secretaries.get(branch.id)), outcomes)


def _evaluation(g, c, activity_id, branch, stage, members, secretary_user, outcomes) -> None:
    rng, sink = g.rng, g.sink
    voting = stage == Evaluation.Stage.VOTING
    closes = g.day(g.day_index + 3) if voting or stage == "self" else g.day(g.day_index - 1)
    evaluation_id = sink.next_id(Evaluation)
    sink.tables[Evaluation].add(evaluation_id, c.id, activity_id, branch.id, stage, False,
                                closes, None if voting or stage == "self" else closes)
    for m in members:
        if rng.random() < 0.85:
            sink.tables[SelfEvaluation].add(sink.next_id(SelfEvaluation), evaluation_id,
                                            m.person_id, _pick(rng, GRADE_WEIGHTS),
                                            "能够认真履行党员义务。")
    if stage == Evaluation.Stage.SELF:
        return
    for m in members:
        voted = rng.random() < (0.5 if voting else 0.85)
        token = _hex(rng)
        sink.tables[Participation].add(sink.next_id(Participation), evaluation_id, Round.MUTUAL,
                                       m.person_id, token, voted, False)
        if not voted:
            continue
        sink.tables[SpentToken].add(rng.getrandbits(62) + 1, token)
        ballot_id = _uuid(rng)
        sink.tables[Ballot].add(ballot_id, evaluation_id, Round.MUTUAL, closes)
        for other in members:
            sink.tables[BallotGrade].add(rng.getrandbits(62) + 1, ballot_id, other.person_id,
                                         _pick(rng, GRADE_WEIGHTS))
    if voting:
        return
    excellent = len(members) // 3  # the template's cap: at most a third 优秀
    counts: dict[str, int] = {}
    for i, m in enumerate(members):
        grade = Grade.EXCELLENT if i < excellent and rng.random() < 0.8 else \
            rng.choice((Grade.QUALIFIED, Grade.QUALIFIED, Grade.QUALIFIED, Grade.BASIC))
        counts[grade] = counts.get(grade, 0) + 1
        acknowledged = rng.random() < 0.6
        sink.tables[MemberGrade].add(sink.next_id(MemberGrade), evaluation_id, m.person_id,
                                     grade, "教学工作认真负责，积极参加学习。",
                                     "联系群众还不够广泛。", secretary_user,
                                     g.day(g.day_index) if acknowledged else None)
        if acknowledged:
            outcomes[m.person_id]["evaluation"] = (DONE, g.at(g.day_index, 9), None)
    if stage == Evaluation.Stage.PUBLISHED:
        body = "；".join(f"{Grade(k).label}{n}名" for k, n in counts.items())
        sink.tables[Notice].add(sink.next_id(Notice), c.id, branch.id,
                                f"evaluations.evaluation:{evaluation_id}",
                                f"{branch.name}民主评议党员情况通报",
                                f"本支部{len(members)}名党员参加民主评议。评议结果：{body}。",
                                g.at(g.day_index, 10), secretary_user)
