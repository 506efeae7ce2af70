"""The school calendar: periods kept by the office (district ones apply to every school),
exam periods refusing plan steps and meetings unless overridden with a reason (nothing
changed without it), and the warning of a meeting in teaching hours."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.meetings.special_support import SHANGHAI, step
from vanguard.access.models import AuditEntry
from vanguard.campaigns import services
from vanguard.campaigns.errors import CampaignError
from vanguard.campaigns.models import Activity, CalendarPeriod, Plan, TeachingHours
from vanguard.campaigns.services import calendar
from vanguard.campaigns.services.calendar_import import import_periods
from vanguard.meetings import services as meetings
from vanguard.meetings import services_follow_up as follow_up
from vanguard.meetings import services_special as special
from vanguard.meetings.errors import MeetingError
from vanguard.meetings.models import Meeting

DAY = dt.timedelta(days=1)


def exam(district, first, last, *, at=None, name="期中考试"):
    organization = at or district.schools[0].committee
    return CalendarPeriod.objects.create(organization=organization, kind="exam", name=name,
                                         starts_on=first, ends_on=last)


def term(district, first, last, *, at=None):
    return CalendarPeriod.objects.create(organization=at or district.schools[0].committee,
                                         kind="term", name="秋季学期", starts_on=first,
                                         ends_on=last)


@pytest.fixture
def draft(district, a_date):
    campaign = services.launch_campaign(actor=district.users["district_office"],
                                        template_key="advanced-nature-2005",
                                        organization=district.root, starts_on=a_date)
    return campaign.plans.get(organization=district.schools[0].committee)


def weekday_in(first: dt.date, last: dt.date) -> dt.date:
    day = first
    while day.weekday() >= 5:
        day += DAY
    assert day <= last
    return day


# --- keeping the calendar ---------------------------------------------------------------------

def test_office_adds_edits_and_removes_a_period_with_audit(district):
    office, s1 = district.users["office"], district.schools[0].committee
    period = calendar.add_period(actor=office, organization=s1, kind="exam", name="期末考试",
                                 starts_on=dt.date(2027, 1, 10), ends_on=dt.date(2027, 1, 15))
    calendar.update_period(actor=office, period=period, kind="exam", name="期末考试周",
                           starts_on=dt.date(2027, 1, 11), ends_on=dt.date(2027, 1, 15))
    period.refresh_from_db()
    assert (period.name, period.starts_on) == ("期末考试周", dt.date(2027, 1, 11))
    calendar.remove_period(actor=office, period=period)
    assert not CalendarPeriod.objects.exists()
    assert list(AuditEntry.objects.filter(action__startswith="campaigns.calendar_period")
                .values_list("action", flat=True).order_by("id")) == [
        "campaigns.calendar_period.added", "campaigns.calendar_period.updated",
        "campaigns.calendar_period.removed"]


@pytest.mark.parametrize("kwargs, message", [
    ({"name": ""}, "name of at most"),
    ({"name": "x" * 61}, "name of at most"),
    ({"kind": "party"}, "term, exam period or holiday"),
    ({"ends_on": dt.date(2027, 1, 1)}, "before it starts"),
    ({"ends_on": dt.date(2028, 3, 1)}, "at most a year"),
])
def test_bad_periods_are_refused_with_a_message_and_nothing_added(district, kwargs, message):
    values = {"kind": "exam", "name": "期末考试", "starts_on": dt.date(2027, 1, 10),
              "ends_on": dt.date(2027, 1, 15), **kwargs}
    with pytest.raises(CampaignError, match=message):
        calendar.add_period(actor=district.users["office"],
                            organization=district.schools[0].committee, **values)
    assert not CalendarPeriod.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="campaigns.calendar").exists()


def test_exam_periods_may_overlap_but_terms_may_not(district):
    office, s1 = district.users["office"], district.schools[0].committee
    term(district, dt.date(2026, 9, 1), dt.date(2027, 1, 20))
    exam(district, dt.date(2026, 11, 9), dt.date(2026, 11, 13))
    calendar.add_period(actor=office, organization=s1, kind="exam", name="高三模拟考",
                        starts_on=dt.date(2026, 11, 12), ends_on=dt.date(2026, 11, 14))
    with pytest.raises(CampaignError, match="overlaps the term 秋季学期"):
        calendar.add_period(actor=office, organization=s1, kind="term", name="春季学期",
                            starts_on=dt.date(2027, 1, 15), ends_on=dt.date(2027, 6, 30))
    assert CalendarPeriod.objects.count() == 3


def test_a_branch_keeps_no_calendar(district):
    with pytest.raises(CampaignError, match="not by a branch"):
        calendar.add_period(actor=district.users["admin"],
                            organization=district.schools[0].branches[0], kind="exam",
                            name="考试", starts_on=dt.date(2027, 1, 1),
                            ends_on=dt.date(2027, 1, 2))


@pytest.mark.parametrize("role", ["supervisor", "secretary", "leader", "other_office",
                                  "member"])
def test_only_the_office_writes_the_calendar(district, role):
    with pytest.raises(CampaignError, match="not allowed"):
        calendar.add_period(actor=district.users[role],
                            organization=district.schools[0].committee, kind="exam",
                            name="考试", starts_on=dt.date(2027, 1, 1), ends_on=dt.date(2027, 1, 2))
    period = exam(district, dt.date(2027, 1, 1), dt.date(2027, 1, 2))
    with pytest.raises(CampaignError, match="not allowed"):
        calendar.remove_period(actor=district.users[role], period=period)
    assert CalendarPeriod.objects.count() == 1


def test_a_school_office_cannot_change_the_district_calendar(district):
    period = exam(district, dt.date(2027, 1, 1), dt.date(2027, 1, 2), at=district.root)
    with pytest.raises(CampaignError, match="not allowed"):
        calendar.update_period(actor=district.users["office"], period=period, kind="holiday",
                               name="x", starts_on=period.starts_on, ends_on=period.ends_on)
    period.refresh_from_db()
    assert period.kind == "exam"


def test_district_periods_apply_to_every_school_below(district):
    exam(district, dt.date(2027, 1, 10), dt.date(2027, 1, 12), at=district.root, name="全区统考")
    for school in district.schools:
        clashes = calendar.exam_clashes(school.branches[0], [dt.date(2027, 1, 11)])
        assert [p.name for _d, p in clashes] == ["全区统考"]
    exam(district, dt.date(2027, 1, 20), dt.date(2027, 1, 21))  # S1's own
    assert calendar.exam_clashes(district.schools[1].committee, [dt.date(2027, 1, 20)]) == []


def test_periods_are_imported_from_excel_all_or_nothing(district):
    def workbook(rows):
        book = openpyxl.Workbook()
        for row in [("类型", "名称", "开始", "结束"), *rows]:
            book.active.append(row)
        data = io.BytesIO()
        book.save(data)
        return SimpleUploadedFile("calendar.xlsx", data.getvalue())

    office, s1 = district.users["office"], district.schools[0].committee
    added = import_periods(actor=office, organization=s1, upload=workbook([
        ("学期", "秋季学期", dt.date(2026, 9, 1), dt.date(2027, 1, 20)),
        ("考试", "期中考试", "2026-11-09", "2026-11-13")]))
    assert added == 2
    with pytest.raises(CampaignError, match="Row 3"):
        import_periods(actor=office, organization=s1, upload=workbook([
            ("假期", "国庆", "2026-10-01", "2026-10-07"),
            ("考试", "期末", "2027-01-20", "2027-01-10")]))
    assert CalendarPeriod.objects.count() == 2


def test_the_calendar_page_shows_periods_and_the_office_adds_one(client, district):
    exam(district, dt.date(2027, 1, 10), dt.date(2027, 1, 12), at=district.root, name="全区统考")
    client.force_login(district.users["office"])
    page = client.get("/campaigns/calendar/", follow=True)
    assert "全区统考" in page.content.decode()
    response = client.post("/campaigns/calendar/org/S1-C/add/", {
        "kind": "exam", "name": "期末考试", "starts_on": "2027-01-18", "ends_on": "2027-01-16"})
    assert "ends (2027-01-16) before it starts" in response.content.decode()
    assert CalendarPeriod.objects.count() == 1
    client.post("/campaigns/calendar/org/S1-C/add/", {
        "kind": "exam", "name": "期末考试", "starts_on": "2027-01-16", "ends_on": "2027-01-18"})
    assert CalendarPeriod.objects.filter(organization__code="S1-C").count() == 1


def test_the_calendar_page_costs_a_fixed_number_of_queries(client, district,
                                                           django_assert_max_num_queries):
    client.force_login(district.users["office"])
    for n in range(12):
        exam(district, dt.date(2027, 1, 1) + n * DAY, dt.date(2027, 1, 2) + n * DAY,
             name=f"考试{n}")
    with django_assert_max_num_queries(14):
        assert client.get("/campaigns/calendar/org/S1-C/").status_code == 200


# --- exam periods and the plan ----------------------------------------------------------------

def test_a_step_added_in_an_exam_period_is_refused_unless_overridden(draft, district):
    office = district.users["office"]
    phase = draft.phases.get(key="mobilize")
    period = exam(district, phase.starts_on + DAY, phase.starts_on + 3 * DAY)
    before = Activity.objects.count(), Plan.objects.get(pk=draft.pk).version
    args = {"actor": office, "plan": draft, "phase": phase, "kind": "meetings.mobilization",
            "name": "补充学习", "starts_on": phase.starts_on, "due_on": phase.starts_on + 2 * DAY}
    with pytest.raises(CampaignError) as refused:
        services.add_activity(**args)
    assert period.name in refused.value.text
    assert str(period.starts_on) in refused.value.text and str(period.ends_on) in refused.value.text
    with pytest.raises(CampaignError, match="reason for scheduling in the exam period"):
        services.add_activity(**args, override_exam=True, override_reason="")
    assert (Activity.objects.count(), Plan.objects.get(pk=draft.pk).version) == before
    activity = services.add_activity(**args, override_exam=True,
                                     override_reason="考试只在上午，下午可以学习")
    entry = AuditEntry.objects.get(action="campaigns.activity.added", target_id=str(activity.pk))
    assert entry.changes["exam_override"][1]["reason"] == "考试只在上午，下午可以学习"
    assert period.name in entry.changes["exam_override"][1]["periods"][0]


def test_moving_a_step_into_an_exam_period_is_refused_and_nothing_changes(draft, district):
    office = draft.organization and district.users["office"]
    phases = {p.key: (p.starts_on, p.ends_on) for p in draft.phases.all()}
    activities = {a.key: (a.starts_on, a.due_on) for a in draft.activities.all()}
    key = "mobilization_meeting"
    start, due = activities[key]
    # A step whose dates stay where the plan above put them is not checked again.
    exam(district, start, start, name="开学考试")
    services.update_plan(actor=office, plan=draft, version=draft.version, title="新标题",
                         preamble="", phase_dates=phases, activity_dates=activities)
    draft.refresh_from_db()
    moved = due - DAY if due > start else due
    exam(district, moved, moved, name="月考")
    activities[key] = (start, moved)
    with pytest.raises(CampaignError, match="月考"):
        services.update_plan(actor=office, plan=draft, version=draft.version, title="再改",
                             preamble="", phase_dates=phases, activity_dates=activities)
    draft.refresh_from_db()
    assert draft.title == "新标题"
    assert draft.activities.get(key=key).due_on == due
    services.update_plan(actor=office, plan=draft, version=draft.version, title="再改",
                         preamble="", phase_dates=phases, activity_dates=activities,
                         override_exam=True, override_reason="月考仅半天")
    assert draft.activities.get(key=key).due_on == moved
    entry = AuditEntry.objects.filter(action="campaigns.plan.updated").latest("id")
    assert entry.changes["exam_override"][1]["reason"] == "月考仅半天"


def test_the_plan_edit_page_shows_the_refusal_and_keeps_nothing(client, draft, district):
    activity = draft.activities.get(key="mobilization_meeting")
    period = exam(district, activity.due_on, activity.due_on, name="期中考试")
    client.force_login(district.users["office"])
    form = {"version": draft.version, "title": draft.title, "preamble": ""}
    for phase in draft.phases.all():
        form[f"phase-{phase.key}-start"] = phase.starts_on.isoformat()
        form[f"phase-{phase.key}-end"] = phase.ends_on.isoformat()
    for a in draft.activities.all():
        form[f"activity-{a.key}-start"] = a.starts_on.isoformat()
        form[f"activity-{a.key}-due"] = a.due_on.isoformat()
    form["activity-mobilization_meeting-start"] = period.starts_on.isoformat()
    response = client.post(f"/campaigns/plans/{draft.pk}/edit/", form)
    assert response.status_code == 200
    assert "falls in the exam period 期中考试" in response.content.decode()
    assert Activity.objects.get(pk=activity.pk).starts_on == activity.starts_on
    form.update(override_exam="on", override_reason="统一安排在考试后下午")
    assert client.post(f"/campaigns/plans/{draft.pk}/edit/", form).status_code == 302
    assert Activity.objects.get(pk=activity.pk).starts_on == period.starts_on


# --- exam periods and meetings ----------------------------------------------------------------

def mobilization(plan):
    return step(plan, "mobilization_meeting")


def test_a_meeting_in_an_exam_period_is_refused_unless_overridden(launched, district):
    plan = launched.plans.get(organization=district.schools[0].committee)
    activity = mobilization(plan)
    period = exam(district, activity.starts_on, activity.starts_on, name="期中考试")
    held_at = dt.datetime.combine(activity.starts_on, dt.time(15), tzinfo=SHANGHAI)
    args = {"actor": district.users["office"], "activity": activity, "held_at": held_at,
            "title": "动员大会"}
    with pytest.raises(MeetingError) as refused:
        meetings.schedule_meeting(**args)
    assert "期中考试" in refused.value.text and str(period.ends_on) in refused.value.text
    with pytest.raises(MeetingError, match="reason"):
        meetings.schedule_meeting(**args, override_exam=True, override_reason="无")
    assert not Meeting.objects.exists()
    meeting = meetings.schedule_meeting(**args, override_exam=True,
                                        override_reason="考试在上午结束")
    entry = AuditEntry.objects.get(action="meetings.meeting.scheduled",
                                   target_id=str(meeting.pk))
    assert entry.changes["exam_override"][1]["reason"] == "考试在上午结束"


def test_special_and_follow_up_meetings_respect_exam_periods(rectify_open, district):
    plan = rectify_open
    branch = district.schools[0].branches[-1]
    follow = step(plan, "follow_up_meeting")
    exam(district, follow.starts_on, follow.due_on, at=district.root, name="全区统考")
    held_at = dt.datetime.combine(follow.starts_on, dt.time(15), tzinfo=SHANGHAI)
    with pytest.raises(MeetingError, match="全区统考"):
        follow_up.schedule_follow_up(actor=district.users["secretary"], activity=follow,
                                     organization=branch, held_at=held_at, title="整改会")
    org_life = step(plan, "org_life_meeting")
    exam(district, org_life.starts_on, org_life.due_on, name="期末考试")
    with pytest.raises(MeetingError, match="期末考试"):
        special.schedule_special_meeting(
            actor=district.users["secretary"], activity=org_life, organization=branch,
            held_at=dt.datetime.combine(org_life.starts_on, dt.time(15), tzinfo=SHANGHAI),
            title="专题组织生活会")
    assert not Meeting.objects.exists()
    follow_up.schedule_follow_up(actor=district.users["secretary"], activity=follow,
                                 organization=branch, held_at=held_at, title="整改会",
                                 override_exam=True, override_reason="统考只有一天上午")
    assert Meeting.objects.count() == 1


def test_the_schedule_page_shows_the_exam_refusal(client, launched, district):
    plan = launched.plans.get(organization=district.schools[0].committee)
    activity = mobilization(plan)
    exam(district, activity.starts_on, activity.due_on, name="期中考试")
    client.force_login(district.users["office"])
    response = client.post(f"/meetings/activity/{activity.pk}/", {
        "title": "动员大会", "held_at": f"{activity.starts_on}T15:00",
        "duration_minutes": 120})
    assert response.status_code == 200
    assert "falls in the exam period 期中考试" in response.content.decode()
    assert not Meeting.objects.exists()


# --- teaching hours ---------------------------------------------------------------------------

def test_a_meeting_in_teaching_hours_warns_how_many_invited_are_teachers(client, launched,
                                                                          district):
    plan = launched.plans.get(organization=district.schools[0].committee)
    activity = mobilization(plan)
    term(district, activity.starts_on - 30 * DAY, activity.due_on + 30 * DAY)
    day = weekday_in(activity.starts_on, activity.due_on)
    client.force_login(district.users["office"])
    response = client.post(f"/meetings/activity/{activity.pk}/", {
        "title": "动员大会", "held_at": f"{day}T10:00", "duration_minutes": 90}, follow=True)
    meeting = Meeting.objects.get()
    teachers = meeting.attendance.filter(person__category="teacher").count()
    invited = meeting.attendance.count()
    assert teachers > 0
    assert (f"{teachers} of the {invited} invited are teachers"
            in response.content.decode())


def test_no_warning_after_hours_on_a_holiday_or_outside_term(launched, district):
    plan = launched.plans.get(organization=district.schools[0].committee)
    activity = mobilization(plan)
    day = weekday_in(activity.starts_on, activity.due_on)
    meeting = meetings.schedule_meeting(
        actor=district.users["office"], activity=activity, title="动员大会",
        held_at=dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI))
    assert calendar.teaching_warning(meeting) is None  # no term in the calendar
    term(district, day - 30 * DAY, day + 30 * DAY)
    assert calendar.teaching_warning(meeting) is not None
    meeting.held_at = dt.datetime.combine(day, dt.time(17, 30), tzinfo=SHANGHAI)
    assert calendar.teaching_warning(meeting) is None  # after 17:00
    TeachingHours.objects.create(organization=district.schools[0].committee,
                                 starts_at=dt.time(8), ends_at=dt.time(18))
    assert calendar.teaching_warning(meeting) is not None  # the school teaches until 18:00
    CalendarPeriod.objects.create(organization=district.root, kind="holiday", name="国庆",
                                  starts_on=day, ends_on=day)
    assert calendar.teaching_warning(meeting) is None


def test_teaching_hours_are_set_by_the_office_only(district):
    s1 = district.schools[0].committee
    with pytest.raises(CampaignError, match="end after it starts"):
        calendar.set_teaching_hours(actor=district.users["office"], organization=s1,
                                    starts_at=dt.time(17), ends_at=dt.time(8))
    with pytest.raises(CampaignError, match="not allowed"):
        calendar.set_teaching_hours(actor=district.users["supervisor"], organization=s1,
                                    starts_at=dt.time(8), ends_at=dt.time(16))
    assert not TeachingHours.objects.exists()
    calendar.set_teaching_hours(actor=district.users["office"], organization=s1,
                                starts_at=dt.time(7, 40), ends_at=dt.time(16, 30))
    assert calendar.teaching_hours_of(district.schools[0].branches[0]) == (
        dt.time(7, 40), dt.time(16, 30))
    assert calendar.teaching_hours_of(district.schools[1].committee) == (dt.time(8),
                                                                         dt.time(17))


def test_the_campaign_page_links_to_the_calendar_for_readers(client, launched, district):
    client.force_login(district.users["secretary"])
    page = client.get(f"/campaigns/{launched.pk}/").content.decode()
    assert "/campaigns/calendar/" in page
