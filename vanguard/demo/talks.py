"""Phase 2a's heart-to-heart talks (谈心) in the demo school: the coverage matrix partly filled.

The required pairs come from the tree (the talks step made them when the plan was approved).
The leadership team has done all its talks; in the branches the share done falls from the
first branch to the retirees' branch, some talks wait for the other party's confirmation and
some pairs have no talk yet, so the matrix shows its three states with names. The one who
leads a pair records the talk (the principal, then a team member, then the branch
secretary) on a day of the talks step, and the other party confirms it a day or two later.
A few recommended talks (the principal with non-member staff, two members) count apart.
"""

import datetime as dt
import random

from vanguard.core import clock
from vanguard.demo.school import DemoSchool
from vanguard.demo.timeline import on_day
from vanguard.people.models import Member, Person
from vanguard.talks.models import TalkPair
from vanguard.talks.services import talks

# For each branch (by index) the share of required pairs done and the share waiting.
BRANCH_SHARES = {0: (0.8, 0.13), 1: (0.6, 0.2), 2: (0.5, 0.2), 3: (0.4, 0.25), 4: (0.2, 0.25)}
TEAM_SHARES = (1.0, 0.0)
FIRST_DAY, LAST_DAY = 5, 24  # the talks step, in days of the review phase
PLACES = ("党委办公室", "教研组办公室", "校长办公室", "学校会议室", "图书馆阅览室", "操场边")
SUMMARIES = (
    "交流了参加先进性教育活动的体会，对方谈了对教研组工作的看法，提出集体备课要更扎实。",
    "谈了本学期的教学任务和班主任工作压力，相互指出了工作中的不足，约定多沟通。",
    "就征求意见中反映的作业量偏大的问题交换了意见，对方表示将精简作业、分层布置。",
    "对方谈了职称评定中的一些想法，我介绍了学校的评审办法，消除了误会。",
    "交流了对“新时期学校党员先进性具体要求”的理解，对方提出党员要在教学改革中带头。",
    "谈心中相互开展了批评，对方指出我有时工作方法简单，我表示诚恳接受。",
    "了解了对方家庭的实际困难，商定由工会协助解决孩子入托问题。",
    "就分管部门的工作交换意见，对方提出后勤服务要更主动地面向师生。",
)
RECOMMENDED = (
    "听取了对学校管理工作的意见，对方希望学校在评优评先中更多考虑一线教师。",
    "对方谈了对党组织的认识和入党的愿望，鼓励其继续向党组织靠拢。",
)


def run_talks(school: DemoSchool) -> None:
    leads = _leads(school)
    for number, (pair, state) in enumerate(planned_states(school)):
        if state == TalkPair.State.MISSING:
            continue
        recorder, partner = _sides(pair, leads)
        held_on = school.day(FIRST_DAY + number % (LAST_DAY - FIRST_DAY))
        talk = _record(school, recorder, partner, held_on, SUMMARIES[number % len(SUMMARIES)],
                       settled=number % 5 == 2)
        if state == TalkPair.State.DONE and talk.confirmed_at is None:
            with on_day(min(held_on + dt.timedelta(days=1 + number % 2), clock.today())):
                talks.confirm_talk(actor=partner.user, talk=talk)
    _recommended(school)


def planned_states(school: DemoSchool) -> list[tuple[TalkPair, str]]:
    """Each required pair with the state the demo gives it: per unit, the shares of
    BRANCH_SHARES (the team: all done), the pairs drawn in a seeded order."""
    chance = random.Random(school.plan.pk)
    branch_index = {b.pk: i for i, b in enumerate(school.branches)}
    by_unit: dict[int, list[TalkPair]] = {}
    for pair in (TalkPair.objects.filter(activity=school.step("heart_to_heart_talks"))
                 .select_related("person_a__user", "person_b__user")
                 .order_by("organization__path", "id")):
        by_unit.setdefault(pair.organization_id, []).append(pair)
    planned = []
    for unit, pairs in by_unit.items():
        done, waiting = BRANCH_SHARES.get(branch_index.get(unit), TEAM_SHARES)
        drawn = chance.sample(pairs, len(pairs))
        n_done, n_waiting = round(done * len(pairs)), round(waiting * len(pairs))
        states = ([TalkPair.State.DONE] * n_done + [TalkPair.State.WAITING] * n_waiting
                  + [TalkPair.State.MISSING] * len(pairs))
        planned += sorted(zip(drawn, states, strict=False), key=lambda row: row[0].pk)
    return planned


def _leads(school: DemoSchool) -> list[int]:
    """Person ids in the order in which they lead a talk: the principal, the team, the
    branch secretaries."""
    return ([leader.person_id for leader in school.leaders]
            + [school.secretary(i).pk for i in range(len(school.branches))])


def _sides(pair: TalkPair, leads: list[int]) -> tuple[Person, Person]:
    rank = {pk: i for i, pk in enumerate(leads)}
    a, b = pair.person_a, pair.person_b
    if rank.get(b.pk, len(leads)) < rank.get(a.pk, len(leads)):
        return b, a
    return a, b


def _record(school: DemoSchool, recorder: Person, partner: Person, held_on: dt.date,
            summary: str, *, settled: bool):
    with on_day(held_on):
        return talks.record_talk(actor=recorder.user, campaign=school.campaign, partner=partner,
                                 held_on=held_on, place=PLACES[held_on.day % len(PLACES)],
                                 summary=summary, problem_settled=settled)


def _recommended(school: DemoSchool) -> None:
    """The principal with two non-member teachers (no accounts: confirmed at once), and
    two members of branch B2 (waiting for confirmation)."""
    principal = school.leaders[0].person
    outsiders = (Person.objects.filter(school_id=school.top.school_id, category="teacher",
                                       member__isnull=True, activist__isnull=True)
                 .order_by("id")[:2])
    for offset, (outsider, summary) in enumerate(zip(outsiders, RECOMMENDED, strict=False)):
        _record(school, principal, outsider, school.day(FIRST_DAY + 3 + offset * 4), summary,
                settled=False)
    first, second = (m.person for m in Member.objects.filter(
        organization=school.branches[1]).select_related("person__user").order_by("id")[:2])
    _record(school, first, second, school.day(LAST_DAY - 2),
            "同组党员之间交流教学心得，相互提醒在作业布置上要为学生减负。", settled=False)
