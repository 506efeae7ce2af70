"""The calendar around the demo's dates (工学矛盾): the district's term and a short holiday,
S01's teaching hours and its exam week.

Written last, through the calendar service, once every demo meeting is scheduled: the exam
week is in the coming weeks, on a week with no meeting of the school (the services refuse a
meeting in an exam week without an override), and the holiday on past days with no meeting
in the district. Named school_calendar, not calendar, so it never shadows the standard
library's module.
"""

import datetime as dt

from vanguard.campaigns.models import CalendarPeriod, Campaign
from vanguard.campaigns.services import calendar
from vanguard.core import clock
from vanguard.demo.district import DemoDistrict
from vanguard.demo.oversight import day_of, hand_office
from vanguard.meetings.models import Meeting
from vanguard.people.models import Organization

K = CalendarPeriod.Kind


def _free(organization: Organization, first: dt.date, last: dt.date) -> bool:
    """No meeting of the organization's subtree is held on these days."""
    return not Meeting.objects.filter(
        organization__path__startswith=organization.path,
        held_at__gte=clock.day_start(first),
        held_at__lt=clock.day_start(last + dt.timedelta(days=1))).exists()


def exam_week(top: Organization) -> tuple[dt.date, dt.date]:
    """Monday to Friday of the first free week at least two weeks from today."""
    today = clock.today()
    monday = today + dt.timedelta(days=14 + (7 - today.weekday()) % 7)
    while not _free(top, monday, monday + dt.timedelta(days=4)):
        monday += dt.timedelta(days=7)
    return monday, monday + dt.timedelta(days=4)


def holiday(root: Organization, campaign: Campaign) -> tuple[dt.date, dt.date]:
    """Three past days inside the campaign with no meeting in the district (from day 45 back)."""
    for n in range(45, 3, -1):
        first = day_of(campaign, n)
        if _free(root, first, first + dt.timedelta(days=2)):
            return first, first + dt.timedelta(days=2)
    return day_of(campaign, 45), day_of(campaign, 47)


def run_calendar(demo: DemoDistrict, campaign: Campaign) -> None:
    office = hand_office(demo.root)
    today = clock.today()
    calendar.add_period(actor=office, organization=demo.root, kind=K.TERM, name="本学期",
                        starts_on=campaign.starts_on - dt.timedelta(days=21),
                        ends_on=today + dt.timedelta(days=90))
    first, last = holiday(demo.root, campaign)
    calendar.add_period(actor=office, organization=demo.root, kind=K.HOLIDAY, name="校庆假期",
                        starts_on=first, ends_on=last)
    top = demo.schools[0][1]
    school_office = hand_office(top)
    calendar.set_teaching_hours(actor=school_office, organization=top,
                                starts_at=dt.time(7, 50), ends_at=dt.time(17, 30))
    first, last = exam_week(top)
    calendar.add_period(actor=school_office, organization=top, kind=K.EXAM, name="考试周",
                        starts_on=first, ends_on=last)
