"""Voting in a democratic evaluation on a phone and a desktop: a logged-in member casts one
ballot; the same ballot sent again from a second tab is refused with a message."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.builders import PASSWORD
from vanguard.core import clock
from vanguard.evaluations.models import Ballot, Participation
from vanguard.evaluations.selectors import evaluation_activity_for
from vanguard.evaluations.services import stages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def voting(review_open, district):
    """S1-B2's ballots open: its secretary opened the evaluation and issued the tokens."""
    branch, secretary = district.schools[0].branches[-1], district.users["secretary"]
    activity = evaluation_activity_for(review_open.campaign, branch)
    evaluation = stages.open_evaluation(actor=secretary, activity=activity, branch=branch,
                                        closes_on=clock.today() + dt.timedelta(days=3))
    stages.issue_tokens(actor=secretary, evaluation=evaluation)
    return evaluation


def fill_ballot(tab) -> None:
    ballot = tab.locator("[data-testid=own-ballot]")
    for fieldset in ballot.locator("fieldset").all():
        fieldset.locator("input[type=radio][value=qualified]").check()


def test_member_votes_once_and_a_second_ballot_is_refused(page, live_server, voting, district):
    log_in(page, live_server, "member", PASSWORD)
    url = f"{live_server.url}/evaluations/vote/"
    page.goto(url)
    second = page.context.new_page()  # the same ballot left open in another tab
    second.goto(url)

    fill_ballot(page)
    with page.expect_navigation():
        page.locator("[data-testid=own-ballot] button[type=submit]").click()
    expect(page.locator("[data-testid=vote-done]")).to_be_visible()
    assert Ballot.objects.filter(evaluation=voting).count() == 1
    assert Participation.objects.get(evaluation=voting,
                                     person=district.users["member"].person).voted

    fill_ballot(second)
    with second.expect_navigation():
        second.locator("[data-testid=own-ballot] button[type=submit]").click()
    expect(second.locator("[data-testid=form-error]")).to_be_visible()
    expect(second.locator("[data-testid=vote-done]")).to_have_count(0)
    assert Ballot.objects.filter(evaluation=voting).count() == 1
