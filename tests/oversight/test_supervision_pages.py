"""Supervision pages: the office sends a group, a member records a finding, the school answers
and the group closes it; a supervisor writing anywhere else is refused with nothing changed;
the red flags read by scope; list pages cost a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.oversight.supervision_support import group_people, send
from vanguard.access.models import Role
from vanguard.core import clock
from vanguard.oversight.models import Finding, SupervisionGroup
from vanguard.oversight.services import findings
from vanguard.oversight.services import supervision as services


@pytest.fixture
def people(district):
    return group_people(district, "a", "b")


@pytest.fixture
def group(launched, district, people):
    return send(launched, district, people)


def login(client, user):
    client.force_login(user)
    return client


def test_the_district_office_sends_a_group_from_the_form(launched, district, people, client):
    login(client, district.users["district_office"])
    url = reverse("oversight:supervision_send", args=[launched.pk])
    assert client.get(url).status_code == 200
    today = clock.today()
    response = client.post(url, {
        "organization": district.root.pk, "name": "第一督导组", "leader": people[0].pk,
        "members": [p.pk for p in people], "schools": [district.schools[0].school.pk],
        "starts_on": today.isoformat(), "ends_on": (today + dt.timedelta(days=20)).isoformat()})
    group = SupervisionGroup.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("oversight:supervision_group", args=[group.pk])
    assert Role.objects.filter(source=f"supervision:{group.pk}").count() == 2
    page = client.get(reverse("oversight:supervision_groups", args=[launched.pk]))
    assert "第一督导组" in page.content.decode()


def test_a_bad_period_is_shown_and_nothing_is_sent(launched, district, people, client):
    login(client, district.users["district_office"])
    today = clock.today()
    response = client.post(reverse("oversight:supervision_send", args=[launched.pk]), {
        "organization": district.root.pk, "name": "组", "members": [people[0].pk],
        "schools": [district.schools[0].school.pk], "starts_on": today.isoformat(),
        "ends_on": (today - dt.timedelta(days=1)).isoformat()})
    assert response.status_code == 200
    assert "must end on or after" in response.content.decode()
    assert SupervisionGroup.objects.count() == 0


def test_a_member_records_a_finding_the_school_answers_and_the_group_closes(
        group, district, people, client):
    member = login(client, people[0].user)
    s1 = district.schools[0].school
    page = member.get(reverse("oversight:supervision_group", args=[group.pk]))
    assert page.status_code == 200 and "Record a finding" in page.content.decode()
    response = member.post(reverse("oversight:supervision_finding_add", args=[group.pk]), {
        "school": s1.pk, "problem": "集中学习时间不足。", "severity": "serious",
        "recommendation": "补足学时。",
        "due_on": (clock.today() + dt.timedelta(days=7)).isoformat()})
    finding = Finding.objects.get()
    assert response["Location"] == reverse("oversight:supervision_finding", args=[finding.pk])

    office = login(client, district.users["office"])
    listing = office.get(reverse("oversight:supervision_school_findings",
                                 args=[group.campaign_id]))
    assert "集中学习时间不足" in listing.content.decode()
    office.post(reverse("oversight:supervision_finding_answer", args=[finding.pk]),
                {"answer": "已组织补学。"})
    finding.refresh_from_db()
    assert finding.status == Finding.Status.ANSWERED
    # The school cannot close it.
    assert office.post(reverse("oversight:supervision_finding_close", args=[finding.pk]),
                       {"note": ""}).status_code == 403

    member = login(client, people[1].user)
    member.post(reverse("oversight:supervision_finding_close", args=[finding.pk]), {"note": ""})
    finding.refresh_from_db()
    assert finding.status == Finding.Status.CLOSED


def test_a_finding_on_a_school_outside_the_group_gets_a_message(group, district, people,
                                                                client):
    member = login(client, people[0].user)
    response = member.post(reverse("oversight:supervision_finding_add", args=[group.pk]), {
        "school": district.schools[1].school.pk, "problem": "问题", "severity": "minor",
        "recommendation": "建议", "due_on": clock.today().isoformat()})
    assert response.status_code == 200
    assert "Choose one of the group&#x27;s schools." in response.content.decode()
    assert Finding.objects.count() == 0


@pytest.mark.parametrize("who", ["other_office", "leader", "member", "supervisor"])
def test_others_cannot_answer_a_finding(who, group, district, people, client):
    finding = findings.record_finding(actor=people[0].user, group=group,
                                      school=district.schools[0].school, problem="问题",
                                      severity="minor", recommendation="建议",
                                      due_on=clock.today())
    login(client, district.users[who])
    response = client.post(reverse("oversight:supervision_finding_answer", args=[finding.pk]),
                           {"answer": "答复"})
    assert response.status_code == 404  # they do not even see it
    finding.refresh_from_db()
    assert finding.status == Finding.Status.OPEN


# --- a supervisor writes nothing else ---------------------------------------------------------

def test_a_supervisor_recording_attendance_is_refused_and_nothing_changes(
        launched, group, district, people, client):
    from vanguard.meetings import services as meetings
    from vanguard.meetings.models import Attendance

    step = launched.plans.get(organization=district.schools[0].committee) \
        .activities.get(key="mobilization_meeting")
    meeting = meetings.schedule_meeting(
        actor=district.users["office"], activity=step, title="动员大会",
        held_at=clock.day_start(step.starts_on) + dt.timedelta(hours=15))
    row = Attendance.objects.filter(meeting=meeting).first()
    member = login(client, people[0].user)
    assert member.get(reverse("meetings:detail", args=[meeting.pk])).status_code == 200
    response = member.post(reverse("meetings:record", args=[meeting.pk]),
                           {"person": row.person_id, "status": "present",
                            "absence_reason": ""}, follow=True)
    assert "You are not allowed to do this here." in response.content.decode()
    row.refresh_from_db()
    assert row.status == Attendance.Status.EXPECTED


def test_a_supervisor_editing_a_plan_is_refused(launched, group, district, people, client):
    plan = launched.plans.get(organization=district.schools[0].committee)
    member = login(client, people[0].user)
    assert member.get(reverse("campaigns:plan", args=[plan.pk])).status_code == 200
    before = (plan.title, plan.version)
    assert member.post(reverse("campaigns:plan_edit", args=[plan.pk]),
                       {"title": "改", "version": plan.version}).status_code == 403
    plan.refresh_from_db()
    assert (plan.title, plan.version) == before


def test_after_recall_the_member_no_longer_reads_the_school(launched, group, district, people,
                                                            client):
    plan = launched.plans.get(organization=district.schools[0].committee)
    services.recall_group(actor=district.users["district_office"], group=group)
    member = login(client, people[0].user)
    assert member.get(reverse("campaigns:plan", args=[plan.pk])).status_code == 404


# --- red flags by scope ------------------------------------------------------------------------

def test_the_red_flags_follow_the_viewers_scope(launched, group, district, people, client):
    url = reverse("oversight:supervision_flags", args=[launched.pk])
    body = login(client, people[0].user).get(url).content.decode()
    assert 'data-school="S1"' in body and 'data-school="S2"' not in body
    body = login(client, district.users["district_office"]).get(url).content.decode()
    assert 'data-school="S1"' in body and 'data-school="S2"' in body
    assert login(client, people[0].user).get(url + "?org=S2-C").status_code == 404


def test_the_campaign_page_links_to_supervision(launched, group, district, people, client):
    body = login(client, people[0].user).get(
        reverse("campaigns:detail", args=[launched.pk])).content.decode()
    assert reverse("oversight:supervision_groups", args=[launched.pk]) in body
    assert reverse("oversight:supervision_flags", args=[launched.pk]) in body


# --- fixed number of queries -------------------------------------------------------------------

def test_the_group_pages_cost_a_fixed_number_of_queries(
        launched, district, client, django_assert_max_num_queries):
    people = group_people(district, *"abcdef")
    group = send(launched, district, people, schools=[s.school for s in district.schools])
    for school in district.schools:
        for n in range(4):
            findings.record_finding(actor=people[0].user, group=group, school=school.school,
                                    problem=f"问题{n}", severity="minor", recommendation="建议",
                                    due_on=clock.today())
            findings.plan_visit(actor=people[0].user, group=group, school=school.school,
                                planned_on=clock.today(), purpose="看")
    send(launched, district, people[:2], name="第二组")
    login(client, district.users["district_office"])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("oversight:supervision_groups",
                                  args=[launched.pk])).status_code == 200
    login(client, people[1].user)
    with django_assert_max_num_queries(22):
        assert client.get(reverse("oversight:supervision_group",
                                  args=[group.pk])).status_code == 200
    login(client, district.users["office"])
    with django_assert_max_num_queries(14):
        assert client.get(reverse("oversight:supervision_school_findings",
                                  args=[launched.pk])).status_code == 200

