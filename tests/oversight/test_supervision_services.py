"""Supervision groups: sending, changing and recalling, the roles that follow, visits,
findings (answered by the school, closed by the group) and good practices; every refusal
changes nothing."""

import datetime as dt

import pytest

from tests.builders import make_person
from tests.oversight.supervision_support import group_people, send
from vanguard.access.models import AuditEntry, Role
from vanguard.campaigns.models import Notification
from vanguard.core import clock
from vanguard.core.errors import VanguardError
from vanguard.oversight import tasks
from vanguard.oversight.models import Finding, GoodPractice, SupervisionGroup, Visit
from vanguard.oversight.services import findings
from vanguard.oversight.services import supervision as services
from vanguard.people import tree
from vanguard.people.models import Organization, School

SUP = Role.Kind.SUPERVISOR


@pytest.fixture
def people(district):
    return group_people(district, "a", "b", "c")


@pytest.fixture
def group(launched, district, people):
    return send(launched, district, people[:2])


def roles(person, source=None):
    rows = Role.objects.filter(user=person.user, kind=SUP)
    return rows.filter(source=source) if source is not None else rows


def finding_of(group, district, school=None, **kwargs):
    a = group.members.order_by("pk").first()
    return findings.record_finding(
        actor=a.user, group=group, school=school or district.schools[0].school,
        problem="学习笔记流于形式。", severity="serious", recommendation="逐一检查读书笔记。",
        due_on=clock.today() + dt.timedelta(days=7), **kwargs)


# --- roles follow the group ------------------------------------------------------------------

def test_sending_grants_supervisor_at_each_schools_top_organization(group, district, people):
    committee = district.schools[0].committee
    for person in people[:2]:
        assert list(roles(person).values_list("organization", "source")) == [
            (committee.pk, f"supervision:{group.pk}")]
    assert not roles(people[2]).exists()
    assert AuditEntry.objects.filter(action="oversight.supervision_group.sent",
                                     target_id=str(group.pk)).exists()


def test_recall_takes_back_the_groups_roles_but_not_a_hand_granted_one(
        launched, district, people):
    committee = district.schools[0].committee
    hand = Role.objects.create(user=people[0].user, kind=SUP, organization=committee)
    group = send(launched, district, people[:2])
    assert roles(people[0]).count() == 1  # never duplicated
    assert roles(people[1], f"supervision:{group.pk}").count() == 1
    services.recall_group(actor=district.users["district_office"], group=group)
    group.refresh_from_db()
    assert group.closed_at is not None
    assert list(roles(people[0])) == [hand] and hand.source == ""
    assert not roles(people[1]).exists()
    assert AuditEntry.objects.filter(action="oversight.supervision_group.recalled").exists()


def test_changing_members_and_schools_moves_the_roles(group, district, people):
    s1, s2 = district.schools[0], district.schools[1]
    services.change_group(actor=district.users["district_office"], group=group,
                          name=group.name, members=[people[1], people[2]],
                          schools=[s2.school], starts_on=group.starts_on, ends_on=group.ends_on)
    assert not roles(people[0]).exists()
    for person in people[1:]:
        assert list(roles(person).values_list("organization", flat=True)) == [s2.committee.pk]
    assert not Role.objects.filter(kind=SUP, organization=s1.committee,
                                   source__startswith="supervision:").exists()
    entry = AuditEntry.objects.filter(action="oversight.supervision_group.changed").get()
    assert entry.changes["schools"] == [["S1"], ["S2"]]


def test_a_role_two_groups_give_stays_while_one_is_at_work(launched, district, people):
    first = send(launched, district, people[:1])
    second = send(launched, district, people[:1], name="第二督导组")
    services.recall_group(actor=district.users["district_office"], group=first)
    assert list(roles(people[0]).values_list("source", flat=True)) == [
        f"supervision:{second.pk}"]
    services.recall_group(actor=district.users["district_office"], group=second)
    assert not roles(people[0]).exists()


def test_the_daily_task_ends_groups_past_their_period(group, people, monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: group.ends_on)
    assert tasks.end_supervision_periods() == 0  # the last day is still a working day
    monkeypatch.setattr(clock, "today", lambda: group.ends_on + dt.timedelta(days=1))
    assert tasks.end_supervision_periods() == 1
    group.refresh_from_db()
    assert group.closed_at is not None
    assert not roles(people[0]).exists()
    entry = AuditEntry.objects.get(action="oversight.supervision_group.period_ended")
    assert entry.actor_label == "system"


# --- sending: who, and bad input ---------------------------------------------------------------

@pytest.mark.parametrize("role", ["office", "supervisor", "leader", "secretary", "member"])
def test_only_the_sending_levels_office_sends(role, launched, district, people):
    with pytest.raises(VanguardError):
        services.send_group(actor=district.users[role], campaign=launched,
                            organization=district.root, name="组", members=people[:1],
                            schools=[district.schools[0].school], starts_on=clock.today(),
                            ends_on=clock.today())
    assert SupervisionGroup.objects.count() == 0 and not Role.objects.filter(
        source__startswith="supervision:").exists()


def _outside_school(launched):
    other = tree.add_root(code="E", name="另一区", kind=Organization.Kind.COMMITTEE)
    school = School.objects.create(code="E1", name="外区学校")
    tree.add_child(other, code="E1-C", name="外区学校党委", kind="committee", school=school)
    return school


def _school_without_plan(district):
    school = School.objects.create(code="S9", name="新学校")
    tree.add_child(district.root, code="S9-C", name="新学校党委", kind="committee", school=school)
    return school


@pytest.mark.parametrize("change, message", [
    ({"schools": "outside"}, "is not below"),
    ({"schools": "no_plan"}, "has no plan in this campaign"),
    ({"members": "no_account"}, "has no account"),
    ({"ends_on": -1}, "must end on or after"),
    ({"starts_on": -5, "ends_on": -1}, "already ended"),
    ({"ends_on": 900}, "must end by"),
    ({"name": " "}, "Fill in"),
])
def test_bad_input_is_refused_and_nothing_is_written(change, message, launched, district,
                                                     people):
    today = clock.today()
    kwargs = {"name": "第一督导组", "members": people[:1],
              "schools": [district.schools[0].school], "starts_on": today,
              "ends_on": today + dt.timedelta(days=10)}
    if change.get("schools") == "outside":
        kwargs["schools"] = [_outside_school(launched)]
    if change.get("schools") == "no_plan":
        kwargs["schools"] = [_school_without_plan(district)]
    if change.get("members") == "no_account":
        kwargs["members"] = [make_person("无账号", None)]
    for key in ("starts_on", "ends_on"):
        if key in change:
            kwargs[key] = today + dt.timedelta(days=change[key])
    if "name" in change:
        kwargs["name"] = change["name"]
    with pytest.raises(VanguardError, match=message):
        services.send_group(actor=district.users["district_office"], campaign=launched,
                            organization=district.root, **kwargs)
    assert SupervisionGroup.objects.count() == 0
    assert not Role.objects.filter(kind=SUP).exclude(user=district.users["supervisor"]).exists()
    assert not AuditEntry.objects.filter(action__startswith="oversight.").exists()


def test_a_recalled_group_cannot_be_changed_or_recalled_again(group, district, people):
    office = district.users["district_office"]
    services.recall_group(actor=office, group=group)
    with pytest.raises(VanguardError, match="recalled"):
        services.recall_group(actor=office, group=group)
    with pytest.raises(VanguardError, match="recalled"):
        services.change_group(actor=office, group=group, name="x", members=people,
                              schools=[district.schools[0].school],
                              starts_on=group.starts_on, ends_on=group.ends_on)
    assert not roles(people[2]).exists()


# --- visits ------------------------------------------------------------------------------------

def test_a_member_plans_a_visit_and_marks_it_held(group, district, people):
    s1 = district.schools[0].school
    visit = findings.plan_visit(actor=people[0].user, group=group, school=s1,
                                planned_on=clock.today(), purpose="查看学习记录")
    findings.mark_visit_held(actor=people[1].user, visit=visit, held_on=clock.today(),
                             notes="座谈两场。")
    visit.refresh_from_db()
    assert visit.held_on == clock.today() and visit.notes == "座谈两场。"
    assert AuditEntry.objects.filter(action="oversight.visit.held").exists()


def test_a_visit_outside_the_period_or_the_schools_is_refused(group, district, people):
    for school, day, message in [
            (district.schools[0].school, group.ends_on + dt.timedelta(days=1), "inside the"),
            (district.schools[1].school, clock.today(), "not one of the schools")]:
        with pytest.raises(VanguardError, match=message):
            findings.plan_visit(actor=people[0].user, group=group, school=school,
                                planned_on=day, purpose="查看")
    assert Visit.objects.count() == 0


# --- findings ----------------------------------------------------------------------------------

def test_a_finding_tells_the_schools_office(group, district, django_capture_on_commit_callbacks):
    clerk = make_person("办公室干事", district.schools[0].school)
    clerk.user = district.users["office"]
    clerk.save()
    with django_capture_on_commit_callbacks(execute=True):
        finding = finding_of(group, district)
    assert finding.status == Finding.Status.OPEN
    note = Notification.objects.get(person=clerk)
    assert note.url == f"/oversight/supervision/findings/{finding.pk}/"
    assert AuditEntry.objects.filter(action="oversight.finding.recorded").exists()


def test_a_finding_on_a_school_outside_the_group_is_refused(group, district):
    with pytest.raises(VanguardError, match="not one of the schools this group covers"):
        finding_of(group, district, school=district.schools[1].school)
    assert Finding.objects.count() == 0 and Notification.objects.count() == 0


@pytest.mark.parametrize("who", ["supervisor", "district_office", "office", "admin"])
def test_only_a_member_of_the_group_records_findings(who, group, district):
    with pytest.raises(VanguardError, match="Only a member of this group"):
        findings.record_finding(actor=district.users[who], group=group,
                                school=district.schools[0].school, problem="问题",
                                severity="minor", recommendation="建议",
                                due_on=clock.today())
    assert Finding.objects.count() == 0


def test_nothing_is_recorded_once_the_group_is_recalled(group, district, people):
    services.recall_group(actor=district.users["district_office"], group=group)
    group.refresh_from_db()
    with pytest.raises(VanguardError):
        finding_of(group, district)
    assert Finding.objects.count() == 0


@pytest.mark.parametrize("who", ["office", "secretary", "other_secretary"])
def test_the_schools_office_or_a_secretary_answers(who, group, district):
    finding = finding_of(group, district)
    findings.answer_finding(actor=district.users[who], finding=finding, answer="已整改。")
    finding.refresh_from_db()
    assert finding.status == Finding.Status.ANSWERED and finding.answer == "已整改。"
    assert finding.answered_by == district.users[who]


@pytest.mark.parametrize("who", ["other_office", "member", "leader", "supervisor",
                                 "district_office", "sup_a"])
def test_nobody_else_answers(who, group, district, people):
    from vanguard.access.models import User

    finding = finding_of(group, district)
    user = district.users.get(who) or User.objects.get(username=who)
    with pytest.raises(VanguardError, match="Only the office or a secretary"):
        findings.answer_finding(actor=user, finding=finding, answer="答复")
    finding.refresh_from_db()
    assert finding.status == Finding.Status.OPEN and finding.answer == ""


def test_the_group_closes_an_answered_finding(group, district, people):
    finding = finding_of(group, district)
    findings.answer_finding(actor=district.users["office"], finding=finding, answer="已整改。")
    findings.close_finding(actor=people[1].user, finding=finding)
    finding.refresh_from_db()
    assert finding.status == Finding.Status.CLOSED and finding.closed_by == people[1].user
    with pytest.raises(VanguardError, match="closed"):
        findings.answer_finding(actor=district.users["office"], finding=finding, answer="再答")


def test_an_unanswered_finding_closes_only_with_a_note(group, district, people):
    finding = finding_of(group, district)
    with pytest.raises(VanguardError, match="not answered yet"):
        findings.close_finding(actor=people[0].user, finding=finding)
    finding.refresh_from_db()
    assert finding.status == Finding.Status.OPEN
    findings.close_finding(actor=people[0].user, finding=finding, note="学校已在会上说明。")
    finding.refresh_from_db()
    assert finding.status == Finding.Status.CLOSED


@pytest.mark.parametrize("who", ["district_office", "office", "supervisor"])
def test_only_the_group_closes(who, group, district):
    finding = finding_of(group, district)
    with pytest.raises(VanguardError, match="Only a member of the group"):
        findings.close_finding(actor=district.users[who], finding=finding, note="关闭")
    finding.refresh_from_db()
    assert finding.status == Finding.Status.OPEN


# --- good practices ----------------------------------------------------------------------------

def test_sharing_a_good_practice_tells_every_schools_office(
        group, district, people, django_capture_on_commit_callbacks):
    clerks = []
    for key, school in (("office", district.schools[0]), ("other_office", district.schools[1])):
        clerk = make_person(f"{key}干事", school.school)
        clerk.user = district.users[key]
        clerk.save()
        clerks.append(clerk)
    practice = findings.record_good_practice(actor=people[0].user, group=group,
                                             school=district.schools[0].school,
                                             title="党员先锋岗", text="每个教研组设先锋岗。")
    with django_capture_on_commit_callbacks(execute=True):
        findings.share_good_practice(actor=people[0].user, practice=practice)
    practice.refresh_from_db()
    assert practice.shared_at is not None
    assert Notification.objects.filter(person__in=clerks).count() == 2
    with pytest.raises(VanguardError, match="already been shared"):
        findings.share_good_practice(actor=people[0].user, practice=practice)


def test_a_good_practice_elsewhere_is_refused(group, district, people):
    with pytest.raises(VanguardError, match="not one of the schools"):
        findings.record_good_practice(actor=people[0].user, group=group,
                                      school=district.schools[1].school, title="t", text="x")
    assert GoodPractice.objects.count() == 0
