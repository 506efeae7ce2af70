"""The leader's view (先学一步、学深一些、多学一点): a school leader's own campaign figures beside
those of the departments they oversee, and their school's as a whole.

A department's figures are those of its people (`Person.department`, from the roster's 部门
column) who are party members, with its head (whether or not a member or recorded in it):
each person's figures are computed once, by the same five queries for everyone on the page,
and summed per department in Python. The head's own row is shown too. The school's members
as a whole give the wider comparison. Fixed number of queries whatever the school's size or
the number of departments.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404

from vanguard.analyses.models import SelfAnalysis
from vanguard.campaigns.models import Assignment, Campaign, Plan, ProgressCount
from vanguard.core import clock
from vanguard.people.models import Department, Leader, Organization, Person
from vanguard.rectification.models import Item, Owner
from vanguard.study.models import HoursTotal
from vanguard.study.selectors_hours import KIND as HOURS_KIND
from vanguard.study.selectors_hours import Minimums

ZERO = Decimal(0)
DONE_ITEMS = (Item.Status.DONE, Item.Status.VERIFIED)
OPEN_ITEMS = (Item.Status.OPEN, Item.Status.IN_PROGRESS)
ANALYSIS_HANDED_IN = (SelfAnalysis.Status.SUBMITTED, SelfAnalysis.Status.APPROVED,
                      SelfAnalysis.Status.REVISING, SelfAnalysis.Status.FINAL)
ANALYSIS_REVIEWED = (SelfAnalysis.Status.APPROVED, SelfAnalysis.Status.REVISING,
                     SelfAnalysis.Status.FINAL)


@dataclass
class PersonFigures:
    person: Person
    hours: Decimal = ZERO
    self_study: Decimal = ZERO
    hours_min: Decimal = ZERO
    hours_exempt: bool = False
    tasks_done: int = 0
    tasks_required: int = 0
    analysis: str = ""  # the status label, "" for not started
    analysis_status: str = ""  # the SelfAnalysis.Status value, "" for not started
    items: int = 0
    items_done: int = 0
    items_overdue: int = 0

    @property
    def hours_met(self) -> bool:
        return self.hours_exempt or self.hours >= self.hours_min

    @property
    def hours_percent(self) -> int:
        if self.hours_min <= 0:
            return 100
        return min(100, int(self.hours * 100 / self.hours_min))


@dataclass
class DepartmentRow:
    """An overseen department: its party members (and head) summed, and the head's own row."""

    department: Department
    head: PersonFigures | None  # None when no head is recorded
    people: int = 0  # the party members recorded in the department, and the head
    hours_met: int = 0  # of `hours_counted`, those at or above the hours minimum
    hours_counted: int = 0  # people not excused from the study-hours task
    tasks_done: int = 0
    tasks_required: int = 0
    analyses_submitted: int = 0  # handed in (waiting, reviewed, being revised, final)
    analyses_reviewed: int = 0  # reviewed at least once
    items: int = 0
    items_done: int = 0
    items_overdue: int = 0

    def add(self, row: PersonFigures) -> None:
        self.people += 1
        if not row.hours_exempt:
            self.hours_counted += 1
            self.hours_met += row.hours >= row.hours_min
        self.tasks_done += row.tasks_done
        self.tasks_required += row.tasks_required
        self.analyses_submitted += row.analysis_status in ANALYSIS_HANDED_IN
        self.analyses_reviewed += row.analysis_status in ANALYSIS_REVIEWED
        self.items += row.items
        self.items_done += row.items_done
        self.items_overdue += row.items_overdue


@dataclass
class SchoolFigures:
    organization: Organization
    tasks_done: int = 0
    tasks_required: int = 0
    hours_done: int = 0  # study-hours tasks done: members who reached the minimum
    hours_required: int = 0
    analyses: int = 0  # analyses handed in
    items: int = 0
    items_done: int = 0
    items_overdue: int = 0


@dataclass
class LeaderView:
    campaign: Campaign
    leader: Leader
    me: PersonFigures
    departments: list[DepartmentRow] = field(default_factory=list)
    team: list[tuple[Leader, PersonFigures]] = field(default_factory=list)
    school: SchoolFigures | None = None


def leader_posts(user) -> list[Leader]:
    """The viewer's posts in a school's leadership team (none without a person)."""
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    if person is None:
        return []
    return list(Leader.objects.filter(person=person).select_related("team__school"))


def get_leader_post_for(viewer, campaign_pk) -> tuple[Campaign, Leader]:
    """The campaign and the viewer's post in a team whose school has a plan in it: 403 for
    a viewer who is no leader, 404 for a campaign that does not reach their school."""
    posts = leader_posts(viewer)
    if not posts:
        raise PermissionDenied
    campaign = Campaign.objects.filter(pk=campaign_pk).select_related("organization").first()
    if campaign is None:
        raise Http404
    schools = set(Plan.objects.filter(campaign=campaign, organization__school_id__in=[
        p.team.school_id for p in posts]).values_list("organization__school_id", flat=True))
    post = next((p for p in posts if p.team.school_id in schools), None)
    if post is None:
        raise Http404
    return campaign, post


def person_figures(campaign: Campaign, people: list[Person]) -> dict[int, PersonFigures]:
    """Each person's figures in the campaign: five queries for any number of people."""
    ids = [p.pk for p in people]
    figures = {p.pk: PersonFigures(person=p, hours_min=Minimums.of(None, campaign).hours)
               for p in people}
    for total in HoursTotal.objects.filter(campaign=campaign, person_id__in=ids):
        figures[total.person_id].hours = total.organized or ZERO
        figures[total.person_id].self_study = total.self_study or ZERO
    hours_tasks = (Assignment.objects.filter(activity__plan__campaign=campaign,
                                             activity__kind=HOURS_KIND, person_id__in=ids)
                   .select_related("activity").order_by("due_on", "id"))
    for task in hours_tasks:
        row = figures[task.person_id]
        row.hours_min = Minimums.of(task.activity, campaign).hours
        row.hours_exempt = task.status == Assignment.Status.EXCUSED
    counted = (Assignment.objects.filter(activity__plan__campaign=campaign, person_id__in=ids,
                                         required=True)
               .values("person_id")
               .annotate(required=Count("id", filter=~Q(status=Assignment.Status.EXCUSED)),
                         done=Count("id", filter=Q(status=Assignment.Status.DONE)))
               .order_by())
    for c in counted:
        figures[c["person_id"]].tasks_required = c["required"]
        figures[c["person_id"]].tasks_done = c["done"]
    labels = dict(SelfAnalysis.Status.choices)
    for person_id, status in SelfAnalysis.objects.filter(
            campaign=campaign, person_id__in=ids).values_list("person_id", "status"):
        figures[person_id].analysis = str(labels.get(status, status))
        figures[person_id].analysis_status = status
    today = clock.today()
    items = (Item.objects.filter(campaign=campaign, plan__owner_kind=Owner.MEMBER,
                                 plan__person_id__in=ids)
             .values("plan__person_id")
             .annotate(n=Count("id"), done=Count("id", filter=Q(status__in=DONE_ITEMS)),
                       overdue=Count("id", filter=Q(status__in=OPEN_ITEMS,
                                                    deadline__lt=today)))
             .order_by())
    for c in items:
        row = figures[c["plan__person_id"]]
        row.items, row.items_done, row.items_overdue = c["n"], c["done"], c["overdue"]
    return figures


def school_figures(campaign: Campaign, organization: Organization) -> SchoolFigures:
    """The school's members as a whole, from the progress roll-up and two counts."""
    school = SchoolFigures(organization=organization)
    within = organization.subtree_q("organization__")
    counts = (ProgressCount.objects.filter(within, campaign=campaign)
              .aggregate(all_done=Sum("done"), all_required=Sum("required"),
                         hours_done=Sum("done", filter=Q(activity__kind=HOURS_KIND)),
                         hours_required=Sum("required", filter=Q(activity__kind=HOURS_KIND))))
    school.tasks_done = counts["all_done"] or 0
    school.tasks_required = counts["all_required"] or 0
    school.hours_done = counts["hours_done"] or 0
    school.hours_required = counts["hours_required"] or 0
    school.analyses = SelfAnalysis.objects.filter(within, campaign=campaign,
                                                  status__in=ANALYSIS_HANDED_IN).count()
    items = (Item.objects.filter(within, campaign=campaign, plan__owner_kind=Owner.MEMBER)
             .aggregate(n=Count("id"), done=Count("id", filter=Q(status__in=DONE_ITEMS)),
                        overdue=Count("id", filter=Q(status__in=OPEN_ITEMS,
                                                     deadline__lt=clock.today()))))
    school.items, school.items_done = items["n"], items["done"]
    school.items_overdue = items["overdue"]
    return school


def department_rows(departments: list[Department], staff: list[Person],
                    figures: dict[int, PersonFigures]) -> list[DepartmentRow]:
    """Each department's party members and head summed; a person counts once per department."""
    rows = []
    for department in departments:
        row = DepartmentRow(department, figures.get(department.head_id))
        counted = {p.pk for p in staff if p.department_id == department.pk}
        if department.head_id:
            counted.add(department.head_id)
        for person_id in sorted(counted):
            row.add(figures[person_id])
        rows.append(row)
    return rows


def leader_view(campaign: Campaign, leader: Leader) -> LeaderView:
    """The leader's own figures, each overseen department's (its party members' and head's,
    summed) with its head's own row, the other team members' for the principal leader (who
    reviews them), and the school's."""
    leader = (Leader.objects.filter(pk=leader.pk).select_related("person", "team__school")
              .prefetch_related(
                  Prefetch("departments", queryset=Department.objects.filter(
                      school_id=leader.team.school_id).select_related("head")
                      .order_by("name")))
              .get())
    departments = list(leader.departments.all())
    team = []
    if leader.is_principal:
        team = list(Leader.objects.filter(team_id=leader.team_id).exclude(pk=leader.pk)
                    .select_related("person").order_by("id"))
    # One query for every overseen department's party members.
    staff = list(Person.objects.filter(department__in=[d.pk for d in departments],
                                       member__isnull=False)) if departments else []
    people = {leader.person_id: leader.person}
    people.update({p.pk: p for p in staff})
    people.update({d.head_id: d.head for d in departments if d.head_id})
    people.update({t.person_id: t.person for t in team})
    figures = person_figures(campaign, list(people.values()))
    top = (Organization.objects.filter(school_id=leader.team.school_id)
           .order_by("depth", "path").first())
    return LeaderView(
        campaign=campaign, leader=leader, me=figures[leader.person_id],
        departments=department_rows(departments, staff, figures),
        team=[(t, figures[t.person_id]) for t in team],
        school=school_figures(campaign, top) if top is not None else None)
