"""A school's phase 3 records (整改提高), generated ahead of the calendar so that its pages can
be measured at scale: rectification plans of members, branches and the leadership team with
their items on the ledger in every status (some overdue) and evidence for the solved ones,
two lasting rules, a disclosure per school (every fifth school corrected once, the first
snapshot marked superseded), and in every fourth school a closed satisfaction assessment
with representatives, a drawn sample and anonymous responses.

The rows follow the services' rules: a member's plan is decided by their branch's secretary,
a branch's by the school office, the team's by the office above the school; a member's plan
task is done when the plan is approved and their ledger task when every item that can or must
be solved is done or verified (`plans.sync_member_tasks`), so the roll-up filled afterwards
agrees. The disclosure's content has the shape `disclosure.build_content` gives it, built from
the generated rows, and its sha256 is the app's own `disclosure.digest`; the sample is drawn by
`sampling.draw` from the frame the generated roster gives, with the app's roster digest.
"""

import datetime as dt
from decimal import Decimal

from bench.review import _hex, _pick, _uuid
from vanguard.assessments.models import Answer, Assessment, Part, Rating, Respondent, Response
from vanguard.assessments.models import SpentToken as AssessmentToken
from vanguard.assessments.services import sampling
from vanguard.assessments.services.common import GROUP_OF
from vanguard.campaigns.models import Assignment
from vanguard.core import clock
from vanguard.core.errors import VanguardError
from vanguard.people.models import Organization
from vanguard.rectification.models import (
    Disclosure,
    Evidence,
    Item,
    LastingRule,
    Owner,
    RectificationPlan,
)
from vanguard.rectification.services import disclosure as disclosure_service

DONE = Assignment.Status.DONE
P, S, C = RectificationPlan.Status, Item.Status, Item.Class
SOLVED = (S.DONE, S.VERIFIED)
ASSESSMENT_EVERY = 4  # schools 1, 5, 9 … have a closed satisfaction assessment
CORRECTION_EVERY = 5  # schools 1, 6, 11 … corrected their disclosure once
MARGINS = ("0.1", "0.15", "0.2", "0.3")  # the first a school's small roster can sample
PLAN_WEIGHTS = {None: 8, P.DRAFT: 12, P.SUBMITTED: 15, P.RETURNED: 5, P.APPROVED: 60}
CLASS_WEIGHTS = {C.NOW: 60, C.HARD: 30, C.LATER: 10}
RATING_WEIGHTS = {Rating.SATISFIED: 55, Rating.FAIRLY: 25, Rating.BASIC: 14, Rating.NOT: 6}
PROBLEMS = (
    ("理论学习不够系统，学用结合不紧", "每周自学不少于3小时，每月写一篇学习体会",
     "学习笔记完整，体会联系教学实际"),
    ("联系群众不够广泛，与家长沟通偏少", "每学期家访不少于10户，建立家长联系台账",
     "家长满意度明显提高"),
    ("批评学生方式简单", "参加班主任培训，学习教育心理学，每月反思一次", "学生和家长无投诉"),
    ("开会时间偏长，效率不高", "会议实行时间限定，材料会前印发", "例会不超过40分钟"),
    ("对后进学生关心不够", "每人结对帮扶2名后进学生，每周辅导一次", "帮扶学生成绩有提高"),
    ("评优评先程序不够公开", "评优方案、过程和结果全部公示", "公示率100%，无异议"),
)
LATER_EXPLANATION = "涉及校舍改造，需列入区教育局明年预算，已向上级报告，预计明年暑期实施。"
EVIDENCE_TEXTS = ("已完成，学习笔记和体会文章已交支部存档。", "家访记录表12份，家长签字确认。",
                  "相关制度已印发并在校务公开栏公示。")
RULES = (("党员联系群众制度", "每名党员联系3至5名教职工和学生家长，每学期谈心不少于2次。",
          "党政办公室"),
         ("校务公开制度", "评优评先、职称评定、经费使用等事项全部在校务公开栏公示。", "党政办公室"))


def open_tables(g) -> None:
    """In foreign-key order, after the campaign's, phase 1's and phase 2's tables."""
    g.sink.table(RectificationPlan, ["id", "campaign_id", "activity_id", "owner_kind",
                                     "person_id", "organization_id", "status", "submitted_at",
                                     "decided_at", "decided_by_id", "return_reason"])
    g.sink.table(Item, ["id", "plan_id", "campaign_id", "organization_id", "order", "problem",
                        "responsible_id", "responsible_name", "standard", "measures",
                        "deadline", "item_class", "explanation", "status", "done_at",
                        "verified_at", "verified_by_id", "public"])
    g.sink.table(Evidence, ["id", "item_id", "text", "file", "added_by_id"])
    g.sink.table(LastingRule, ["id", "campaign_id", "organization_id", "title", "text",
                               "adopted_on", "owner"])
    g.sink.table(Disclosure, ["id", "campaign_id", "organization_id", "number", "title",
                              "content", "sha256", "published_at", "published_by_id",
                              "superseded_by_id", "correction_note"])
    g.sink.table(Assessment, ["id", "campaign_id", "activity_id", "organization_id", "round",
                              "questions", "state", "closes_on", "margin", "confidence", "seed",
                              "roster_sha256", "roster_sizes", "roster_listing",
                              "sample_drawn_at", "sample_drawn_by_id", "closed_at"])
    g.sink.table(Respondent, ["id", "assessment_id", "person_id", "part", "group", "token_hash",
                              "answered"])
    g.sink.table(AssessmentToken, ["id", "token_hash"])
    g.sink.table(Response, ["id", "assessment_id", "part", "group", "day"])
    g.sink.table(Answer, ["id", "response_id", "question", "rating"])


def add_school_rectify(g, c, people, plan, outcomes, n: int) -> None:
    """Phase 3 of one school; `outcomes` gets each member's plan and ledger task statuses."""
    unit_plans = _plans(g, c, people, plan["rectification_plan"].id, outcomes)
    rules = _rules(g, c, people)
    _disclosures(g, c, people, unit_plans, rules, n)
    if n % ASSESSMENT_EVERY == 1:
        _assessment(g, c, people, plan["satisfaction_assessment"].id)


# --- plans, items, evidence ------------------------------------------------------------------

def _plans(g, c, people, activity_id: int, outcomes) -> list[dict]:
    """Every member's plan (most approved), each branch's and the team's (approved); returns
    the unit plans as the disclosure shows them."""
    parent = g.nodes[people.top.path[:-Organization.steplen]]
    secretaries = {org: person for person, org in people.secretaries}
    users = {m.person_id: m.user_id for m in people.members}
    names = {m.person_id: m.name for m in people.members}
    for m in people.members:
        status = _pick(g.rng, PLAN_WEIGHTS)
        if status is None:
            continue  # not started
        decider = users.get(secretaries.get(m.branch.id)) or people.office_user_id
        items = _plan(g, c, activity_id, Owner.MEMBER, m.person_id, m.branch, status, decider,
                      (m.person_id, m.name), m.diligence, public=False)
        if status == P.APPROVED:
            outcomes[m.person_id]["rectification_plan"] = (DONE, g.at(g.day_index - 3, 17),
                                                           None)
            if all(i["status"] in SOLVED for i in items if i["class"] != C.LATER):
                outcomes[m.person_id]["solve_problems"] = (DONE, g.at(g.day_index - 1, 18),
                                                           None)
    units = []
    principal = people.members[0]
    team_items = _plan(g, c, activity_id, Owner.TEAM, None, people.top, P.APPROVED,
                       g.offices.get(parent.id), (principal.person_id, principal.name), 0.8,
                       public=True)
    units.append({"owner_kind": Owner.TEAM, "owner": people.top.name, "subject": "team",
                  "items": team_items})
    for branch in people.branches:
        secretary = secretaries.get(branch.id)
        items = _plan(g, c, activity_id, Owner.ORGANIZATION, None, branch, P.APPROVED,
                      people.office_user_id, (secretary, names.get(secretary, "")), 0.8,
                      public=True)
        units.append({"owner_kind": Owner.ORGANIZATION, "owner": branch.name,
                      "subject": f"branch:{branch.id}", "items": items})
    return units


def _plan(g, c, activity_id, owner_kind, person_id, organization, status, decider,
          responsible, diligence, *, public: bool) -> list[dict]:
    """One plan with 1–3 items (units: 2–4); returns its items as the disclosure shows them."""
    rng, sink = g.rng, g.sink
    plan_id = sink.next_id(RectificationPlan)
    submitted = status != P.DRAFT
    decided = status in (P.APPROVED, P.RETURNED)
    sink.tables[RectificationPlan].add(
        plan_id, c.id, activity_id, owner_kind, person_id, organization.id, status,
        g.at(g.day_index - 5, 20) if submitted else None,
        g.at(g.day_index - 3, 17) if decided else None, decider if decided else None,
        "措施不够具体，请明确时限" if status == P.RETURNED else "")
    count = rng.randint(1, 3) + (owner_kind != Owner.MEMBER)
    shown = []
    for order, (problem, measures, standard) in enumerate(rng.sample(PROBLEMS, count)):
        shown.append(_item(g, c, plan_id, organization.id, order, problem, measures, standard,
                           responsible, status == P.APPROVED, diligence, decider, public))
    return shown


def _item(g, c, plan_id, org_id, order, problem, measures, standard, responsible, approved,
          diligence, verifier, public) -> dict:
    rng, sink = g.rng, g.sink
    item_id = sink.next_id(Item)
    item_class = _pick(rng, CLASS_WEIGHTS)
    later = item_class == C.LATER
    deadline = None if later else g.today + dt.timedelta(days=rng.randint(-12, 25))
    status = S.OPEN
    if approved:
        roll = rng.random() * (0.5 + 0.5 * diligence)
        status = (S.OPEN if roll < 0.2 else S.IN_PROGRESS if roll < 0.45 or later else
                  S.DONE if roll < 0.7 else S.VERIFIED)
    done_at = g.at(g.day_index - 2, 16) if status in SOLVED else None
    verified = status == S.VERIFIED
    sink.tables[Item].add(
        item_id, plan_id, c.id, org_id, order, problem, responsible[0], responsible[1],
        standard, measures, deadline, item_class, LATER_EXPLANATION if later else "", status,
        done_at, g.at(g.day_index - 1, 10) if verified else None,
        verifier if verified else None, public)
    if status in SOLVED:
        sink.tables[Evidence].add(sink.next_id(Evidence), item_id, rng.choice(EVIDENCE_TEXTS),
                                  "", None)
    return {"id": item_id, "order": order, "problem": problem, "measures": measures,
            "standard": standard, "class": item_class,
            "deadline": deadline.isoformat() if deadline else None,
            "explanation": LATER_EXPLANATION if later else "", "status": status,
            "responsible": responsible[1]}


# --- lasting rules and the disclosure --------------------------------------------------------

def _rules(g, c, people) -> list[dict]:
    rows = []
    for title, text, owner in RULES:
        rule_id = g.sink.next_id(LastingRule)
        adopted = g.day(g.day_index - 2)
        g.sink.tables[LastingRule].add(rule_id, c.id, people.top.id, title, text, adopted, owner)
        rows.append({"id": rule_id, "title": title, "text": text,
                     "adopted_on": adopted.isoformat(), "owner": owner})
    return rows


def _content(g, c, people, units, rules, number, published_at, supersedes, note) -> dict:
    """What `disclosure.build_content` makes of these rows: the unit plans (members' items are
    not public in the seed template), items in their order, the overdue flag as of the day."""
    today = clock.localdate_of(published_at)
    plans = []
    for unit in units:
        items = []
        for i in sorted(unit["items"], key=lambda i: (i["order"], i["id"])):
            deadline = i["deadline"]
            items.append({
                "id": i["id"], "problem": i["problem"], "measures": i["measures"],
                "standard": i["standard"], "class": i["class"], "deadline": deadline,
                "explanation": i["explanation"], "status": i["status"],
                "overdue": bool(deadline and i["status"] in disclosure_service.OPEN
                                and deadline < today.isoformat()),
                "responsible": i["responsible"]})
        if items:
            plans.append({"owner_kind": unit["owner_kind"], "owner": unit["owner"],
                          "subject": unit["subject"], "items": items})
    return {
        "format": disclosure_service.FORMAT, "number": number,
        "title": f"{people.name}整改情况公示",
        "campaign": {"id": c.id, "name": c.name},
        "organization": {"code": people.top.code, "name": people.top.name,
                         "school": people.name},
        "published_at": published_at.astimezone(dt.UTC).isoformat(), "supersedes": supersedes,
        "correction_note": note, "counts": disclosure_service._counts(plans), "plans": plans,
        "rules": rules,
    }


def _disclosures(g, c, people, units, rules, n: int) -> None:
    """Snapshot No. 1 of every school; in every fifth school No. 2 corrects it."""
    sink = g.sink
    first_id = sink.next_id(Disclosure)
    first_at = g.at(g.day_index - 2, 16)
    corrected = n % CORRECTION_EVERY == 1
    second_id = sink.next_id(Disclosure) if corrected else None
    if corrected:  # written first: the first snapshot names it
        note = "更正了一项整改措施的完成时限"
        second_at = g.at(g.day_index - 1, 9)
        content = _content(g, c, people, units, rules, 2, second_at, 1, note)
        sink.tables[Disclosure].add(second_id, c.id, people.top.id, 2, content["title"],
                                    content, disclosure_service.digest(content), second_at,
                                    people.office_user_id, None, note)
    content = _content(g, c, people, units, rules, 1, first_at, None, "")
    sink.tables[Disclosure].add(first_id, c.id, people.top.id, 1, content["title"], content,
                                disclosure_service.digest(content), first_at,
                                people.office_user_id, second_id, "")


# --- the satisfaction assessment -------------------------------------------------------------

def _sample(frame, seed) -> tuple[Decimal, dict]:
    """The first margin the school's roster can be sampled at, and the draw."""
    for margin in MARGINS:
        try:
            sizes = sampling.sizes_for(frame, Decimal(margin), Decimal("0.95"))
        except VanguardError:
            continue
        return Decimal(margin), sampling.draw(frame, sizes, seed)
    raise ValueError("the school's roster is too small to sample")


def _assessment(g, c, people, activity_id: int) -> None:
    """Closed: representatives (teachers and students by name) and a stratified sample of the
    rest of the school's public, 80% of them answered, every question rated."""
    rng, sink = g.rng, g.sink
    settings = c.settings["satisfaction_assessment"]
    questions = settings["questions"]
    groups = settings.get("groups", ["staff", "student", "parent"])
    by_group: dict[str, list[int]] = {group: [] for group in groups}
    for person_id, category in people.public:
        if GROUP_OF.get(category) in by_group:
            by_group[GROUP_OF[category]].append(person_id)
    representatives = {"staff": by_group["staff"][:6], "student": by_group["student"][:4]}
    named = {p for ids in representatives.values() for p in ids}
    frame = {group: sorted(p for p in ids if p not in named) for group, ids in by_group.items()}
    seed = _hex(rng)
    margin, drawn = _sample(frame, seed)
    closes = g.day(g.day_index)
    assessment_id = sink.next_id(Assessment)
    sink.tables[Assessment].add(
        assessment_id, c.id, activity_id, people.top.id, 1, questions,
        Assessment.State.CLOSED, closes, margin, Decimal("0.950"), seed,
        sampling.roster_digest(frame), {k: len(v) for k, v in frame.items()}, frame,
        g.at(g.day_index - 4, 10), people.office_user_id, g.at(g.day_index, 18))
    chosen = [(Part.REPRESENTATIVE, group, p) for group, ids in representatives.items()
              for p in ids]
    chosen += [(Part.SAMPLE, group, p) for group, ids in drawn.items() for p in ids]
    for part, group, person_id in chosen:
        answered = rng.random() < 0.8
        token = _hex(rng)
        sink.tables[Respondent].add(sink.next_id(Respondent), assessment_id, person_id, part,
                                    group, token, answered)
        if not answered:
            continue
        sink.tables[AssessmentToken].add(sink.next_id(AssessmentToken), token)
        response_id = _uuid(rng)  # random: nothing links it to the respondent
        sink.tables[Response].add(response_id, assessment_id, part, group, closes)
        for q in questions:
            sink.tables[Answer].add(_uuid(rng), response_id, q["key"], _pick(rng, RATING_WEIGHTS))
