"""The preparation survey (充分做好准备工作) at S01 in the main campaign: the office opens it on
the launch day, before the mobilization meeting, for a week; about two members in three answer
with the token their notification carries, and parents, students and staff answer through the
public link; the office closes it on day 7, so its results and hot issues show.

Answers go through the survey services as a respondent's would (no audit, nothing tying an
answer to a person); a member's token is read from the link in their notification, as their
phone would open it.
"""

import random

from vanguard.campaigns.models import Campaign, Notification
from vanguard.demo.district import DemoDistrict
from vanguard.demo.oversight import day_of, hand_office
from vanguard.demo.timeline import on_day
from vanguard.surveys.models import Group, Survey
from vanguard.surveys.services import answers, surveys

# Topic keys with their weights: what teachers, parents and students worry about most.
WEIGHTS = {"fees": 5, "safety": 4, "scores": 6, "mental_health": 4, "ethics": 5,
           "teaching": 3, "service": 3, "members": 2}
PUBLIC_WEIGHTS = {"fees": 7, "safety": 6, "scores": 6, "mental_health": 3, "ethics": 4,
                  "teaching": 4, "service": 2, "members": 1}
EXPECTATIONS = (
    "希望活动不走过场，真正解决几个群众关心的问题。",
    "希望学习安排避开期中考试，不加重一线教师负担。",
    "希望党员教师在师德方面带头，杜绝有偿家教。",
    "希望学校公开收费项目，家长心里有数。",
    "",
    "希望多关心青年教师和学生的心理健康。",
    "",
)
OTHERS = ("食堂饭菜质量和价格", "放学时校门口交通拥堵")
PUBLIC = ((Group.PARENT, 14), (Group.STUDENT, 10), (Group.STAFF, 8), (Group.OTHER, 2))


def _topics(chance: random.Random, weights: dict[str, int], most: int) -> list[str]:
    keys, chosen = list(weights), set()
    for _ in range(chance.randint(1, most)):
        chosen.add(chance.choices(keys, weights=[weights[k] for k in keys])[0])
    return sorted(chosen)


def run_survey(demo: DemoDistrict, campaign: Campaign) -> Survey:
    top = demo.schools[0][1]
    office = hand_office(top)
    chance = random.Random(9000 + campaign.pk)
    with on_day(day_of(campaign, 0), hour=10):
        survey = surveys.create_survey(actor=office, campaign=campaign, organization=top)
        survey = surveys.open_survey(actor=office, survey=survey,
                                     closes_on=day_of(campaign, 6))
    links = list(Notification.objects.filter(key=f"survey:{survey.pk}").order_by("id")
                 .values_list("url", flat=True))
    for n, link in enumerate(links):
        if chance.random() > 0.65:
            continue
        with on_day(day_of(campaign, 1 + n % 5), hour=20):
            answers.submit_member_answer(
                token=link.partition("#")[2],
                topics=_topics(chance, WEIGHTS, survey.max_choices),
                expectation=EXPECTATIONS[n % len(EXPECTATIONS)])
    n = 0
    for group, count in PUBLIC:
        for _ in range(count):
            n += 1
            topics = _topics(chance, PUBLIC_WEIGHTS, survey.max_choices - 1)
            other = OTHERS[n % 2] if n % 6 == 0 else ""
            with on_day(day_of(campaign, 1 + n % 5), hour=21):
                answers.submit_public_answer(
                    survey=survey, address=f"198.51.100.{n}", group=group, topics=topics,
                    other=other, expectation=EXPECTATIONS[(n + 3) % len(EXPECTATIONS)])
    with on_day(day_of(campaign, 7), hour=9):
        surveys.close_survey(actor=office, survey=survey)
    return survey
