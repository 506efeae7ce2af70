"""The pilot school's satisfaction assessment (满意度测评) and summary report (总结报告), the last
steps of phase 3 (days 25–29 of the phase; see pilot.py and rectification.py).

- day 25: the office prepares the assessment with the template's five questions, names
  thirteen representatives of staff and students (代表评议) from the school's public roster,
  draws the random sample from the rest of that roster (随机抽样, a recorded seed) and opens it
  until day 28. The template asks a margin of error of 5%; the demo school has only ten
  parents on its roster, and at 5% the parents' stratum would be a census, which the service
  refuses, so the office chooses 15% (the sizes are computed per stratum: 23 staff, 19
  students, 9 parents).
- days 25–28: the slips are printed (fresh tokens) and about seven in eight respondents answer
  with their slip's token, most 满意 or 比较满意, a few 不满意.
- day 29, morning: the office closes it; the results show per group with their intervals, and
  no remedial round (补课) opens, since far fewer than half are dissatisfied.
- the report: generated from the records on day 27, its figures refreshed after the
  assessment closed, four sections written in the office's words (the first stays as
  generated), sent to the district office on day 29 and acknowledged by it that afternoon.
"""

import random

from vanguard.assessments.models import Rating
from vanguard.assessments.services import answers, assessments, sampling, tokens
from vanguard.demo import pilot_texts as texts
from vanguard.demo.rectification import rday
from vanguard.demo.school import DemoSchool
from vanguard.demo.timeline import on_day
from vanguard.people.selectors import public_of
from vanguard.reports import services as reports

REPRESENTATIVES = (("teacher", 6), ("staff", 3), ("student", 4))
MARGIN = "0.15"
RATING_WEIGHTS = ((Rating.SATISFIED, 55), (Rating.FAIRLY, 28), (Rating.BASIC, 12),
                  (Rating.NOT, 5))


def run_assessment_and_report(school: DemoSchool) -> None:
    assessment = prepare(school)
    answer(school, assessment)
    with on_day(rday(school, 27), hour=16):
        report = reports.generate_report(actor=school.office, campaign=school.campaign,
                                         organization=school.top)
    with on_day(rday(school, 29), hour=9):
        assessments.close_assessment(actor=school.office, assessment=assessment)
    send_report(school, report)


def prepare(school: DemoSchool):
    with on_day(rday(school, 25), hour=9):
        assessment = assessments.create_assessment(
            actor=school.office, activity=school.step("satisfaction_assessment"))
        roster = public_of(school.top).order_by("id")
        people = [p for category, count in REPRESENTATIVES
                  for p in roster.filter(category=category)[:count]]
        assessments.add_representatives(actor=school.office, assessment=assessment,
                                        people=people)
        sampling.draw_sample(actor=school.office, assessment=assessment, margin=MARGIN,
                             seed=f"S03-pilot-{assessment.pk}")
        return assessments.open_assessment(actor=school.office, assessment=assessment,
                                           closes_on=rday(school, 28))


def ratings_for(chance: random.Random, questions: list[dict]) -> dict[str, str]:
    values, weights = zip(*RATING_WEIGHTS, strict=True)
    return {q["key"]: chance.choices(values, weights=weights)[0] for q in questions}


def answer(school: DemoSchool, assessment) -> None:
    """Slips printed on day 25; about seven in eight type their token in over four days."""
    chance = random.Random(assessment.pk)
    with on_day(rday(school, 25), hour=11):
        slips = tokens.reissue_slips(actor=school.office, assessment=assessment)
    for n, (_respondent, token) in enumerate(slips):
        if n % 8 == 7:
            continue  # did not answer
        with on_day(rday(school, 25 + n % 4), hour=14):
            answers.submit_answers(token=token,
                                   ratings=ratings_for(chance, assessment.questions))


def send_report(school: DemoSchool, report) -> None:
    with on_day(rday(school, 29), hour=10):
        report = reports.refresh_figures(actor=school.office, report=report,
                                         version=report.version)
        sections = {**report.sections, "practices": texts.REPORT_PRACTICES,
                    "results": texts.REPORT_RESULTS, "problems": texts.REPORT_PROBLEMS,
                    "next_steps": texts.REPORT_NEXT}
        report = reports.edit_report(actor=school.office, report=report,
                                     version=report.version, title=report.title,
                                     sections=sections)
        report = reports.submit_report(actor=school.office, report=report,
                                       version=report.version)
    with on_day(rday(school, 29), hour=16):
        reports.acknowledge_report(actor=school.district_office, report=report)
