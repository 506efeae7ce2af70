"""Reads for the special meetings (专题组织生活会, 民主生活会): who held them, with minutes, and
what their pages show."""

from django.db.models import Exists, OuterRef
from django.http import Http404

from vanguard.access import scope as access_scope
from vanguard.access.models import Role
from vanguard.analyses.models import SelfAnalysis
from vanguard.campaigns import audience
from vanguard.campaigns.models import Activity
from vanguard.meetings.models import Attendance, Criticism, MaterialPackage, Meeting
from vanguard.people.models import LeadershipTeam, Organization

ORG_LIFE_KIND = "meetings.org_life"
DEMOCRATIC_LIFE_KIND = "meetings.democratic_life"
MEETING_KINDS = {ORG_LIFE_KIND: Meeting.Kind.ORG_LIFE,
                 DEMOCRATIC_LIFE_KIND: Meeting.Kind.DEMOCRATIC_LIFE}
# A member takes part only with an analysis that passed review (or is past it: being revised
# after the meeting, or final). As analyses.selectors.REVIEWED, without importing its pages'
# module graph into the meetings app.
REVIEWED = (SelfAnalysis.Status.APPROVED, SelfAnalysis.Status.REVISING,
            SelfAnalysis.Status.FINAL)


def _campaign_meetings(activity, scope, kind):
    return Meeting.objects.filter(
        kind=kind, activity__plan__campaign_id=activity.plan.campaign_id,
        activity__key=activity.key, organization__path__startswith=scope.path)


def branch_meetings_held(activity, scope, kind=Meeting.Kind.ORG_LIFE) -> tuple[int, int]:
    """(branches in scope whose meeting has minutes, branches in scope with members)."""
    branches = Organization.objects.filter(
        audience.covered(activity.plan, ""), path__startswith=scope.path,
        kind=Organization.Kind.BRANCH, members__isnull=False).distinct().count()
    held = _campaign_meetings(activity, scope, kind).exclude(minutes="").count()
    return held, branches


def follow_up_meetings_held(activity, scope) -> tuple[int, int]:
    """The same count for the follow-up meeting on rectification (phase 3)."""
    return branch_meetings_held(activity, scope, Meeting.Kind.FOLLOW_UP)


def team_meetings_held(activity, scope) -> tuple[int, int, int]:
    """(teams whose meeting has minutes, whose package the superior acknowledged, teams in
    scope)."""
    schools = Organization.objects.filter(audience.covered(activity.plan, ""),
                                          path__startswith=scope.path,
                                          school__isnull=False).values("school_id")
    teams = LeadershipTeam.objects.filter(school_id__in=schools).count()
    meetings = _campaign_meetings(activity, scope, Meeting.Kind.DEMOCRATIC_LIFE)
    held = meetings.exclude(minutes="").count()
    acknowledged = meetings.filter(package__acknowledged_at__isnull=False).count()
    return held, acknowledged, teams


# The special meetings' pages: each read scoped to the viewer, a fixed number of queries.

def get_special_activity_for(viewer, pk) -> Activity:
    activity = Activity.objects.select_related(
        "plan__organization", "plan__campaign", "phase").filter(
        pk=pk, kind__in=list(MEETING_KINDS)).first()
    if activity is None or not viewer.has_perm("meetings.view_meeting", activity.plan):
        raise Http404
    return activity


def get_special_meeting_for(viewer, pk) -> Meeting:
    meeting = Meeting.objects.select_related(
        "organization", "activity__phase", "activity__plan__campaign",
        "activity__plan__organization", "package__superior").filter(
        pk=pk, kind__in=list(MEETING_KINDS.values())).first()
    if meeting is None or not viewer.has_perm("meetings.view_meeting", meeting):
        raise Http404
    return meeting


def get_criticism_for(viewer, pk) -> Criticism:
    criticism = Criticism.objects.select_related("meeting__organization").filter(
        pk=pk).first()
    if criticism is None or not viewer.has_perm("meetings.view_meeting", criticism.meeting):
        raise Http404
    return criticism


def meeting_places(activity, viewer) -> list[Organization]:
    """Where the activity's meetings are held, as far as the viewer sees: the plan's branches
    (organizational life) or the school's top organization (democratic life), each with its
    meeting (or None) as `.meeting`. Two queries."""
    if activity.kind == ORG_LIFE_KIND:
        places = Organization.objects.filter(
            audience.covered(activity.plan, ""), kind=Organization.Kind.BRANCH).filter(
            access_scope.related_filter(viewer, access_scope.READERS)).order_by("path")
    else:
        places = Organization.objects.filter(pk=activity.plan.organization_id)
    places = list(places)
    meetings = {m.organization_id: m for m in Meeting.objects.filter(
        activity=activity, organization__in=places)}
    for place in places:
        place.meeting = meetings.get(place.pk)
    return places


def special_attendance(meeting: Meeting) -> list[Attendance]:
    """The meeting's list, each row with `ready` (their analysis passed review)."""
    reviewed = SelfAnalysis.objects.filter(
        campaign_id=meeting.activity.plan.campaign_id, person_id=OuterRef("person_id"),
        status__in=REVIEWED)
    return list(Attendance.objects.filter(meeting=meeting).select_related("person")
                .annotate(ready=Exists(reviewed)))


def criticisms_of(meeting: Meeting) -> list[Criticism]:
    return list(Criticism.objects.filter(meeting=meeting).select_related("critic", "target"))


def package_of(meeting: Meeting) -> MaterialPackage | None:
    try:
        return meeting.package
    except MaterialPackage.DoesNotExist:
        return None


def packages_for(viewer):
    """Packages sent to an organization where the viewer holds office (an admin: all),
    newest first, with what the list shows."""
    return MaterialPackage.objects.filter(
        access_scope.subtree_filter(viewer, (Role.Kind.OFFICE,), "superior__")).select_related(
        "meeting__organization", "superior", "submitted_by", "acknowledged_by").order_by(
        "-submitted_at", "-id")


def get_package_for(viewer, pk) -> MaterialPackage:
    package = packages_for(viewer).filter(pk=pk).first()
    if package is None:
        raise Http404
    return package


def panel_facts(assignment) -> tuple[Attendance | None, str | None]:
    """For a member's task: their place on the meeting's list (with the meeting) and their
    analysis's status in the campaign. Two queries."""
    row = Attendance.objects.select_related("meeting").filter(
        assignment_id=assignment.pk).first()
    status = SelfAnalysis.objects.filter(
        campaign_id=assignment.activity.plan.campaign_id,
        person_id=assignment.person_id).values_list("status", flat=True).first()
    return row, status
