"""The S1 mobilization meeting at 15:00 on its step's first day, and a clock for the tests:
services take `now=`, so a test says what time it is instead of mocking the clock."""

import datetime as dt

import pytest

from vanguard.meetings import services
from vanguard.meetings import sign_in as codes

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def activity(launched, district):
    plan = launched.plans.get(organization=district.schools[0].committee)
    return plan.activities.get(key="mobilization_meeting")


@pytest.fixture
def meeting(activity, district):
    return services.schedule_meeting(
        actor=district.users["office"], activity=activity, title="动员大会",
        held_at=dt.datetime.combine(activity.starts_on, dt.time(15), tzinfo=SHANGHAI))


def minutes_from_start(meeting, minutes: float) -> dt.datetime:
    return meeting.held_at + dt.timedelta(minutes=minutes)


def code_at(meeting, moment: dt.datetime) -> str:
    return codes.code_for(meeting, codes.minute_of(moment))
