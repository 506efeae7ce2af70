"""Reads of the supervision pages, scoped to the viewer: groups (the sending office's and a
member's own), findings (also the school's own, to answer), good practices, the red flags."""

from django.db.models import Count, Q
from django.http import Http404

from vanguard.access import scope
from vanguard.access.models import Role
from vanguard.campaigns.models import Campaign
from vanguard.oversight.models import Finding, GoodPractice, SupervisionGroup, Visit
from vanguard.people.models import Organization, Person, School

OFFICE = (Role.Kind.OFFICE,)
RUNS_SCHOOL = (Role.Kind.OFFICE, Role.Kind.SECRETARY)


def _person_id(viewer):
    return getattr(getattr(viewer, "person", None), "pk", None)


def groups_for(viewer, campaign: Campaign):
    """Groups sent from the viewer's office subtree, and the groups the viewer sits in."""
    condition = Q(pk__in=[])
    if scope.is_admin(viewer):
        condition = Q()
    else:
        if scope.role_paths(viewer, OFFICE):
            condition |= scope.subtree_filter(viewer, OFFICE, "organization__")
        if _person_id(viewer) is not None:
            condition |= Q(pk__in=SupervisionGroup.members.through.objects.filter(
                person_id=_person_id(viewer)).values("supervisiongroup_id"))
    return (SupervisionGroup.objects.filter(condition, campaign=campaign)
            .select_related("organization", "leader")
            .annotate(n_members=Count("members", distinct=True),
                      n_schools=Count("schools", distinct=True),
                      n_open=Count("findings", filter=~Q(findings__status=Finding.Status.CLOSED),
                                   distinct=True))
            .order_by("-closed_at", "starts_on", "name", "pk"))


def sending_organizations(viewer, campaign: Campaign):
    """Where the viewer may send groups from: their office nodes inside the campaign's tree
    that have schools below them."""
    rows = Organization.objects.filter(campaign.organization.subtree_q(), school__isnull=True)
    if not scope.is_admin(viewer):
        rows = rows.filter(path__in=scope.role_paths(viewer, OFFICE))
    return rows.order_by("path")


def member_choices(organization: Organization):
    """People who can sign in: the level's own staff (no school) and people of the schools
    below it."""
    school_ids = Organization.objects.filter(organization.subtree_q(), school__isnull=False) \
        .values("school_id")
    return (Person.objects.filter(user__isnull=False)
            .filter(Q(school__isnull=True) | Q(school_id__in=school_ids))
            .order_by("school_id", "name", "pk"))


def school_choices(campaign: Campaign, organization: Organization):
    """Schools below `organization` with a plan in the campaign."""
    return (School.objects.filter(organizations__plans__campaign=campaign,
                                  organizations__path__startswith=organization.path)
            .distinct().order_by("code"))


def get_group_for(viewer, pk) -> SupervisionGroup:
    group = (SupervisionGroup.objects.select_related("campaign", "organization", "leader")
             .filter(pk=pk).first())
    if group is None or not viewer.has_perm("oversight.view_supervision_group", group):
        raise Http404
    return group


def group_page(group: SupervisionGroup) -> dict:
    """Members, schools, visits, findings and good practices of one group: five queries."""
    return {
        "members": list(group.members.select_related("user").order_by("name", "pk")),
        "schools": list(group.schools.order_by("code")),
        "visits": list(group.visits.select_related("school").order_by("planned_on", "pk")),
        "findings": list(group.findings.select_related("school").order_by("status", "due_on",
                                                                           "pk")),
        "practices": list(group.good_practices.select_related("school")),
    }


def _finding_rows():
    return Finding.objects.select_related("group__organization", "group__campaign", "school",
                                          "visit", "recorded_by", "answered_by", "closed_by")


def get_finding_for(viewer, pk) -> Finding:
    """The finding for whoever sees its group, and for the school's office and secretaries."""
    finding = _finding_rows().filter(pk=pk).first()
    if finding is None or not (viewer.has_perm("oversight.view_supervision_group", finding.group)
                               or viewer.has_perm("oversight.answer_finding", finding)):
        raise Http404
    return finding


def run_school_ids(viewer) -> set[int]:
    """Schools where the viewer is office or secretary (no query: roles are cached)."""
    return {r.organization.school_id for r in scope.roles_of(viewer)
            if r.kind in RUNS_SCHOOL and r.organization and r.organization.school_id}


def school_findings(viewer, campaign: Campaign, status: str = ""):
    """Findings about the schools the viewer runs (to answer them)."""
    rows = _finding_rows().filter(group__campaign=campaign,
                                  school_id__in=sorted(run_school_ids(viewer)))
    if status in Finding.Status.values:
        rows = rows.filter(status=status)
    return rows.order_by("status", "due_on", "pk")


def get_visit_for(viewer, pk) -> Visit:
    visit = Visit.objects.select_related("group", "school").filter(pk=pk).first()
    if visit is None or not viewer.has_perm("oversight.view_supervision_group", visit.group):
        raise Http404
    return visit


def can_read_practice(viewer, practice: GoodPractice) -> bool:
    """The group's viewers; once shared, anyone reading a unit below the sending level."""
    if viewer.has_perm("oversight.view_supervision_group", practice.group):
        return True
    if practice.shared_at is None:
        return False
    top = practice.group.organization.path
    return any(p.startswith(top) for p in scope.role_paths(viewer, scope.READERS))


def get_practice_for(viewer, pk) -> GoodPractice:
    practice = (GoodPractice.objects.select_related("group__organization", "group__campaign",
                                                    "school", "recorded_by")
                .filter(pk=pk).first())
    if practice is None or not can_read_practice(viewer, practice):
        raise Http404
    return practice


def shared_practices(viewer, campaign: Campaign):
    """Good practices shared with the schools of the viewer's units."""
    paths = scope.role_paths(viewer, scope.READERS)
    if not scope.is_admin(viewer) and not paths:
        return GoodPractice.objects.none()
    rows = GoodPractice.objects.filter(group__campaign=campaign, shared_at__isnull=False)
    if not scope.is_admin(viewer):
        # The sending level is above (or at) one of the viewer's nodes.
        step = Organization.steplen
        prefixes = {p[:end] for p in paths for end in range(step, len(p) + 1, step)}
        rows = rows.filter(group__organization__path__in=sorted(prefixes))
    return rows.select_related("school").order_by("-shared_at", "pk")


def flags_node(viewer, campaign: Campaign, code: str) -> Organization:
    """The organization the red flags are read for (?org=CODE, else the viewer's highest
    reading node); 404 outside the viewer's reading scope or the campaign's tree."""
    node = (Organization.objects.filter(code=code[:32]).first() if code
            else scope.start_organization(viewer))
    if node is None or not node.path.startswith(campaign.organization.path) \
            or not viewer.has_perm("oversight.view_red_flags", node):
        raise Http404
    return node

