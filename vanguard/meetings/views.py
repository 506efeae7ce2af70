"""Meeting pages: schedule the meeting of an activity, and record attendance row by row."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.core.errors import VanguardError
from vanguard.meetings import selectors, services
from vanguard.meetings.forms import AttendanceForm, ScheduleForm
from vanguard.meetings.models import Meeting


@login_required
def for_activity(request, pk):
    activity = selectors.get_activity_for(request.user, pk)
    meeting = Meeting.objects.filter(activity=activity,
                                     organization=activity.plan.organization).first()
    if meeting is not None:
        return redirect("meetings:detail", pk=meeting.pk)
    can_schedule = request.user.has_perm("meetings.record_attendance", activity.plan)
    form = ScheduleForm(request.POST or None, initial={"title": activity.name})
    if request.method == "POST":
        if not can_schedule:
            raise PermissionDenied
        if form.is_valid():
            try:
                meeting = services.schedule_meeting(actor=request.user, activity=activity,
                                                    **form.cleaned_data)
            except VanguardError as exc:
                form.add_error(None, exc.text)
            else:
                messages.success(request, _("The meeting is scheduled; everyone assigned is "
                                            "on its attendance list."))
                return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/schedule.html",
                  {"activity": activity, "form": form, "can_schedule": can_schedule})


@login_required
def meeting_detail(request, pk):
    meeting = selectors.get_meeting_for(request.user, pk)
    return render(request, "meetings/detail.html", {
        "meeting": meeting, "rows": selectors.attendance_of(meeting),
        "counts": selectors.attendance_counts(meeting),
        "can_record": request.user.has_perm("meetings.record_attendance", meeting),
        "statuses": AttendanceForm.base_fields["status"].choices,
    })


@login_required
@require_POST
def record(request, pk):
    meeting = selectors.get_meeting_for(request.user, pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status; a reason may be at most 200 characters."))
        return redirect("meetings:detail", pk=meeting.pk)
    try:
        services.record_attendance(
            actor=request.user, meeting=meeting, person_id=form.cleaned_data["person"],
            status=form.cleaned_data["status"],
            absence_reason=form.cleaned_data["absence_reason"])
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("Attendance saved."))
    return redirect("meetings:detail", pk=meeting.pk)
