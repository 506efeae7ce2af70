"""Fixtures of the preparation survey tests: school S1's survey in the launched campaign,
prepared and opened, with every member's slip code."""

import datetime as dt

import pytest

from vanguard.core import clock
from vanguard.surveys.services import surveys


@pytest.fixture
def school(district):
    return district.schools[0]


@pytest.fixture
def office(district):
    return district.users["office"]


@pytest.fixture
def survey(launched, school, office):
    return surveys.create_survey(actor=office, campaign=launched, organization=school.committee)


@pytest.fixture
def closes_on():
    return clock.today() + dt.timedelta(days=7)


@pytest.fixture
def opened(survey, office, closes_on):
    """{person id: a fresh slip code} for every member of S1 (6 members)."""
    surveys.open_survey(actor=office, survey=survey, closes_on=closes_on)
    return {invitee.person_id: token
            for invitee, token in surveys.reissue_slips(actor=office, survey=survey)}


def answer(**kwargs) -> dict:
    """An answer's fields with defaults: the first two default topics."""
    return {"topics": kwargs.pop("topics", ["fees", "safety"]), "other": "", "expectation": "",
            **kwargs}
