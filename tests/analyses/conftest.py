"""Fixtures of the analyses tests: the member's analysis in school S1's open review phase,
text long enough for each section, opinions fed back to a member, a held special meeting."""

import datetime as dt
import uuid

import pytest

from vanguard.analyses import services
from vanguard.analyses.services.sections import sections_of
from vanguard.core import clock


def full_text(analysis, extra: str = "") -> dict[str, str]:
    """Every section exactly at its minimum (plus `extra`), as the editor sends it."""
    return {s.key: f"<p>{'析' * s.min_characters}{extra}</p>"
            for s in sections_of(analysis.activity)}


def hand_in(user, analysis, **kwargs):
    analysis.refresh_from_db()
    return services.submit_analysis(actor=user, analysis=analysis, version=analysis.version,
                                    sections=kwargs.pop("sections", None) or full_text(analysis),
                                    **kwargs)


def released_opinion(campaign, person, summary="上课有时迟到"):
    """An opinion about `person` released to them (phase 2a's rows, made directly)."""
    from vanguard.opinions.models import Feedback, Intake, Opinion

    plan = campaign.plans.get(organization__school_id=person.school_id)
    activity = plan.activities.get(key="opinion_intake")
    intake = Intake.objects.filter(activity=activity).first() or Intake.objects.create(
        activity=activity, campaign=campaign, organization=plan.organization,
        form_key=uuid.uuid4().hex[:16])
    branch = person.member.organization
    feedback, _ = Feedback.objects.get_or_create(
        campaign=campaign, subject_kind="member", subject_person=person,
        defaults={"organization": branch, "released_on": clock.today()})
    return Opinion.objects.create(
        intake=intake, campaign=campaign, subject_kind="member", subject_person=person,
        organization=branch, category="work", channel="box", source_group="staff",
        text=summary, summary=summary, received_on=clock.today(), status="released",
        feedback=feedback)


def hold_meeting(campaign, organization, *, kind="org_life", minutes="会议纪要：逐一自我批评"):
    from vanguard.meetings.models import Meeting

    key = "org_life_meeting" if kind == "org_life" else "democratic_life_meeting"
    plan = campaign.plans.get(organization__school_id=organization.school_id)
    return Meeting.objects.create(
        kind=kind, activity=plan.activities.get(key=key), organization=organization,
        title="专题组织生活会", minutes=minutes,
        held_at=dt.datetime.combine(clock.today(), dt.time(15), tzinfo=dt.UTC))


@pytest.fixture
def member(district):
    return district.users["member"]


@pytest.fixture
def secretary(district):
    return district.users["secretary"]


@pytest.fixture
def analysis(review_open, member):
    return services.start_analysis(actor=member, campaign=review_open.campaign)


@pytest.fixture
def submitted(analysis, member):
    return hand_in(member, analysis)
