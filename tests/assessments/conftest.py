"""Fixtures of the assessment tests: school S1 in its third phase with a public roster (30
staff, 40 students, 25 parents, each with a number), its assessment prepared, drawn and open."""

import datetime as dt

import pytest

from tests.builders import make_person
from vanguard.assessments.activities import ASSESSMENT_KIND
from vanguard.assessments.models import Rating
from vanguard.assessments.services import answers, assessments, sampling, tokens
from vanguard.core import clock

ROSTER = {"teacher": 20, "staff": 10, "student": 40, "parent": 25}
SEED = "a-fixed-seed-for-the-tests"
MARGIN = "0.2"


@pytest.fixture
def school(district):
    return district.schools[0]


@pytest.fixture
def office(district):
    return district.users["office"]


@pytest.fixture
def roster(school):
    """{category: [person]}: the school's public roster (neither members nor activists)."""
    return {category: [make_person(f"{category}{n:03d}", school.school, category=category,
                                   staff_no=f"P-{category}-{n:03d}") for n in range(count)]
            for category, count in ROSTER.items()}


@pytest.fixture
def activity(rectify_open):
    return rectify_open.activities.get(kind=ASSESSMENT_KIND)


@pytest.fixture
def assessment(activity, office, roster):
    return assessments.create_assessment(actor=office, activity=activity)


@pytest.fixture
def representatives(assessment, office, school, roster):
    """Three students, two parents and the member with an account ("member")."""
    people = roster["student"][:3] + roster["parent"][:2] + [school.members[-1]]
    assessments.add_representatives(actor=office, assessment=assessment, people=people)
    return people


@pytest.fixture
def drawn(assessment, representatives, office):
    return sampling.draw_sample(actor=office, assessment=assessment, margin=MARGIN, seed=SEED)


@pytest.fixture
def opened(assessment, drawn, office):
    """Open for three days: returns {respondent id: token} from the printed slips."""
    assessments.open_assessment(actor=office, assessment=assessment,
                                closes_on=clock.today() + dt.timedelta(days=3))
    return {r.pk: token for r, token in
            tokens.reissue_slips(actor=office, assessment=assessment)}


def all_ratings(assessment, rating=Rating.SATISFIED, **overrides) -> dict:
    return {q["key"]: overrides.get(q["key"], rating) for q in assessment.questions}


def answer_with(slips: dict, assessment, ratings_list) -> int:
    """Answer with the first tokens, one ratings dict each; returns how many answered."""
    for token, ratings in zip(slips.values(), ratings_list, strict=False):
        answers.submit_answers(token=token, ratings=ratings)
    return min(len(slips), len(ratings_list))
