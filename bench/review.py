"""A school's phase 2 records (分析评议), generated ahead of the calendar so that its pages can
be measured at scale: opinions from every channel and source group (most sorted, half the
members' feedback released), the required talk pairs with their talks, self-analyses with
versions and reviews, and in every third school a democratic evaluation per branch
(bench/review_ballots.py).

The rows follow the services' rules (who pairs with whom, who reviews whom, one ballot per
spent token, at most a third graded 优秀) and each member's phase 2 tasks follow the rows,
so the roll-up filled afterwards agrees with them. Texts are short: sizes, not prose,
matter here.
"""

import uuid

from vanguard.analyses.models import AnalysisVersion, Review, SelfAnalysis
from vanguard.campaigns.models import Assignment, Notice
from vanguard.evaluations.models import (
    Ballot,
    BallotGrade,
    Evaluation,
    MemberGrade,
    Participation,
    SelfEvaluation,
    SpentToken,
)
from vanguard.opinions.models import Channel, Feedback, Intake, Opinion, SourceGroup, Subject
from vanguard.opinions.models import Symposium as SymposiumRow
from vanguard.people.models import Organization
from vanguard.talks.models import Rule, Talk, TalkPair

DONE = Assignment.Status.DONE
OPINIONS_PER_MEMBER = 3
EVALUATION_EVERY = 3  # schools 1, 4, 7 … evaluate their branches
STAFF = (Channel.SYMPOSIUM, Channel.TALK, Channel.BOX, Channel.FORM, Channel.HOTLINE)
CHANNEL_WEIGHTS = {Channel.WEB: 25, Channel.FORM: 20, Channel.SYMPOSIUM: 20, Channel.BOX: 15,
                   Channel.TALK: 10, Channel.HOTLINE: 10}
GROUP_WEIGHTS = {SourceGroup.MEMBER: 30, SourceGroup.STAFF: 25, SourceGroup.STUDENT: 15,
                 SourceGroup.PARENT: 15, SourceGroup.RETIRED: 8, SourceGroup.DEMOCRATIC: 7}
OPINION_TEXTS = (
    ("备课认真，但课后辅导学生的时间偏少，希望多关心后进学生。", "希望多关心后进学生"),
    ("工作积极主动，在教研组中起到了带头作用。", "教研工作中起带头作用"),
    ("有时批评学生方式简单，建议注意方法。", "批评学生方式需改进"),
    ("参加政治学习不够主动，笔记记得较少。", "政治学习主动性不足"),
    ("对同事热情，乐于帮助青年教师成长。", "乐于帮助青年教师"),
    ("希望在评优评先中更加公开透明。", "评优评先应更公开"),
    ("与家长沟通较少，家长会发言简短。", "与家长沟通偏少"),
    ("工作作风扎实，能够深入班级了解情况。", "作风扎实，深入班级"),
    ("开会时间偏长，希望提高会议效率。", "会议效率有待提高"),
    ("对学校后勤工作提出的意见落实较慢。", "意见落实较慢"),
)
RESPONSES = ("感谢大家的意见，我将认真改进。", "这条意见说得对，我已制定改进措施。",
             "情况属实，今后注意与家长多沟通。")
TALK_PLACES = ("党员活动室", "校长办公室", "教研组办公室", "会议室")
TALK_SUMMARIES = ("交流了近期的思想和工作情况，互相指出了不足。",
                  "就教学改革中的分歧交换了意见，达成了共识。",
                  "谈了对学校发展的看法，提出了改进建议。")

def open_tables(g) -> None:
    """In foreign-key order, after the campaign's and phase 1's tables."""
    g.sink.table(Intake, ["id", "activity_id", "campaign_id", "organization_id", "form_key",
                          "is_open", "second_check"])
    g.sink.table(SymposiumRow, ["id", "intake_id", "organization_id", "held_on", "attendance",
                                "attendees", "recorded_by_id"])
    g.sink.table(Feedback, ["id", "campaign_id", "subject_kind", "subject_person_id",
                            "organization_id", "released_on", "released_by_id", "read_on"])
    g.sink.table(Opinion, ["id", "intake_id", "campaign_id", "subject_kind",
                           "subject_person_id", "organization_id", "category", "channel",
                           "source_group", "text", "summary", "received_on", "anonymous",
                           "giver_id", "giver_name", "symposium_id", "on_paper",
                           "entered_by_id", "status", "merged_into_id", "weight",
                           "set_aside_reason", "feedback_id", "read_on", "response"])
    g.sink.table(Talk, ["id", "campaign_id", "organization_id", "person_a_id", "person_b_id",
                        "rule", "held_on", "place", "summary", "problem_settled",
                        "recorded_by_id", "entered_by_id", "confirmed_at"])
    g.sink.table(TalkPair, ["id", "campaign_id", "activity_id", "organization_id",
                            "person_a_id", "person_b_id", "rule", "state", "talk_id"])
    g.sink.table(SelfAnalysis, ["id", "campaign_id", "activity_id", "person_id",
                                "organization_id", "status", "sections", "opinion_links",
                                "reviewer_id", "reviewer_office_id", "submitted_at",
                                "approved_at", "revised_at", "times_returned"])
    g.sink.table(AnalysisVersion, ["id", "analysis_id", "number", "sections", "opinion_links",
                                   "characters", "is_revision", "submitted_at"])
    g.sink.table(Review, ["id", "analysis_id", "version_id", "reviewer_id", "decision",
                          "comments", "comment"])
    g.sink.table(Evaluation, ["id", "campaign_id", "activity_id", "organization_id", "stage",
                              "non_member_round", "closes_on", "closed_on"])
    g.sink.table(SelfEvaluation, ["id", "evaluation_id", "person_id", "grade", "text"])
    g.sink.table(Participation, ["id", "evaluation_id", "round", "person_id", "token_hash",
                                 "voted", "on_paper"])
    g.sink.table(SpentToken, ["id", "token_hash"])
    g.sink.table(Ballot, ["id", "evaluation_id", "round", "day"])
    g.sink.table(BallotGrade, ["id", "ballot_id", "person_id", "grade"])
    g.sink.table(MemberGrade, ["id", "evaluation_id", "person_id", "grade", "achievements",
                               "shortcomings", "set_by_id", "acknowledged_on"])
    g.sink.table(Notice, ["id", "campaign_id", "organization_id", "source", "title", "body",
                          "published_at", "published_by_id"])


def add_school_review(g, c, people, plan, outcomes, n: int) -> None:
    """Phase 2 of one school; `outcomes` gets each member's phase 2 task statuses."""
    _opinions(g, c, people, plan["opinion_intake"].id, outcomes)
    _talks(g, c, people, plan["heart_to_heart_talks"].id, outcomes)
    _analyses(g, c, people, plan["self_analysis"].id, outcomes)
    if n % EVALUATION_EVERY == 1:
        from bench.review_ballots import add_evaluations  # it uses this module's helpers

        add_evaluations(g, c, people, plan["evaluation"].id, outcomes)


def _pick(rng, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _uuid(rng) -> uuid.UUID:
    return uuid.UUID(int=rng.getrandbits(128), version=4)


def _hex(rng) -> str:
    return f"{rng.getrandbits(256):064x}"


# --- opinions and feedback -------------------------------------------------------------------

def _subject(rng, people):
    """(kind, person id, organization id): mostly a member, sometimes a leader or a unit."""
    roll = rng.random()
    if roll < 0.85:
        m = rng.choice(people.members)
        return Subject.MEMBER, m.person_id, m.branch.id
    if roll < 0.92:
        return Subject.LEADER, rng.choice(people.leaders)[0], people.top.id
    if roll < 0.96:
        return Subject.BRANCH, None, rng.choice(people.branches).id
    return rng.choice((Subject.TEAM, Subject.PARTY_ORG)), None, people.top.id


def _opinions(g, c, people, activity_id: int, outcomes) -> None:
    rng, sink, office = g.rng, g.sink, people.office_user_id
    intake_id = sink.next_id(Intake)
    sink.tables[Intake].add(intake_id, activity_id, c.id, people.top.id,
                            f"{rng.getrandbits(128):032x}"[:22], True, False)
    symposium_id = sink.next_id(SymposiumRow)
    sink.tables[SymposiumRow].add(symposium_id, intake_id, people.top.id, g.day(g.day_index - 6),
                                  24, "18名教师、4名离退休老同志、2名民主党派人士", office)
    # Half of the members have their feedback released (with the opinions about them).
    released = {m.person_id for m in people.members if rng.random() < 0.5}
    read_all = {p for p in released if rng.random() < 0.6}
    by_subject: dict[tuple, list[list]] = {}
    for _ in range(OPINIONS_PER_MEMBER * len(people.members)):
        kind, person_id, org_id = _subject(rng, people)
        by_subject.setdefault((kind, person_id, org_id), []).append(
            _opinion_row(g, c, people, intake_id, symposium_id, kind, person_id, org_id))
    feedback_table, opinions = sink.tables[Feedback], sink.tables[Opinion]
    released_on = g.day(g.day_index - 2)
    for (kind, person_id, org_id), rows in by_subject.items():
        feedback_id = None
        if kind == Subject.MEMBER and person_id in released:
            feedback_id = sink.next_id(Feedback)
            fully = person_id in read_all
            feedback_table.add(feedback_id, c.id, kind, person_id, org_id, released_on, office,
                               g.day(g.day_index - 1) if fully else None)
            if fully:
                outcomes[person_id]["opinion_intake"] = (DONE, g.at(g.day_index - 1, 20), None)
        _settle(g, rows, feedback_id, person_id in read_all)
        for row in rows:
            opinions.add(*row)


def _opinion_row(g, c, people, intake_id, symposium_id, kind, person_id, org_id) -> list:
    rng = g.rng
    channel = _pick(rng, CHANNEL_WEIGHTS)
    group = _pick(rng, GROUP_WEIGHTS)
    text, summary = rng.choice(OPINION_TEXTS)
    anonymous = rng.random() < 0.75
    giver_id, giver_name = None, ""
    if not anonymous:
        if group == SourceGroup.MEMBER:
            giver = rng.choice(people.members)
            giver_id, giver_name = giver.person_id, giver.name
        else:
            giver_name = g.names.name()
    on_paper = channel in STAFF
    return [_uuid(rng), intake_id, c.id, kind, person_id, org_id,
            rng.choice(("thought", "work", "style", "other")), channel, group, text, summary,
            g.day(rng.randint(g.day_index - 10, g.day_index - 3)), anonymous, giver_id,
            giver_name, symposium_id if channel == Channel.SYMPOSIUM else None, on_paper,
            people.office_user_id if on_paper else None, Opinion.Status.SORTED, None, 1, "",
            None, None, ""]


# Column positions in an opinion row (the order of open_tables).
_ID, _SUMMARY, _STATUS, _MERGED, _WEIGHT, _ASIDE, _FEEDBACK, _READ, _RESPONSE = (
    0, 10, 18, 19, 20, 21, 22, 23, 24)


def _settle(g, rows: list[list], feedback_id: int | None, read_all: bool) -> None:
    """Statuses as sorting leaves them: a duplicate now and then merged into the subject's
    first opinion; with feedback released, the rest released to it (read, some answered);
    without, most sorted, some still waiting, a few set aside or waiting for a check."""
    rng = g.rng
    for i, row in enumerate(rows):
        if i and rng.random() < 0.08 and rows[0][_STATUS] in (Opinion.Status.SORTED,
                                                               Opinion.Status.RELEASED):
            row[_STATUS], row[_MERGED] = Opinion.Status.MERGED, rows[0][_ID]
            rows[0][_WEIGHT] += 1
            continue
        if feedback_id is not None:
            row[_STATUS], row[_FEEDBACK] = Opinion.Status.RELEASED, feedback_id
            if read_all or rng.random() < 0.3:
                row[_READ] = g.day(g.day_index - 1)
                if rng.random() < 0.3:
                    row[_RESPONSE] = rng.choice(RESPONSES)
            continue
        roll = rng.random()
        if roll < 0.25:
            row[_STATUS], row[_SUMMARY] = Opinion.Status.RECEIVED, ""
        elif roll < 0.3:
            row[_STATUS], row[_ASIDE] = Opinion.Status.SET_ASIDE, "与本人无关"
        elif roll < 0.33 and row[16]:  # typed in from paper: waits for the second check
            row[_STATUS], row[_SUMMARY] = Opinion.Status.UNCONFIRMED, ""


# --- talks -----------------------------------------------------------------------------------

def required_pairs(people) -> dict[tuple[int, int], tuple[str, int]]:
    """{(lower, higher person id): (rule, organization id)}, as `talks.services.pairs`
    reads them from the tree: the team (principal first) and the departments its members
    oversee at the school's top, then each branch's secretary with its members."""
    wanted: dict[tuple[int, int], tuple[str, int]] = {}

    def add(a, b, rule, org):
        if a != b:
            wanted.setdefault((min(a, b), max(a, b)), (rule, org))

    team = [person_id for person_id, _org in people.leaders]  # the principal first
    for i, first in enumerate(team):
        for second in team[i + 1:]:
            add(first, second, Rule.PRINCIPAL_TEAM if i == 0 else Rule.TEAM_TEAM,
                people.top.id)
    for leader, head in people.oversight:
        add(leader, head, Rule.TEAM_DEPARTMENT, people.top.id)
    branch_secretaries = {org: person for person, org in people.secretaries}
    for m in people.members:
        secretary = branch_secretaries.get(m.branch.id)
        if secretary is not None:
            add(secretary, m.person_id, Rule.SECRETARY_MEMBER, m.branch.id)
    return wanted


def _talks(g, c, people, activity_id: int, outcomes) -> None:
    rng, sink = g.rng, g.sink
    users = {m.person_id: m.user_id for m in people.members}
    diligence = {m.person_id: m.diligence for m in people.members}
    open_pairs: dict[int, int] = {}
    for (a, b), (rule, org_id) in required_pairs(people).items():
        roll, talk_id = rng.random(), None
        state = (TalkPair.State.DONE if roll < 0.2 + 0.5 * diligence[b] else
                 TalkPair.State.WAITING if roll < 0.35 + 0.5 * diligence[b] else
                 TalkPair.State.MISSING)
        if state != TalkPair.State.MISSING:
            talk_id = _talk(g, c, a, b, rule, org_id, users, confirmed=state == "done")
        sink.tables[TalkPair].add(sink.next_id(TalkPair), c.id, activity_id, org_id, a, b,
                                  rule, state, talk_id)
        for person in (a, b):
            open_pairs[person] = open_pairs.get(person, 0) + (state != TalkPair.State.DONE)
    for person, still_open in open_pairs.items():
        if not still_open:
            outcomes[person]["heart_to_heart_talks"] = (DONE, g.at(g.day_index - 1, 18), None)
    wanted = required_pairs(people)
    for _ in range(len(people.members) // 5):  # recommended talks between members
        x, y = rng.sample(people.members, 2)
        a, b = min(x.person_id, y.person_id), max(x.person_id, y.person_id)
        if (a, b) not in wanted:
            _talk(g, c, a, b, Rule.MEMBER_MEMBER, x.branch.id, users, confirmed=True)


def _talk(g, c, a, b, rule, org_id, users, *, confirmed: bool) -> int:
    rng = g.rng
    talk_id = g.sink.next_id(Talk)
    recorder = rng.choice((a, b))
    held = rng.randint(g.day_index - 12, g.day_index - 2)
    g.sink.tables[Talk].add(talk_id, c.id, org_id, a, b, rule, g.day(held),
                            rng.choice(TALK_PLACES), rng.choice(TALK_SUMMARIES),
                            rng.random() < 0.3, recorder, users.get(recorder),
                            g.at(held + 1, 19) if confirmed else None)
    return talk_id


# --- self-analyses ---------------------------------------------------------------------------

def reviewers(g, people) -> dict[int, tuple[int | None, int | None]]:
    """{person id: (reviewing account, reviewing office's organization)}, as
    `analyses.chain.reviewer_for` reads the tree: principal → the office above the school;
    team member → the principal; department head → the team member overseeing them;
    secretary → the principal; member → their branch's secretary."""
    principal = people.members[0]
    users = {m.person_id: m.user_id for m in people.members}
    parent = g.nodes[people.top.path[:-Organization.steplen]]
    team = {person for person, _org in people.leaders}
    overseer: dict[int, int] = {}
    for leader, head in people.oversight:  # in the leaders' order: the first one wins
        if leader != head:
            overseer.setdefault(head, leader)
    heads = {head for _leader, head in people.oversight}
    secretaries = {person for person, _org in people.secretaries}
    branch_secretary = {org: person for person, org in people.secretaries}
    chain = {}
    for m in people.members:
        p = m.person_id
        if p == principal.person_id:
            chain[p] = (None, parent.id)
        elif p in team:
            chain[p] = (principal.user_id, None)
        elif p in heads:
            chain[p] = ((users[overseer[p]], None) if p in overseer
                        else (None, people.top.id))
        elif p in secretaries:
            chain[p] = (principal.user_id, None)
        elif branch_secretary.get(m.branch.id, p) != p:
            chain[p] = (users[branch_secretary[m.branch.id]], None)
        else:
            chain[p] = (None, people.top.id)
    return chain


def _versions(g, analysis_id, sections, characters, reviewer, problems_key, history,
              submitted) -> None:
    """One version per submission, each with the decision on it (None: still waiting). An
    entry of `history` is a decision, or (decision, submitted at) for an earlier one."""
    sink = g.sink
    for number, entry in enumerate(history, start=1):
        decision, at = entry if isinstance(entry, tuple) else (entry, submitted)
        version_id = sink.next_id(AnalysisVersion)
        sink.tables[AnalysisVersion].add(version_id, analysis_id, number, sections, {},
                                         characters, False, at)
        if decision is None:
            continue
        returned = decision == "returned"
        comments = {problems_key: "问题查找不够具体，请结合本职工作"} if returned else {}
        sink.tables[Review].add(sink.next_id(Review), analysis_id, version_id, reviewer,
                                decision, comments, "请修改后再交" if returned else "同意")


def _analyses(g, c, people, activity_id: int, outcomes) -> None:
    rng, sink = g.rng, g.sink
    keys = [s["key"] for s in c.settings["self_analysis"].get("sections", [])]
    chain = reviewers(g, people)
    for m in people.members:
        roll = rng.random() * (0.6 + 0.4 * m.diligence)
        if roll < 0.1:
            continue  # not started
        status = ("draft" if roll < 0.25 else "submitted" if roll < 0.42 else
                  "returned" if roll < 0.5 else "approved" if roll < 0.7 else
                  "revising" if roll < 0.8 else "final")
        sections = {k: g.texts.draft()[0] for k in keys}
        characters = sum(len(v) for v in sections.values())  # near enough for the figures
        reviewer, office = chain[m.person_id] if status != "draft" else (None, None)
        acting = reviewer or g.offices.get(office)
        returned_first = status != "draft" and rng.random() < 0.2
        times_returned = int(returned_first) + (status == "returned")
        submitted = g.at(g.day_index - 4, 21) if status != "draft" else None
        analysis_id = sink.next_id(SelfAnalysis)
        sink.tables[SelfAnalysis].add(
            analysis_id, c.id, activity_id, m.person_id, m.branch.id, status, sections, {},
            reviewer, office, submitted,
            g.at(g.day_index - 2, 10) if status in ("approved", "revising", "final") else None,
            g.at(g.day_index - 1, 21) if status == "final" else None, times_returned)
        if status == "draft":
            continue
        history = [("returned", g.at(g.day_index - 7, 21))] if returned_first else []
        history.append({"returned": "returned", "submitted": None}.get(status, "approved"))
        _versions(g, analysis_id, sections, characters, acting, keys[2], history, submitted)
        if status == "final":
            sink.tables[AnalysisVersion].add(sink.next_id(AnalysisVersion), analysis_id,
                                             len(history) + 1, sections, {}, characters, True,
                                             g.at(g.day_index - 1, 21))
            outcomes[m.person_id]["self_analysis"] = (DONE, g.at(g.day_index - 1, 21), None)
