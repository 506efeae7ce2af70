"""Reads for meeting pages, scoped to the viewer."""

from django.db.models import Count, Q
from django.http import Http404

from vanguard.campaigns.models import Activity
from vanguard.meetings.models import Attendance, Meeting


def get_activity_for(viewer, pk) -> Activity:
    activity = Activity.objects.select_related("plan__organization", "plan__campaign",
                                               "phase").filter(pk=pk).first()
    if activity is None or not viewer.has_perm("meetings.view_meeting", activity.plan):
        raise Http404
    return activity


def get_meeting_for(viewer, pk) -> Meeting:
    meeting = Meeting.objects.select_related("organization", "activity__phase",
                                             "activity__plan").filter(pk=pk).first()
    if meeting is None or not viewer.has_perm("meetings.view_meeting", meeting):
        raise Http404
    return meeting


def attendance_of(meeting: Meeting):
    return Attendance.objects.filter(meeting=meeting).select_related(
        "person__member__organization")


def attendance_counts(meeting: Meeting) -> dict[str, int]:
    """Members expected/present/absent and activists present: one query."""
    members = Q(invited_only=False)
    return Attendance.objects.filter(meeting=meeting).aggregate(
        expected=Count("id", filter=members),
        present=Count("id", filter=members & Q(status=Attendance.Status.PRESENT)),
        absent=Count("id", filter=members & Q(status=Attendance.Status.ABSENT)),
        activists_invited=Count("id", filter=Q(invited_only=True)),
        activists_present=Count("id", filter=Q(invited_only=True,
                                               status=Attendance.Status.PRESENT)),
    )
