"""Study sessions and the hours ledger: totals by hand, the minimum, exemptions, refusals."""

import datetime as dt
from decimal import Decimal

import pytest

from vanguard.access.models import AuditEntry
from vanguard.campaigns import registry
from vanguard.campaigns.models import Assignment
from vanguard.core import clock
from vanguard.study.errors import StudyError
from vanguard.study.models import HoursEntry, HoursExemption, HoursTotal, StudySession
from vanguard.study.services import hours

D = Decimal


@pytest.fixture
def s1(district):
    return district.schools[0]


@pytest.fixture
def activity(launched, s1):
    return launched.plans.get(organization=s1.committee).activities.get(kind="study.hours")


@pytest.fixture
def office(district):
    return district.users["office"]


def day(activity, n=0):
    return activity.phase.starts_on + dt.timedelta(days=n)


def session(activity, office, org, hours_, *, n=0, kind="concentrated", title="集中学习"):
    return hours.record_session(actor=office, activity=activity, organization=org, kind=kind,
                                title=title, held_on=day(activity, n), hours=hours_)


def total(campaign, person) -> tuple[Decimal, Decimal, dict]:
    row = HoursTotal.objects.filter(campaign=campaign, person=person).first()
    return (row.organized, row.self_study, row.by_kind) if row else (D(0), D(0), {})


def task(campaign, person) -> Assignment:
    return Assignment.objects.get(person=person, activity__kind="study.hours",
                                  activity__plan__campaign=campaign)


def test_totals_match_a_ledger_computed_by_hand(launched, activity, office, s1, district):
    m11, m12, m13, m21, m22, m23 = s1.members
    lecture = session(activity, office, s1.committee, "3", kind="party_lecture", title="党课")
    tutoring = session(activity, office, s1.branches[1], "2.5", n=1, kind="tutoring",
                       title="专题辅导")
    texts = session(activity, office, s1.committee, 4, n=2)
    hours.record_session_attendance(actor=office, session=lecture, person_ids=[m11.pk, m12.pk,
                                                                               m21.pk])
    hours.record_session_attendance(actor=district.users["secretary"], session=tutoring,
                                    person_ids=[m21.pk, m22.pk])
    hours.record_session_attendance(actor=office, session=texts,
                                    person_ids=[m11.pk, m21.pk, m23.pk])
    # m21's account is the secretary's: self-study is theirs to log, and it never counts.
    hours.log_self_study(actor=district.users["secretary"], campaign=launched, title="自学党章",
                         studied_on=clock.today(), hours="1.5")

    assert total(launched, m11) == (D("7.0"), D(0), {"concentrated": "4.0",
                                                      "party_lecture": "3.0"})
    assert total(launched, m12) == (D("3.0"), D(0), {"party_lecture": "3.0"})
    assert total(launched, m13) == (D(0), D(0), {})
    assert total(launched, m21) == (D("9.5"), D("1.5"), {"concentrated": "4.0",
                                                          "party_lecture": "3.0",
                                                          "tutoring": "2.5"})
    assert total(launched, m22) == (D("2.5"), D(0), {"tutoring": "2.5"})
    assert total(launched, m23) == (D("4.0"), D(0), {"concentrated": "4.0"})
    assert HoursEntry.objects.filter(campaign=launched).count() == 9
    assert task(launched, m21).status == Assignment.Status.PENDING  # 9.5 of 40
    assert AuditEntry.objects.filter(action="study.hours.recorded").count() == 3
    assert AuditEntry.objects.filter(action="study.session.recorded").count() == 3
    assert AuditEntry.objects.filter(action="study.self_study.logged").count() == 1


def test_the_task_turns_done_exactly_at_the_minimum(launched, activity, office, s1):
    member = s1.members[2]
    for n in range(4):  # 4 x 8 = 32
        hours.record_session_attendance(actor=office, session=session(
            activity, office, s1.committee, 8, n=n), person_ids=[member.pk])
    short = session(activity, office, s1.committee, "7.9", n=4)
    hours.record_session_attendance(actor=office, session=short, person_ids=[member.pk])
    assert total(launched, member)[0] == D("39.9")
    assert task(launched, member).status == Assignment.Status.PENDING
    last = session(activity, office, s1.committee, "0.1", n=5)
    entry = hours.record_session_attendance(actor=office, session=last,
                                            person_ids=[member.pk])[0]
    assert total(launched, member)[0] == D("40.0")
    done = task(launched, member)
    assert done.status == Assignment.Status.DONE and done.done_at is not None
    assert registry.get("study.hours").progress(activity, s1.committee) == (1, 6)
    # Taking a line off the ledger takes the task back.
    hours.remove_entry(actor=office, entry=entry)
    assert total(launched, member)[0] == D("39.9")
    assert task(launched, member).status == Assignment.Status.PENDING
    assert registry.get("study.hours").progress(activity, s1.committee) == (0, 6)


def test_self_study_never_counts_toward_the_minimum(launched, activity, district, s1):
    activity.settings = {"min_hours": 1}
    activity.save(update_fields=["settings"])
    member_user = district.users["member"]
    hours.log_self_study(actor=member_user, campaign=launched, title="自学", hours=20,
                         studied_on=clock.today())
    assert total(launched, member_user.person) == (D(0), D("20.0"), {})
    assert task(launched, member_user.person).status == Assignment.Status.PENDING


def test_a_kind_minimum_holds_the_task_until_it_is_met(launched, activity, office, s1):
    activity.settings = {"min_hours": 10, "min_hours_by_kind": {"party_lecture": 4}}
    activity.save(update_fields=["settings"])
    member = s1.members[0]
    hours.record_session_attendance(actor=office, session=session(
        activity, office, s1.committee, 10), person_ids=[member.pk])
    assert task(launched, member).status == Assignment.Status.PENDING  # 10 h, no party lecture
    hours.record_session_attendance(actor=office, session=session(
        activity, office, s1.committee, 3, n=1, kind="party_lecture", title="党课"),
        person_ids=[member.pk])
    assert task(launched, member).status == Assignment.Status.PENDING  # 3 of 4 lecture hours
    hours.record_session_attendance(actor=office, session=session(
        activity, office, s1.committee, 1, n=2, kind="party_lecture", title="党课二"),
        person_ids=[member.pk])
    assert total(launched, member)[2]["party_lecture"] == "4.0"
    assert task(launched, member).status == Assignment.Status.DONE


def test_an_exemption_excuses_the_task_and_the_gate_counts_it_out(launched, activity, office,
                                                                   s1):
    member = s1.members[4]
    kind = registry.get("study.hours")
    assert kind.progress(activity, s1.committee) == (0, 6)
    with pytest.raises(StudyError, match="reason"):
        hours.grant_exemption(actor=office, campaign=launched, person=member, reason="病")
    exemption = hours.grant_exemption(actor=office, campaign=launched, person=member,
                                      reason="长期病休，支部同意")
    assert task(launched, member).status == Assignment.Status.EXCUSED
    assert kind.progress(activity, s1.committee) == (0, 5)
    # Hours recorded while exempt do not undo the exemption.
    hours.record_session_attendance(actor=office, session=session(
        activity, office, s1.committee, 5), person_ids=[member.pk])
    assert task(launched, member).status == Assignment.Status.EXCUSED
    with pytest.raises(StudyError, match="already exempt"):
        hours.grant_exemption(actor=office, campaign=launched, person=member, reason="再次申请免修")
    hours.revoke_exemption(actor=office, exemption=exemption)
    assert not HoursExemption.objects.exists()
    assert task(launched, member).status == Assignment.Status.PENDING
    assert kind.progress(activity, s1.committee) == (0, 6)
    assert AuditEntry.objects.filter(action__startswith="study.exemption.").count() == 2


def test_revoking_an_exemption_of_someone_at_the_minimum_makes_the_task_done(
        launched, activity, office, s1):
    activity.settings = {"min_hours": 5}
    activity.save(update_fields=["settings"])
    member = s1.members[4]
    exemption = hours.grant_exemption(actor=office, campaign=launched, person=member,
                                      reason="外出培训一个月")
    hours.record_session_attendance(actor=office, session=session(
        activity, office, s1.committee, 5), person_ids=[member.pk])
    hours.revoke_exemption(actor=office, exemption=exemption)
    assert task(launched, member).status == Assignment.Status.DONE


def test_more_than_24_hours_on_one_day_refuses_the_whole_call(launched, activity, office, s1):
    m1, m2 = s1.members[0], s1.members[1]
    hours.record_session_attendance(actor=office, session=session(
        activity, office, s1.committee, 20), person_ids=[m1.pk])
    evening = session(activity, office, s1.committee, 5, title="晚间学习")
    with pytest.raises(StudyError, match=f"{m1.name} would have 25.0 hours"):
        hours.record_session_attendance(actor=office, session=evening,
                                        person_ids=[m1.pk, m2.pk])
    assert not HoursEntry.objects.filter(session=evening).exists()  # m2 not recorded either
    assert total(launched, m1)[0] == D("20.0")
    # Self-study counts in the day too.
    member_user = s1.members[-1].user
    hours.record_session_attendance(actor=office, session=session(
        activity, office, s1.committee, 23, title="通宵"), person_ids=[s1.members[-1].pk])
    with pytest.raises(StudyError, match="at most 24 hours a day"):
        hours.log_self_study(actor=member_user, campaign=launched, title="自学",
                             studied_on=clock.today(), hours=2)


def test_negative_zero_and_absurd_hours_are_refused(activity, office, s1):
    for bad in ("-1", "0", "0.0", "25", "24.1", "2.25", "abc", "NaN", "Infinity", "", None):
        with pytest.raises(StudyError):
            session(activity, office, s1.committee, bad)
    assert not StudySession.objects.exists()


def test_24_hours_is_a_whole_day_and_allowed(activity, office, s1):
    assert session(activity, office, s1.committee, 24).hours == D("24.0")


def test_a_session_outside_the_phase_is_refused(activity, office, s1):
    phase = activity.phase
    for held_on in (phase.starts_on - dt.timedelta(days=1), phase.ends_on + dt.timedelta(days=1)):
        with pytest.raises(StudyError, match="within the phase"):
            hours.record_session(actor=office, activity=activity, organization=s1.committee,
                                 kind="concentrated", title="集中学习", held_on=held_on, hours=2)
    assert not StudySession.objects.exists()


def test_a_session_is_only_for_a_study_hours_step_with_its_phase_open(launched, activity,
                                                                      office, s1):
    plan = activity.plan
    meeting = plan.activities.get(kind="meetings.mobilization")
    with pytest.raises(StudyError, match="organized-study step"):
        hours.record_session(actor=office, activity=meeting, organization=s1.committee,
                             kind="concentrated", title="集中学习", held_on=day(activity),
                             hours=2)
    activity.phase.state = "closed"
    activity.phase.save(update_fields=["state"])
    with pytest.raises(StudyError, match="phase is open"):
        session(activity, office, s1.committee, 2)


def test_a_session_of_another_school_is_refused(activity, district):
    other = district.schools[-1]
    with pytest.raises(StudyError, match="not part of"):
        session(activity, district.users["district_office"], other.committee, 2)


def test_people_outside_the_sessions_organization_are_refused(launched, activity, office, s1,
                                                              district):
    branch_session = session(activity, office, s1.branches[1], 2)
    outsiders = [s1.members[0], district.schools[-1].members[0]]  # branch B1, school S2
    with pytest.raises(StudyError, match="Not members of") as caught:
        hours.record_session_attendance(actor=office, session=branch_session,
                                        person_ids=[s1.members[3].pk, *[p.pk for p in outsiders]])
    assert all(p.name in caught.value.text for p in outsiders)
    assert not HoursEntry.objects.exists()
    hours.record_session_attendance(actor=office, session=branch_session,
                                    person_ids=[s1.members[3].pk])
    with pytest.raises(StudyError, match="Already recorded"):
        hours.record_session_attendance(actor=office, session=branch_session,
                                        person_ids=[s1.members[3].pk])
    assert HoursEntry.objects.count() == 1


def test_supervisor_other_school_leader_and_member_cannot_record_sessions(activity, s1,
                                                                         district):
    for who in ("supervisor", "other_office", "member", "leader"):
        with pytest.raises(StudyError, match="not allowed"):
            session(activity, district.users[who], s1.committee, 2)
    assert not StudySession.objects.exists()


def test_a_branch_secretary_records_for_their_branch_only(activity, s1, district):
    secretary = district.users["secretary"]
    assert session(activity, secretary, s1.branches[1], 2).organization == s1.branches[1]
    with pytest.raises(StudyError, match="not allowed"):
        session(activity, secretary, s1.committee, 2)
    school_session = session(activity, district.users["office"], s1.committee, 2)
    with pytest.raises(StudyError, match="not allowed"):
        hours.record_session_attendance(actor=secretary, session=school_session,
                                        person_ids=[s1.members[3].pk])


def test_supervisor_and_other_office_cannot_grant_exemptions_or_remove_lines(
        launched, activity, office, s1, district):
    entry = hours.record_session_attendance(actor=office, session=session(
        activity, office, s1.committee, 2), person_ids=[s1.members[0].pk])[0]
    for who in ("supervisor", "other_office", "leader", "member"):
        with pytest.raises(StudyError, match="not allowed"):
            hours.grant_exemption(actor=district.users[who], campaign=launched,
                                  person=s1.members[0], reason="长期病休不能参加")
        with pytest.raises(StudyError, match="not allowed"):
            hours.remove_entry(actor=district.users[who], entry=entry)
    assert HoursEntry.objects.count() == 1 and not HoursExemption.objects.exists()


def test_self_study_is_the_members_own_within_the_campaign_and_not_ahead(launched, district):
    member_user = district.users["member"]
    today = clock.today()
    with pytest.raises(StudyError, match="future"):
        hours.log_self_study(actor=member_user, campaign=launched, title="自学",
                             studied_on=today + dt.timedelta(days=1), hours=1)
    with pytest.raises(StudyError, match="within the campaign"):
        hours.log_self_study(actor=member_user, campaign=launched, title="自学",
                             studied_on=launched.starts_on - dt.timedelta(days=1), hours=1)
    with pytest.raises(StudyError, match="not allowed"):  # an account without a person
        hours.log_self_study(actor=district.users["office"], campaign=launched, title="自学",
                             studied_on=today, hours=1)
    entry = hours.log_self_study(actor=member_user, campaign=launched, title="  自学党章  ",
                                 studied_on=today, hours="1.5")
    assert (entry.kind, entry.source, entry.title) == ("self", "self", "自学党章")
    # The member may take their own line back; a secretary's line is not theirs to remove.
    hours.remove_entry(actor=member_user, entry=entry)
    assert total(launched, member_user.person) == (D(0), D(0), {})
