"""The special meeting pages: who sees which meetings, scheduling from the page, the records
on the page, and a fixed number of queries however many members and records there are."""

import datetime as dt

from django.urls import reverse

from tests.builders import make_member
from tests.meetings.special_support import (
    democratic_life,
    hold,
    org_life,
    reviewed,
    step,
)
from vanguard.campaigns.models import Assignment
from vanguard.meetings import services_special as services
from vanguard.meetings.models import Criticism, MaterialPackage, Meeting
from vanguard.people.models import Organization


def test_secretary_sees_and_schedules_only_their_branch(review_open, district, client):
    activity = step(review_open, "org_life_meeting")
    client.force_login(district.users["secretary"])
    url = reverse("meetings:special_for_activity", args=[activity.pk])
    page = client.get(url).content.decode()
    s1 = district.schools[0]
    assert s1.branches[-1].name in page and s1.branches[0].name not in page
    response = client.post(url, {
        "organization": s1.branches[-1].pk, "title": "专题组织生活会", "duration_minutes": 120,
        "held_at": dt.datetime.combine(activity.starts_on, dt.time(15)).strftime(
            "%Y-%m-%dT%H:%M")})
    meeting = Meeting.objects.get(kind=Meeting.Kind.ORG_LIFE)
    assert response.status_code == 302 and meeting.organization == s1.branches[-1]


def test_secretary_cannot_schedule_another_branch_through_the_page(review_open, district,
                                                                   client):
    activity = step(review_open, "org_life_meeting")
    client.force_login(district.users["secretary"])
    response = client.post(reverse("meetings:special_for_activity", args=[activity.pk]), {
        "organization": district.schools[0].branches[0].pk, "title": "会",
        "duration_minutes": 120, "held_at": f"{activity.starts_on}T15:00"})
    assert response.status_code == 200 and "valid choice" in response.content.decode()
    assert not Meeting.objects.exists()


def test_scheduling_outside_the_dates_on_the_page_says_so(review_open, district, client):
    activity = step(review_open, "org_life_meeting")
    client.force_login(district.users["secretary"])
    response = client.post(reverse("meetings:special_for_activity", args=[activity.pk]), {
        "organization": district.schools[0].branches[-1].pk, "title": "会",
        "duration_minutes": 120,
        "held_at": f"{activity.due_on + dt.timedelta(days=3)}T15:00"})
    assert "the step&#x27;s dates" in response.content.decode()
    assert not Meeting.objects.exists()


def test_team_activity_page_leads_to_its_meeting_once_scheduled(review_open, district, client):
    meeting = democratic_life(review_open, district)
    client.force_login(district.users["leader"])
    response = client.get(reverse("meetings:special_for_activity", args=[meeting.activity_id]))
    assert response["Location"] == reverse("meetings:special_detail", args=[meeting.pk])


def test_meeting_page_lists_who_is_not_ready(review_open, district, client):
    members = district.schools[0].members[3:6]
    reviewed(review_open, members[0])
    meeting = org_life(review_open, district)
    client.force_login(district.users["secretary"])
    page = client.get(reverse("meetings:special_detail", args=[meeting.pk])).content.decode()
    ready_part = page.split('data-testid="not-ready"')[1].split("</section>")[0]
    assert members[1].name in ready_part and members[2].name in ready_part
    assert members[0].name not in ready_part


def test_leader_reads_the_team_meeting_but_cannot_record(review_open, district, client):
    meeting = democratic_life(review_open, district)
    client.force_login(district.users["leader"])
    page = client.get(reverse("meetings:special_detail", args=[meeting.pk])).content.decode()
    assert 'data-testid="minutes-form"' not in page
    response = client.post(reverse("meetings:special_minutes", args=[meeting.pk]),
                           {"minutes": "记录"})
    assert response.status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).minutes == ""


def test_criticism_form_on_the_page_records_and_removes(review_open, district, client):
    members = district.schools[0].members[3:5]
    for person in members:
        reviewed(review_open, person)
    meeting = hold(org_life(review_open, district), district.users["secretary"], members,
                   minutes="")
    client.force_login(district.users["secretary"])
    client.post(reverse("meetings:special_criticism_add", args=[meeting.pk]), {
        "critic": members[0].pk, "target": members[1].pk, "summary": "工作作风", "accepted": "no"})
    criticism = Criticism.objects.get()
    assert criticism.accepted is False
    client.post(reverse("meetings:special_criticism_remove", args=[criticism.pk]))
    assert not Criticism.objects.exists()


def _count(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # the session warmed
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _add_member(review_open, name):
    """One more member of S1-B2, with the meeting's task and a reviewed analysis."""
    activity = step(review_open, "org_life_meeting")
    branch = Organization.objects.get(code="S1-B2")
    person = make_member(name, branch)
    Assignment.objects.create(activity=activity, person=person, organization=branch,
                              due_on=activity.due_on)
    reviewed(review_open, person)
    return person


def test_meeting_page_costs_the_same_queries_with_more_members_and_records(
        review_open, district, client):
    secretary = district.users["secretary"]
    first = [_add_member(review_open, f"甲{n}") for n in range(2)]
    meeting = hold(org_life(review_open, district), secretary, first, minutes="记录")
    services.record_criticism(actor=secretary, meeting=meeting, critic_id=first[0].pk,
                              target_id=first[1].pk, summary="意见")
    client.force_login(secretary)
    url = reverse("meetings:special_detail", args=[meeting.pk])
    small = _count(client, url)
    assert small <= 14, small  # 11 measured (session, user and roles included), plus 3
    Meeting.objects.filter(pk=meeting.pk).delete()
    more = first + [_add_member(review_open, f"乙{n}") for n in range(5)]
    meeting = hold(org_life(review_open, district), secretary, more, minutes="记录")
    for critic, target in zip(more, more[1:], strict=False):
        services.record_criticism(actor=secretary, meeting=meeting, critic_id=critic.pk,
                                  target_id=target.pk, summary="意见")
    assert _count(client, reverse("meetings:special_detail", args=[meeting.pk])) == small


def _package(meeting, district):
    return MaterialPackage.objects.create(meeting=meeting, superior=district.root,
                                          sha256="a" * 64, submitted_at=meeting.held_at,
                                          submitted_by=district.users["office"])


def test_package_list_costs_the_same_queries_with_more_packages(review_open, district, client):
    from tests.builders import build_school

    meeting = democratic_life(review_open, district)
    _package(meeting, district)
    client.force_login(district.users["district_office"])
    url = reverse("meetings:packages")
    small = _count(client, url)
    assert small <= 12, small  # 9 measured, plus 3
    for n in range(3):
        school = build_school(district.root, f"X{n}", branches=1, members_per_branch=2)
        other = Meeting.objects.create(kind=Meeting.Kind.DEMOCRATIC_LIFE,
                                       activity=meeting.activity,
                                       organization=school.committee, title="民主生活会",
                                       held_at=meeting.held_at)
        _package(other, district)
    assert _count(client, url) == small
