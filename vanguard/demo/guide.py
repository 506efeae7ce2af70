"""Which demo login shows which phase 2 page (the first school) and which phase 3 page (the
pilot school): read back from the database, so `load-demo` prints the same guide whether it
has just loaded the demo or finds it loaded."""

from django.db.models import Count
from django.urls import reverse

from vanguard.access.models import Role, User
from vanguard.analyses.models import SelfAnalysis
from vanguard.assessments.models import Assessment
from vanguard.campaigns.models import Notice
from vanguard.evaluations.models import Evaluation, MemberGrade
from vanguard.meetings.models import MaterialPackage, Meeting
from vanguard.opinions.models import Feedback
from vanguard.people.models import Member, Organization
from vanguard.rectification.models import Disclosure, RectificationPlan
from vanguard.reports.models import SummaryReport


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


def phase_three_logins() -> list[tuple[str, str, str]]:
    """(what to look at, login, address) for the pilot school that went through to the end
    (pilot.py): found by its acknowledged summary report; empty if there is none."""
    report = SummaryReport.objects.filter(status=SummaryReport.Status.ACKNOWLEDGED) \
        .select_related("campaign", "organization", "superior").order_by("id").first()
    if report is None:
        return []
    campaign, top = report.campaign, report.organization
    office = _office_login(top)
    district = _office_login(report.superior)
    rows = [("public disclosure", "—", reverse("rectification:public_index",
                                                          args=[top.code]))]
    superseded = Disclosure.objects.filter(campaign=campaign, organization=top,
                                           superseded_by__isnull=False).order_by("number").first()
    if superseded is not None:
        rows.append(("superseded disclosure", "—", reverse(
            "rectification:public_detail", args=[top.code, superseded.number])))
    rows += [("rectification ledger", office, reverse("rectification:ledger", args=[campaign.pk])),
             ("rectification plans", office, reverse("rectification:plans", args=[campaign.pk])),
             ("disclosures and rules", office, reverse("rectification:disclosures",
                                                       args=[campaign.pk, top.code]))]
    member_plan = RectificationPlan.objects.filter(
        campaign=campaign, owner_kind="member", person__user__isnull=False).select_related(
        "person__user").order_by("id").first()
    if member_plan is not None:
        rows.append(("a member's own plan", member_plan.person.user.username,
                     reverse("rectification:plan_detail", args=[member_plan.pk])))
    meeting = Meeting.objects.filter(activity__plan__campaign=campaign,
                                     kind=Meeting.Kind.FOLLOW_UP).select_related(
        "organization").order_by("id").first()
    if meeting is not None:
        secretary = _role_login(Role.Kind.SECRETARY, meeting.organization, with_person=True)
        rows.append(("follow-up meeting", secretary,
                     reverse("meetings:follow_up_detail", args=[meeting.pk])))
    assessment = Assessment.objects.filter(campaign=campaign, organization=top,
                                           state=Assessment.State.CLOSED).order_by("id").first()
    if assessment is not None:
        rows.append(("assessment results", office,
                     reverse("assessments:results", args=[assessment.pk])))
    rows += [("summary report", office, reverse("reports:detail", args=[report.pk])),
             ("reports received", district, reverse("reports:received")),
             ("ledger, district view", district,
              reverse("rectification:ledger", args=[campaign.pk]))]
    return [row for row in rows if row[1]]


def _role_login(kind: str, organization, *, with_person: bool = False) -> str:
    roles = Role.objects.filter(kind=kind, organization=organization)
    if with_person:
        roles = roles.filter(user__person__isnull=False)
    role = roles.select_related("user").order_by("id").first()
    return role.user.username if role is not None else ""


def _office_login(organization) -> str:
    return _role_login(Role.Kind.OFFICE, organization) if organization is not None else ""


def oversight_logins() -> list[tuple[str, str, str]]:
    """(what to look at, login, address) for issue #9's records in the main campaign (found
    by its supervision group): leading groups, supervision and red flags, publicity, the
    calendar, the handling register, coverage and the preparation survey; empty if none."""
    from vanguard.oversight.models import Finding, Seat, SupervisionGroup
    from vanguard.publicity.models import NewsItem
    from vanguard.surveys.models import Survey

    group = SupervisionGroup.objects.select_related("campaign", "organization", "leader__user") \
        .order_by("id").first()
    if group is None:
        return []
    campaign = group.campaign
    district = _hand_office(group.organization)
    rows = [("leading groups", district, reverse("oversight:leading_groups",
                                                 args=[campaign.pk]))]
    deputy = Seat.objects.filter(group__campaign=campaign, post=Seat.Post.DEPUTY,
                                 group__organization__school__isnull=False,
                                 person__user__isnull=False).select_related(
        "person__user").order_by("group__organization__path").first()
    if deputy is not None:
        rows.append(("leader's own figures", deputy.person.user.username,
                     reverse("oversight:leader_figures", args=[campaign.pk])))
    supervisor = group.leader.user.username if group.leader and group.leader.user else ""
    rows += [("supervision group", supervisor, reverse("oversight:supervision_group",
                                                      args=[group.pk])),
             ("red flags", district, reverse("oversight:supervision_flags",
                                             args=[campaign.pk]))]
    findings = Finding.objects.filter(group=group).select_related("school").order_by("id")
    answered = findings.filter(status=Finding.Status.ANSWERED).first()
    if answered is not None:
        rows.append(("finding to close", supervisor, reverse("oversight:supervision_finding",
                                                             args=[answered.pk])))
    still_open = findings.filter(status=Finding.Status.OPEN).first()
    if still_open is not None:
        top = Organization.objects.filter(school=still_open.school).order_by("depth").first()
        rows.append(("finding to answer", _hand_office(top),
                     reverse("oversight:supervision_finding", args=[still_open.pk])))
    rows += [("public campaign page", "—", reverse("publicity:public", args=[campaign.pk])),
             ("news feed (RSS)", "—", reverse("publicity:feed_rss", args=[campaign.pk]))]
    waiting = NewsItem.objects.filter(campaign=campaign, status=NewsItem.Status.SUBMITTED) \
        .select_related("organization").order_by("id").first()
    if waiting is not None:
        top = Organization.objects.filter(school_id=waiting.organization.school_id) \
            .order_by("depth").first()
        rows.append(("news to review", _hand_office(top), reverse("publicity:news",
                                                                  args=[waiting.pk])))
    rows += _calendar_rows()
    keeper = Seat.objects.filter(group__campaign=campaign, post=Seat.Post.OFFICE_HEAD,
                                 group__organization__school__isnull=False,
                                 person__user__isnull=False).select_related(
        "person__user").order_by("group__organization__path").first()
    if keeper is not None:
        rows.append(("handling register", keeper.person.user.username,
                     reverse("handling:register")))
    graduates = Member.objects.filter(relation_retained=True).select_related(
        "organization").order_by("organization__path").first()
    if graduates is not None:
        top = Organization.objects.filter(school_id=graduates.organization.school_id) \
            .order_by("depth").first()
        rows.append(("unreached graduates", _hand_office(top),
                     reverse("oversight:coverage", args=[campaign.pk])
                     + f"?org={top.code}&unreached=1"))
    survey = Survey.objects.filter(campaign=campaign).select_related("organization") \
        .order_by("id").first()
    if survey is not None:
        rows.append(("survey results", _hand_office(survey.organization),
                     reverse("surveys:results", args=[survey.pk])))
    return [row for row in rows if row[1]]


def _calendar_rows() -> list[tuple[str, str, str]]:
    from vanguard.campaigns.models import CalendarPeriod

    exam = CalendarPeriod.objects.filter(kind=CalendarPeriod.Kind.EXAM).select_related(
        "organization").order_by("id").first()
    if exam is None:
        return []
    rows = [("school calendar", _hand_office(exam.organization),
             reverse("campaigns:calendar_org", args=[exam.organization.code]))]
    only_members = User.objects.annotate(n=Count("roles")).filter(n=1)
    member = Role.objects.filter(kind=Role.Kind.MEMBER, user__in=only_members,
                                 organization__path__startswith=exam.organization.path) \
        .select_related("user").order_by("id").first()
    if member is not None:
        rows.append(("my calendar (iCal)", member.user.username,
                     reverse("campaigns:my_calendar")))
    return rows


def _hand_office(organization) -> str:
    """The office login granted by hand (not a leading group's office seat)."""
    role = Role.objects.filter(kind=Role.Kind.OFFICE, organization=organization, source="") \
        .select_related("user").order_by("id").first()
    return role.user.username if role is not None else ""
