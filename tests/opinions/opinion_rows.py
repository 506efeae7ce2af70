"""Opinion rows for the sorting and feedback tests, written with the ORM (the intake
services have their own tests): an opinion about any subject of school S1."""

from vanguard.core import clock
from vanguard.opinions import subjects
from vanguard.opinions.models import Category, Channel, Opinion, SourceGroup
from vanguard.opinions.services.intake import ensure_intake


def s1_intake(campaign, district):
    plan = campaign.plans.get(organization=district.schools[0].committee)
    return ensure_intake(plan.activities.get(key="opinion_intake"))


def token_of(person) -> str:
    return f"member:{person.pk}"


def add_opinion(intake, token: str, *, status=Opinion.Status.RECEIVED, summary="",
                channel=Channel.BOX, source_group=SourceGroup.STAFF, category=Category.WORK,
                text="备课不够认真，作业批改不及时。", anonymous=True, giver_name="",
                weight=1) -> Opinion:
    subject = subjects.resolve(token, intake.organization)
    return Opinion.objects.create(
        intake=intake, campaign_id=intake.campaign_id, subject_kind=subject.kind,
        subject_person=subject.person, organization=subject.organization, category=category,
        channel=channel, source_group=source_group, text=text, summary=summary,
        received_on=clock.today(), anonymous=anonymous, giver_name=giver_name, status=status,
        weight=weight)
