"""Absent members owe a make-up: the office posts the material, the member confirms on their
tasks page, and only then is the task done."""

import pytest
from django.urls import reverse

from vanguard.access.models import AuditEntry
from vanguard.campaigns.models import Assignment, Phase
from vanguard.meetings import services
from vanguard.meetings.errors import MeetingError
from vanguard.meetings.models import Attendance, Meeting
from vanguard.meetings.plain_text import to_plain_text

MATERIAL = "动员大会讲话录像：https://video.example.cn/dongyuan?part=1&hd=1"


@pytest.fixture
def member(district):
    return district.users["member"]


@pytest.fixture
def absent(meeting, member, district):
    services.record_attendance(actor=district.users["office"], meeting=meeting,
                               person_id=member.person.pk, status="absent",
                               absence_reason="外出培训")
    return Attendance.objects.get(meeting=meeting, person=member.person)


@pytest.fixture
def with_material(meeting, district):
    return services.set_makeup_material(actor=district.users["office"], meeting=meeting,
                                        text=MATERIAL)


def task_of(row: Attendance) -> Assignment:
    return Assignment.objects.get(pk=row.assignment_id)


def test_the_material_is_kept_as_plain_text_with_links_as_text():
    pasted = ('<p>请观看<a href="https://v.example.cn/x?a=1&amp;b=2">录像</a></p>'
              '<script>alert(1)</script><p onclick="x()">讲话稿 <b>第二部分</b></p>')
    assert to_plain_text(pasted) == "请观看录像 (https://v.example.cn/x?a=1&b=2)\n讲话稿 第二部分"
    assert to_plain_text('<a href="javascript:alert(1)">点这里</a>') == "点这里"
    assert to_plain_text("a < b & c") == "a < b & c"


def test_the_office_saves_the_material_and_it_is_audited(meeting, with_material):
    assert Meeting.objects.get(pk=meeting.pk).makeup_material == MATERIAL
    assert AuditEntry.objects.filter(action="meetings.makeup_material.set").count() == 1


def test_the_material_has_a_bound(meeting, district):
    with pytest.raises(MeetingError, match="at most 20000"):
        services.set_makeup_material(actor=district.users["office"], meeting=meeting,
                                     text="字" * 20_001)


@pytest.mark.parametrize("role", ["supervisor", "leader", "secretary", "member",
                                  "other_office"])
def test_only_those_running_the_meeting_set_the_material(role, meeting, district):
    with pytest.raises(MeetingError, match="not allowed"):
        services.set_makeup_material(actor=district.users[role], meeting=meeting, text="x")


def test_an_absence_leaves_the_task_to_do_until_the_make_up(absent, with_material, member):
    assert task_of(absent).status == Assignment.Status.PENDING
    services.confirm_makeup(actor=member, attendance=absent)
    row = Attendance.objects.get(pk=absent.pk)
    assert row.makeup_done_at is not None and row.status == Attendance.Status.ABSENT
    assert task_of(row).status == Assignment.Status.DONE
    assert AuditEntry.objects.filter(action="meetings.makeup.confirmed").get().actor == member


def test_recording_the_absence_again_keeps_the_make_up(absent, with_material, member,
                                                      meeting, district):
    services.confirm_makeup(actor=member, attendance=absent)
    services.record_attendance(actor=district.users["office"], meeting=meeting,
                               person_id=member.person.pk, status="absent",
                               absence_reason="外出培训（补）")
    assert task_of(absent).status == Assignment.Status.DONE


def test_a_make_up_is_refused_without_a_recorded_absence(meeting, with_material, member):
    row = Attendance.objects.get(meeting=meeting, person=member.person)
    with pytest.raises(MeetingError) as error:
        services.confirm_makeup(actor=member, attendance=row)
    assert error.value.code == "not_absent"


def test_a_make_up_is_refused_before_the_material_is_posted(absent, member):
    with pytest.raises(MeetingError) as error:
        services.confirm_makeup(actor=member, attendance=absent)
    assert error.value.code == "no_material"
    assert task_of(absent).status == Assignment.Status.PENDING


def test_a_make_up_is_confirmed_once(absent, with_material, member):
    services.confirm_makeup(actor=member, attendance=absent)
    with pytest.raises(MeetingError) as error:
        services.confirm_makeup(actor=member, attendance=absent)
    assert error.value.code == "already_done"


@pytest.mark.parametrize("role", ["office", "secretary", "admin"])
def test_nobody_confirms_a_make_up_for_someone_else(role, absent, with_material, district):
    with pytest.raises(MeetingError) as error:
        services.confirm_makeup(actor=district.users[role], attendance=absent)
    assert error.value.code == "forbidden"
    assert Attendance.objects.get(pk=absent.pk).makeup_done_at is None


def test_a_make_up_is_refused_once_the_phase_is_closed(absent, with_material, member):
    Phase.objects.filter(pk=absent.meeting.activity.phase_id).update(state=Phase.State.CLOSED)
    with pytest.raises(MeetingError) as error:
        services.confirm_makeup(actor=member, attendance=absent)
    assert error.value.code == "phase_not_open"


def test_the_tasks_page_shows_the_make_up_and_takes_the_confirmation(absent, with_material,
                                                                     member, client):
    client.force_login(member)
    page = client.get(reverse("campaigns:my_tasks")).content.decode()
    assert 'data-testid="makeup-task"' in page
    # The address is shown as text, escaped, never made a link.
    assert "https://video.example.cn/dongyuan?part=1&amp;hd=1" in page
    assert 'href="https://video.example.cn' not in page
    action = reverse("meetings:makeup_done", args=[absent.pk])
    assert f'action="{action}"' in page
    response = client.post(action)
    assert response.status_code == 302 and response["Location"] == reverse("campaigns:my_tasks")
    assert task_of(absent).status == Assignment.Status.DONE
    assert 'data-testid="makeup-task"' not in client.get(
        reverse("campaigns:my_tasks")).content.decode()


def test_before_the_material_the_tasks_page_says_it_will_come(absent, member, client):
    client.force_login(member)
    page = client.get(reverse("campaigns:my_tasks")).content.decode()
    assert 'data-testid="makeup-task"' in page
    assert reverse("meetings:makeup_done", args=[absent.pk]) not in page


def test_someone_elses_make_up_is_not_found(absent, with_material, district, client):
    client.force_login(district.users["secretary"])
    response = client.post(reverse("meetings:makeup_done", args=[absent.pk]))
    assert response.status_code == 404
    assert Attendance.objects.get(pk=absent.pk).makeup_done_at is None


def test_the_meeting_page_counts_each_outcome(meeting, district, client):
    s1 = district.schools[0]
    office = district.users["office"]
    services.set_makeup_material(actor=office, meeting=meeting, text=MATERIAL)
    for person in s1.members[:2]:
        services.record_attendance(actor=office, meeting=meeting, person_id=person.pk,
                                   status="present")
    for person in s1.members[2:4]:
        services.record_attendance(actor=office, meeting=meeting, person_id=person.pk,
                                   status="absent", absence_reason="病假")
    services.record_attendance(actor=office, meeting=meeting, person_id=s1.activists[0].pk,
                               status="present")
    made_up = district.users["secretary"]  # s1.members[3]
    services.confirm_makeup(actor=made_up, attendance=Attendance.objects.get(
        meeting=meeting, person=made_up.person))
    client.force_login(district.users["supervisor"])
    page = client.get(reverse("meetings:detail", args=[meeting.pk])).content.decode()
    expected = {"expected": "6", "present": "2", "absent_made_up": "1", "absent_pending": "1",
                "not_recorded": "2", "activists": "1/1"}
    for key, value in expected.items():
        assert f'data-count="{key}">{value}<' in page, key
    assert MATERIAL.replace("&", "&amp;") in page
