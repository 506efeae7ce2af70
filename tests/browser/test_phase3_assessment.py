"""The satisfaction assessment on a phone with a slip's code: the code from the slip's link
opens the questions, the answers go in anonymously, and the same code a second time is
refused with a message."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.builders import make_person
from vanguard.assessments.activities import ASSESSMENT_KIND
from vanguard.assessments.models import Answer, Response
from vanguard.assessments.services import assessments, sampling, tokens
from vanguard.core import clock

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.parametrize("page", ["phone"], indirect=True)]


@pytest.fixture
def slip(rectify_open, district):
    """S1's assessment with a small public roster, two representatives, drawn and open: the
    token of one printed slip."""
    school, office = district.schools[0], district.users["office"]
    roster = [make_person(f"{category}{n:02d}", school.school, category=category,
                          staff_no=f"P-{category}-{n:02d}")
              for category, count in (("teacher", 20), ("student", 30), ("parent", 20))
              for n in range(count)]
    activity = rectify_open.activities.get(kind=ASSESSMENT_KIND)
    assessment = assessments.create_assessment(actor=office, activity=activity)
    assessments.add_representatives(actor=office, assessment=assessment, people=roster[:2])
    sampling.draw_sample(actor=office, assessment=assessment, margin="0.3", seed="browser")
    assessments.open_assessment(actor=office, assessment=assessment,
                                closes_on=clock.today() + dt.timedelta(days=3))
    respondent, token = tokens.reissue_slips(actor=office, assessment=assessment)[0]
    return assessment, respondent, token


def test_slip_code_opens_the_questions_once_and_a_second_use_is_refused(page, live_server,
                                                                        slip):
    assessment, respondent, token = slip
    page.goto(f"{live_server.url}/assessments/answer/#{token}")
    expect(page.locator("[data-answer-token]")).to_have_value(token)  # copied from the link
    with page.expect_navigation():
        page.locator("[data-testid=token-form] button[type=submit]").click()
    answers = page.locator("[data-testid=answers]")
    for fieldset in answers.locator("fieldset").all():
        fieldset.locator("input[type=radio][value=satisfied]").check()
    with page.expect_navigation():
        answers.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=answer-done]")).to_be_visible()
    respondent.refresh_from_db()
    assert respondent.answered
    response = Response.objects.get(assessment=assessment)
    assert Answer.objects.filter(response=response).count() == len(assessment.questions)

    page.goto(f"{live_server.url}/assessments/answer/")
    page.locator("[data-answer-token]").fill(token)
    with page.expect_navigation():
        page.locator("[data-testid=token-form] button[type=submit]").click()
    expect(page.locator("[data-testid=token-error]")).to_be_visible()
    expect(page.locator("[data-testid=answers]")).to_have_count(0)
    assert Response.objects.filter(assessment=assessment).count() == 1
