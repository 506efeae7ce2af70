"""Reads for the follow-up meeting on rectification: the step, its meetings per branch as far
as the viewer sees, a meeting's list with each member's progress note, a member's place."""

from django.http import Http404

from vanguard.access import scope as access_scope
from vanguard.campaigns import audience
from vanguard.campaigns.models import Activity
from vanguard.meetings.models import Attendance, Meeting
from vanguard.people.models import Organization

FOLLOW_UP_KIND = "meetings.follow_up"


def get_follow_up_activity_for(viewer, pk) -> Activity:
    activity = Activity.objects.select_related(
        "plan__organization", "plan__campaign", "phase").filter(
        pk=pk, kind=FOLLOW_UP_KIND).first()
    if activity is None or not viewer.has_perm("meetings.view_meeting", activity.plan):
        raise Http404
    return activity


def get_follow_up_meeting_for(viewer, pk) -> Meeting:
    meeting = Meeting.objects.select_related(
        "organization", "activity__phase", "activity__plan__campaign",
        "activity__plan__organization").filter(pk=pk, kind=Meeting.Kind.FOLLOW_UP).first()
    if meeting is None or not viewer.has_perm("meetings.view_meeting", meeting):
        raise Http404
    return meeting


def branches_with_meetings(activity, viewer) -> list[Organization]:
    """The plan's branches the viewer reads (or that cover them), each with its meeting (or
    None) as `.meeting`. Two queries."""
    places = list(Organization.objects.filter(
        audience.covered(activity.plan, ""), kind=Organization.Kind.BRANCH).filter(
        access_scope.related_filter(viewer, access_scope.READERS)).order_by("path"))
    meetings = {m.organization_id: m for m in Meeting.objects.filter(
        activity=activity, organization__in=places)}
    for place in places:
        place.meeting = meetings.get(place.pk)
    return places


def attendance_of(meeting: Meeting) -> list[Attendance]:
    return list(Attendance.objects.filter(meeting=meeting).select_related("person"))


def row_of(assignment) -> Attendance | None:
    """The member's place on their meeting's list (with the meeting): one query."""
    return Attendance.objects.select_related("meeting").filter(
        assignment_id=assignment.pk).first()
