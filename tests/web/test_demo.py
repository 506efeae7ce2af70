"""`vanguard load-demo`: the demo district with its first school well into phase 2 (issues 6
and 7, "Done means"), its second behind in phase 1, its third waiting; the logins it prints
open the pages they are printed for."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count
from django.test import override_settings

from vanguard.access.models import User
from vanguard.analyses.models import SelfAnalysis
from vanguard.campaigns.models import Notice, Phase, Plan
from vanguard.demo.guide import phase_two_logins
from vanguard.evaluations.models import Ballot, Evaluation, MemberGrade, Round
from vanguard.meetings.models import Attendance, Criticism, MaterialPackage, Meeting
from vanguard.opinions.models import Channel, Feedback, Opinion, SourceGroup
from vanguard.people.models import Member, Organization
from vanguard.talks.models import TalkPair

S01 = "S01-P"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """The demo loaded once for the module (it takes seconds) and rolled back after it."""
    out = StringIO()
    with django_db_blocker.unblock(), override_settings(
            PASSWORD_HASHERS=FAST_HASHERS, RECEIPT_HASH_ITERATIONS=1000), transaction.atomic():
        call_command("load-demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo_output, db):
    return demo_output


def _top() -> Organization:
    return Organization.objects.get(code=S01)


def _phase(code, key) -> Phase:
    return Phase.objects.get(plan__organization__code=code, key=key)


def test_the_schools_stand_in_phase_two_phase_one_and_waiting(loaded):
    mobilize, review = _phase(S01, "mobilize"), _phase(S01, "review")
    assert mobilize.state == Phase.State.CLOSED and len(mobilize.override_reason) >= 10
    assert review.state == Phase.State.OPEN
    assert _phase("S02-P", "mobilize").state == Phase.State.OPEN
    assert Plan.objects.get(organization__code="S03-P").status == Plan.Status.SUBMITTED
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
    org_life = Meeting.objects.get(kind=Meeting.Kind.ORG_LIFE)
    team = Meeting.objects.get(kind=Meeting.Kind.DEMOCRATIC_LIFE)
    for meeting in (org_life, team):
        assert meeting.minutes
        assert Attendance.objects.filter(meeting=meeting, self_criticism_done=True).exists()
        assert Criticism.objects.filter(meeting=meeting).exists()
    assert MaterialPackage.objects.filter(meeting=team).exists()
    notice = Notice.objects.get(organization=team.organization, published_at__isnull=False)
    assert notice.source.startswith("meetings.meeting:")


def test_a_closed_evaluation_shows_results_grades_and_acknowledgements(loaded):
    closed = Evaluation.objects.get(stage=Evaluation.Stage.CLOSED)
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
    notice = Notice.objects.get(source__startswith="meetings.meeting:")
    page = client.get(f"/public/{S01}/").content.decode()
    assert notice.title in page
