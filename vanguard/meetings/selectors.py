"""Reads for meeting pages, scoped to the viewer."""

import datetime as dt
from dataclasses import dataclass

import segno
from django.db.models import Count, Q
from django.http import Http404
from django.utils.safestring import mark_safe

from vanguard.campaigns.models import Activity
from vanguard.meetings import sign_in as codes
from vanguard.meetings.models import Attendance, Meeting


def get_activity_for(viewer, pk) -> Activity:
    activity = Activity.objects.select_related("plan__organization", "plan__campaign",
                                               "phase").filter(pk=pk).first()
    if activity is None or not viewer.has_perm("meetings.view_meeting", activity.plan):
        raise Http404
    return activity


def get_meeting_for(viewer, pk) -> Meeting:
    """A mobilization meeting: the special meetings have their own pages, whose attendance
    checks each participant's reviewed analysis, so these pages must not reach them."""
    meeting = Meeting.objects.select_related("organization", "activity__phase",
                                             "activity__plan").filter(
        pk=pk, kind=Meeting.Kind.MOBILIZATION).first()
    if meeting is None or not viewer.has_perm("meetings.view_meeting", meeting):
        raise Http404
    return meeting


def get_meeting_to_sign_in(pk) -> Meeting:
    """Any meeting by its number: whether the viewer is on its list is the service's
    question, and its refusal says so (the person at the door needs to hear it)."""
    meeting = Meeting.objects.select_related("activity__phase").filter(
        pk=pk, kind=Meeting.Kind.MOBILIZATION).first()
    if meeting is None:
        raise Http404
    return meeting


def get_own_attendance(viewer, pk) -> Attendance:
    """The viewer's own attendance row; anyone else's answers 404."""
    person_id = getattr(getattr(viewer, "person", None), "pk", None)
    row = Attendance.objects.select_related("meeting").filter(pk=pk, person_id=person_id) \
        .first() if person_id else None
    if row is None:
        raise Http404
    return row


def attendance_of(meeting: Meeting):
    return Attendance.objects.filter(meeting=meeting).select_related(
        "person__member__organization")


def attendance_counts(meeting: Meeting) -> dict[str, int]:
    """Members by outcome (present, absent with the make-up done or pending, not recorded)
    and activists apart: one query."""
    members = Q(invited_only=False)
    absent = members & Q(status=Attendance.Status.ABSENT)
    activists = Q(invited_only=True)
    return Attendance.objects.filter(meeting=meeting).aggregate(
        expected=Count("id", filter=members),
        present=Count("id", filter=members & Q(status=Attendance.Status.PRESENT)),
        signed_in=Count("id", filter=members & Q(signed_in_at__isnull=False,
                                                 status=Attendance.Status.PRESENT)),
        absent_made_up=Count("id", filter=absent & Q(makeup_done_at__isnull=False)),
        absent_pending=Count("id", filter=absent & Q(makeup_done_at__isnull=True)),
        not_recorded=Count("id", filter=members & Q(status=Attendance.Status.EXPECTED)),
        activists_invited=Count("id", filter=activists),
        activists_present=Count("id", filter=activists & Q(status=Attendance.Status.PRESENT)),
        activists_absent=Count("id", filter=activists & Q(status=Attendance.Status.ABSENT)),
    )


def makeup_of(assignment_id: int) -> Attendance | None:
    """The attendance behind a mobilization task, with its meeting (for the tasks page)."""
    return Attendance.objects.select_related("meeting").filter(
        assignment_id=assignment_id).first()


@dataclass(frozen=True)
class SignInCode:
    """What the meeting's screen shows: the QR code (SVG markup) of the sign-in address."""

    open: bool
    opens: dt.datetime
    closes: dt.datetime
    code: str = ""
    url: str = ""
    svg: str = ""


def sign_in_code(meeting: Meeting, now: dt.datetime, absolute_url) -> SignInCode:
    """The current code while sign-in is open; `absolute_url(code)` makes the address."""
    window = codes.window_of(meeting)
    if now not in window:
        return SignInCode(False, window.opens, window.closes)
    code = codes.code_for(meeting, codes.minute_of(now))
    url = absolute_url(code)
    # segno writes the markup itself from our own address: nothing typed by a user is in it.
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True,
                                                svgclass="w-100 h-auto", lineclass=None,
                                                title="QR")
    return SignInCode(True, window.opens, window.closes, code, url, mark_safe(svg))
