"""`vanguard load-demo`: the demo district with its first school well into phase 2 (issues 6
and 7, "Done means"), its second behind in phase 1, its third waiting — and the third
school's pilot campaign through to the end (issue 8: the assessment done, the report
acknowledged); the logins it prints open the pages they are printed for."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings

from vanguard.access.models import Role, User
from vanguard.analyses.models import SelfAnalysis
from vanguard.assessments import selectors as assessment_selectors
from vanguard.assessments.models import Assessment, Part, RemedialRound, Response
from vanguard.campaigns.models import Campaign, Notice, Phase, Plan
from vanguard.core import clock
from vanguard.demo import pilot_texts
from vanguard.demo.guide import phase_three_logins, phase_two_logins
from vanguard.evaluations.models import Ballot, Evaluation, MemberGrade, Round
from vanguard.meetings.models import Attendance, Criticism, MaterialPackage, Meeting
from vanguard.opinions.models import Channel, Feedback, Opinion, SourceGroup
from vanguard.people.models import Member, Organization
from vanguard.rectification.models import (
    Disclosure,
    Evidence,
    Item,
    LastingRule,
    Owner,
    RectificationPlan,
)
from vanguard.rectification.services.consolidation import consolidation_state
from vanguard.reports.models import SummaryReport
from vanguard.talks.models import TalkPair

S01, S03 = "S01-P", "S03-P"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for the module (it takes seconds) and rolled back after it; the
    pilot's evidence file goes to a folder of the module's own."""
    out = StringIO()
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(
            PASSWORD_HASHERS=FAST_HASHERS, RECEIPT_HASH_ITERATIONS=1000,
            MEDIA_ROOT=media), transaction.atomic():
        call_command("load-demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo_output, db):
    return demo_output


def _top() -> Organization:
    return Organization.objects.get(code=S01)


def _main() -> Campaign:
    return Campaign.objects.get(organization__code="D01")


def _pilot() -> Campaign:
    return Campaign.objects.get(organization__code=S03)


def _phase(code, key) -> Phase:
    return Phase.objects.get(plan__campaign=_main(), plan__organization__code=code, key=key)


def test_the_schools_stand_in_phase_two_phase_one_and_waiting(loaded):
    mobilize, review = _phase(S01, "mobilize"), _phase(S01, "review")
    assert mobilize.state == Phase.State.CLOSED and len(mobilize.override_reason) >= 10
    assert review.state == Phase.State.OPEN
    assert _phase("S02-P", "mobilize").state == Phase.State.OPEN
    assert Plan.objects.get(campaign=_main(), organization__code=S03).status == \
        Plan.Status.SUBMITTED
    assert "/public/S01-P/" in loaded


def test_opinions_from_every_channel_and_group_and_feedback_released_to_some(loaded):
    school = Opinion.objects.filter(organization__path__startswith=_top().path)
    by_channel = dict(school.values_list("channel").annotate(n=Count("pk")))
    by_group = dict(school.values_list("source_group").annotate(n=Count("pk")))
    assert all(by_channel.get(c, 0) > 0 for c in Channel.values), by_channel
    assert all(by_group.get(g, 0) > 0 for g in SourceGroup.values), by_group
    assert school.filter(anonymous=True, receipt_hash__isnull=False).exists()
    assert school.filter(symposium__isnull=False).exists()
    statuses = set(school.values_list("status", flat=True))
    assert {"released", "merged", "set_aside", "received"} <= statuses
    members = Member.objects.filter(organization__path__startswith=_top().path)
    released = Feedback.objects.filter(subject_kind="member", released_on__isnull=False,
                                       subject_person__member__in=members)
    assert 0 < released.count() < members.count()
    assert released.filter(read_on__isnull=False).exists()
    assert released.filter(read_on__isnull=True).exists()
    assert school.exclude(response="").exists()


def test_the_talk_matrix_is_partly_filled(loaded):
    pairs = TalkPair.objects.filter(organization__path__startswith=_top().path)
    states = dict(pairs.values_list("state").annotate(n=Count("pk")))
    assert all(states.get(s, 0) > 0 for s in TalkPair.State.values), states


def test_analyses_meetings_package_and_notice_in_progress(loaded):
    statuses = set(SelfAnalysis.objects.filter(organization__path__startswith=_top().path)
                   .values_list("status", flat=True))
    assert {"draft", "submitted", "returned", "approved", "final"} <= statuses
    assert SelfAnalysis.objects.filter(times_returned__gt=0, status="approved").exists()
    school = Meeting.objects.filter(activity__plan__campaign=_main())
    org_life = school.get(kind=Meeting.Kind.ORG_LIFE)
    team = school.get(kind=Meeting.Kind.DEMOCRATIC_LIFE)
    for meeting in (org_life, team):
        assert meeting.minutes
        assert Attendance.objects.filter(meeting=meeting, self_criticism_done=True).exists()
        assert Criticism.objects.filter(meeting=meeting).exists()
    assert MaterialPackage.objects.filter(meeting=team).exists()
    notice = Notice.objects.get(organization=team.organization, published_at__isnull=False)
    assert notice.source.startswith("meetings.meeting:")


def test_a_closed_evaluation_shows_results_grades_and_acknowledgements(loaded):
    closed = Evaluation.objects.get(campaign=_main(), stage=Evaluation.Stage.CLOSED)
    rounds = dict(Ballot.objects.filter(evaluation=closed).values_list("round")
                  .annotate(n=Count("pk")))
    assert rounds[Round.MUTUAL] >= 5 and rounds[Round.NON_MEMBER] >= 5
    grades = MemberGrade.objects.filter(evaluation=closed)
    assert 0 < grades.count() < Member.objects.filter(organization=closed.organization).count()
    assert grades.filter(acknowledged_on__isnull=False).exists()
    assert grades.filter(acknowledged_on__isnull=True).exists()
    assert Evaluation.objects.filter(stage=Evaluation.Stage.VOTING).exists()


def test_each_printed_phase_two_login_opens_its_page(loaded, client):
    guide = phase_two_logins()
    assert len(guide) >= 7
    for what, login, address in guide:
        client.logout()
        if login != "—":
            client.force_login(User.objects.get(username=login))
        response = client.get(address)
        assert response.status_code == 200, (what, login, address)


def test_the_public_page_shows_the_democratic_life_notice(loaded, client):
    notice = Notice.objects.get(campaign=_main(), source__startswith="meetings.meeting:")
    page = client.get(f"/public/{S01}/").content.decode()
    assert notice.title in page


# --- the pilot school, through to the end (issue 8) ------------------------------------------

def test_the_pilot_school_closed_all_three_phases_and_is_in_consolidation(loaded):
    plan = Plan.objects.get(campaign=_pilot(), organization__code=S03)
    assert plan.status == Plan.Status.APPROVED
    phases = plan.phases.filter(kind=Phase.Kind.PHASE)
    assert {p.key: p.state for p in phases} == {
        "mobilize": Phase.State.CLOSED, "review": Phase.State.CLOSED,
        "rectify": Phase.State.CLOSED}
    in_consolidation, ends_on = consolidation_state(_pilot(), plan.organization)
    assert in_consolidation and ends_on > clock.today()
    assert "/rectification/public/S03-P/" in loaded


def test_the_pilot_has_plans_of_the_three_owner_kinds_and_items_in_every_status(loaded):
    approved = RectificationPlan.objects.filter(campaign=_pilot(),
                                                status=RectificationPlan.Status.APPROVED)
    assert set(approved.values_list("owner_kind", flat=True)) == set(Owner.values)
    items = Item.objects.filter(campaign=_pilot())
    assert set(items.values_list("status", flat=True)) == set(Item.Status.values)
    assert set(items.values_list("item_class", flat=True)) == set(Item.Class.values)
    overdue = items.filter(status__in=["open", "in_progress"], deadline__lt=clock.today())
    assert overdue.count() == 1
    district = Role.objects.get(kind=Role.Kind.OFFICE, organization__code="D01").user
    assert items.filter(status=Item.Status.VERIFIED, verified_by=district).exists()
    assert Evidence.objects.filter(item__campaign=_pilot()).exclude(file="").exists()
    follow_ups = Meeting.objects.filter(activity__plan__campaign=_pilot(),
                                        kind=Meeting.Kind.FOLLOW_UP)
    assert follow_ups.count() >= 2 and all(m.minutes for m in follow_ups)
    assert Attendance.objects.filter(meeting__in=follow_ups).exclude(progress_note="").exists()


def test_the_pilot_published_a_disclosure_and_a_correction_with_lasting_rules(loaded, client):
    latest = Disclosure.objects.get(campaign=_pilot(), superseded_by__isnull=True)
    old = Disclosure.objects.get(campaign=_pilot(), superseded_by=latest)
    assert latest.correction_note and latest.content["supersedes"] == old.number
    assert latest.content["counts"]["solved"] > old.content["counts"]["solved"]
    rules = LastingRule.objects.filter(campaign=_pilot())
    assert rules.exists() and len(latest.content["rules"]) == rules.count()
    assert client.get(f"/rectification/public/{S03}/{old.number}/").status_code == 200


def test_the_assessment_closed_with_results_and_no_remedial_round(loaded):
    assessment = Assessment.objects.get(campaign=_pilot())
    assert assessment.state == Assessment.State.CLOSED and assessment.round == 1
    parts = dict(Response.objects.filter(assessment=assessment).values_list("part")
                 .annotate(n=Count("pk")))
    assert parts.get(Part.REPRESENTATIVE, 0) >= 5 and parts.get(Part.SAMPLE, 0) >= 5
    shown = [q for row in assessment_selectors.results(assessment) for q in row.questions
             if q.shown]
    assert shown and all(q.low <= q.satisfied <= q.high for q in shown)
    assert not RemedialRound.objects.filter(campaign=_pilot()).exists()


def test_the_summary_report_was_edited_sent_and_acknowledged(loaded):
    report = SummaryReport.objects.get(campaign=_pilot())
    assert report.status == SummaryReport.Status.ACKNOWLEDGED
    assert report.superior.code == "D01" and report.figures
    assert report.sections["practices"] == pilot_texts.REPORT_PRACTICES
    assert report.sections["how_run"]  # as generated from the records


def test_each_printed_phase_three_login_opens_its_page(loaded, client):
    guide = phase_three_logins()
    assert len(guide) >= 10
    for what, login, address in guide:
        client.logout()
        if login != "—":
            client.force_login(User.objects.get(username=login))
        response = client.get(address)
        assert response.status_code == 200, (what, login, address)


# --- issue #9: leadership, supervision and coverage in the main campaign ----------------------

def test_leading_groups_at_each_level_and_the_roles_that_follow(loaded):
    from vanguard.oversight.models import LeadingGroup, Seat
    from vanguard.people.models import Leader

    groups = LeadingGroup.objects.filter(campaign=_main())
    assert set(groups.values_list("organization__code", flat=True)) == \
        {"D01", S01, "S02-P", S03}
    for group in groups.filter(organization__school__isnull=False):
        head = group.seats.get(post=Seat.Post.HEAD)
        assert Leader.objects.filter(person=head.person, is_principal=True).exists()
        office_head = group.seats.get(post=Seat.Post.OFFICE_HEAD)
        assert Role.objects.filter(user=office_head.person.user, kind=Role.Kind.OFFICE,
                                   organization=group.organization,
                                   source=f"leading_group:{group.pk}").exists()
        assert group.seats.filter(post=Seat.Post.OFFICE_STAFF).exists()


def test_a_supervision_group_with_findings_closed_answered_and_open(loaded):
    from vanguard.oversight import flags
    from vanguard.oversight.models import Finding, GoodPractice, SupervisionGroup

    group = SupervisionGroup.objects.get(campaign=_main())
    assert set(group.schools.values_list("code", flat=True)) == {"S01", "S02"}
    assert group.closed_at is None and group.ends_on >= clock.today()
    members = list(group.members.all())
    assert len(members) == 2 and all(p.user_id for p in members)
    for person in members:  # the group's roles, at each school it covers, read only
        assert set(Role.objects.filter(user=person.user, source=f"supervision:{group.pk}")
                   .values_list("kind", "organization__code")) == \
            {("supervisor", S01), ("supervisor", "S02-P")}
    statuses = dict(Finding.objects.filter(group=group).values_list("status", "school__code"))
    assert statuses == {"closed": "S02", "answered": "S01", "open": "S02"}
    closed = Finding.objects.get(group=group, status="closed")
    assert closed.answer and closed.closed_at and closed.closing_note
    assert group.visits.filter(held_on__isnull=False).count() == 3
    assert GoodPractice.objects.get(group=group).shared_at is not None
    rows = {row.school.code: row for row in flags.red_flags(_main(), _main().organization)}
    assert "behind_schedule" in rows["S02"].flags


def test_graduates_mostly_reached_one_abroad_and_a_few_unreached(loaded):
    from vanguard.oversight.models import Participation
    from vanguard.oversight.selectors import coverage

    top = Organization.objects.get(code=S03)
    reached, total = coverage.reached_counts(_main().pk, top)
    assert total == 12 and 2 <= total - reached <= 3
    assert coverage.graduates(_main(), top, unreached=True).count() == total - reached
    abroad = Participation.objects.get(campaign=_main(), mode=Participation.Mode.ELSEWHERE)
    assert "留学" in abroad.reason
    local = Participation.objects.filter(campaign=_main(), mode=Participation.Mode.WHERE_LIVING)
    assert local.exists() and all(p.report_file and p.report_received_on and p.place
                                  for p in local)
    assert Participation.objects.filter(campaign=_main(),
                                        mode=Participation.Mode.AT_SCHOOL).exists()


def test_publicity_activities_exemplar_and_news_published_with_one_waiting(loaded, client):
    from vanguard.publicity.models import Exemplar, NewsItem, PracticeActivity

    activities = PracticeActivity.objects.filter(campaign=_main())
    assert set(activities.values_list("theme", flat=True)) == \
        {"school_ethos", "teachers_ethics", "qualified_students"}
    for activity in activities:
        assert activity.participants.exists() and activity.photos.exists()
    exemplar = Exemplar.objects.get(campaign=_main())
    assert exemplar.status == Exemplar.Status.APPROVED and exemplar.published_at
    assert exemplar.decided_by_id != exemplar.nominated_by_id
    published = NewsItem.objects.filter(campaign=_main(), status=NewsItem.Status.PUBLISHED)
    assert published.count() == 2
    assert all(item.reviewed_by_id != item.written_by_id for item in published)
    assert NewsItem.objects.filter(campaign=_main(), status=NewsItem.Status.SUBMITTED).count() \
        == 1
    page = client.get(f"/publicity/public/{_main().pk}/").content.decode()
    assert all(item.title in page for item in published)
    assert exemplar.person.name in page


def test_the_exam_week_misses_every_meeting_and_a_case_is_kept(loaded):
    from vanguard.campaigns.models import CalendarPeriod
    from vanguard.campaigns.services import calendar
    from vanguard.handling.models import Case

    exam = CalendarPeriod.objects.get(kind=CalendarPeriod.Kind.EXAM)
    assert exam.starts_on > clock.today()
    days = {clock.localdate_of(held_at)
            for held_at in Meeting.objects.values_list("held_at", flat=True)}
    assert not calendar.exam_clashes(exam.organization, days)
    assert CalendarPeriod.objects.filter(kind=CalendarPeriod.Kind.TERM).exists()
    assert CalendarPeriod.objects.filter(kind=CalendarPeriod.Kind.HOLIDAY).exists()
    case = Case.objects.get()
    assert case.kind == Case.Kind.EDUCATION and case.steps.exists()
    assert case.opened_by.person.leading_group_seats.filter(post="office_head").exists()


def test_the_preparation_survey_closed_with_member_and_public_answers(loaded):
    from vanguard.surveys import selectors
    from vanguard.surveys.models import Survey

    survey = Survey.objects.get(campaign=_main())
    assert survey.state == Survey.State.CLOSED and survey.organization.code == S01
    results = selectors.results(survey)
    assert results.shown and results.topics and results.expectations
    groups = set(survey.responses.values_list("group", flat=True))
    assert {"member", "parent", "student"} <= groups


def test_each_printed_oversight_login_opens_its_page(loaded, client):
    from vanguard.demo.guide import oversight_logins

    guide = oversight_logins()
    assert len(guide) >= 12
    for what, login, address in guide:
        client.logout()
        if login != "—":
            client.force_login(User.objects.get(username=login))
        response = client.get(address)
        assert response.status_code == 200, (what, login, address)
    assert "Leadership, supervision and coverage" in loaded
