"""Which demo login shows which phase 2 page: read back from the database, so `load-demo`
prints the same guide whether it has just loaded the demo or finds it loaded."""

from django.db.models import Count
from django.urls import reverse

from vanguard.access.models import Role, User
from vanguard.analyses.models import SelfAnalysis
from vanguard.campaigns.models import Notice
from vanguard.evaluations.models import Evaluation, MemberGrade
from vanguard.meetings.models import MaterialPackage
from vanguard.opinions.models import Feedback


def phase_two_logins() -> list[tuple[str, str, str]]:
    """(what to look at, login, address) for the school in phase 2; empty if none is."""
    notice = Notice.objects.filter(published_at__isnull=False, withdrawn_at__isnull=True,
                                   source__startswith="meetings.").select_related(
        "organization", "campaign").order_by("id").first()
    if notice is None:
        return []
    campaign, top = notice.campaign, notice.organization
    rows = [("public page (no login)", "—", reverse("web:public_school", args=[top.code]))]
    office = Role.objects.filter(kind=Role.Kind.OFFICE, organization=top).select_related(
        "user").first()
    if office is not None:
        rows += [("sort opinions", office.user.username,
                  reverse("opinions:sorting", args=[campaign.pk])),
                 ("talk coverage", office.user.username,
                  reverse("talks:coverage", args=[campaign.pk]))]
    only_members = User.objects.annotate(n=Count("roles")).filter(n=1)
    unread = Feedback.objects.filter(
        campaign=campaign, subject_kind="member", released_on__isnull=False, read_on__isnull=True,
        opinions__isnull=False, subject_person__user__in=only_members).select_related(
        "subject_person__user").order_by("id").first()
    if unread is not None:
        rows.append(("feedback to read", unread.subject_person.user.username,
                     reverse("opinions:my_feedback", args=[campaign.pk])))
    waiting = SelfAnalysis.objects.filter(
        campaign=campaign, status=SelfAnalysis.Status.SUBMITTED,
        reviewer__roles__kind=Role.Kind.SECRETARY,
        reviewer__roles__organization__kind="branch").select_related("reviewer").order_by(
        "id").first()
    if waiting is not None:
        rows.append(("analyses to review", waiting.reviewer.username,
                     reverse("analyses:queue", args=[campaign.pk])))
    rows += _evaluation_rows(campaign)
    package = MaterialPackage.objects.filter(acknowledged_at__isnull=True).select_related(
        "superior").first()
    district = package and Role.objects.filter(kind=Role.Kind.OFFICE,
                                               organization=package.superior).first()
    if district:
        rows.append(("package to acknowledge", district.user.username,
                     reverse("meetings:packages")))
    return rows


def _evaluation_rows(campaign) -> list[tuple[str, str, str]]:
    evaluation = Evaluation.objects.filter(
        campaign=campaign, stage__in=[Evaluation.Stage.CLOSED, Evaluation.Stage.GRADED]) \
        .select_related("organization").order_by("id").first()
    if evaluation is None:
        return []
    rows = []
    secretary = Role.objects.filter(kind=Role.Kind.SECRETARY,
                                    organization=evaluation.organization,
                                    user__person__isnull=False).select_related("user").first()
    if secretary is not None:
        rows.append(("evaluation results", secretary.user.username,
                     reverse("evaluations:branch", args=[campaign.pk,
                                                         evaluation.organization.code])))
    grade = MemberGrade.objects.filter(evaluation=evaluation, acknowledged_on__isnull=True,
                                       person__user__isnull=False).select_related(
        "person__user").order_by("id").first()
    if grade is not None:
        rows.append(("grade to acknowledge", grade.person.user.username,
                     reverse("evaluations:mine", args=[campaign.pk])))
    return rows
