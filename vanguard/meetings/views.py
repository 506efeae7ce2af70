"""Meeting pages: schedule the meeting of an activity, record attendance row by row, the
make-up material, and an absent member's confirmation of their make-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.campaigns.views.calendar import warn_of_teaching
from vanguard.core.errors import VanguardError
from vanguard.meetings import selectors, services
from vanguard.meetings.forms import AttendanceForm, MakeupMaterialForm, ScheduleForm
from vanguard.meetings.models import Meeting
from vanguard.meetings.views_sign_in import current_code

# Steps whose meetings have their own pages (views_special): attendance there checks each
# participant's reviewed analysis.
SPECIAL_KINDS = ("meetings.org_life", "meetings.democratic_life")


@login_required
def for_activity(request, pk):
    activity = selectors.get_activity_for(request.user, pk)
    if activity.kind in SPECIAL_KINDS:
        return redirect("meetings:special_for_activity", pk=activity.pk)
    if activity.kind != "meetings.mobilization":
        raise Http404
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
                warn_of_teaching(request, meeting)
                return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/schedule.html",
                  {"activity": activity, "form": form, "can_schedule": can_schedule})


@login_required
def meeting_detail(request, pk):
    meeting = selectors.get_meeting_for(request.user, pk)
    can_record = request.user.has_perm("meetings.record_attendance", meeting)
    return render(request, "meetings/detail.html", {
        "meeting": meeting, "rows": selectors.attendance_of(meeting),
        "counts": selectors.attendance_counts(meeting),
        "can_record": can_record,
        "statuses": AttendanceForm.base_fields["status"].choices,
        "sign_in": current_code(request, meeting) if can_record else None,
        "material_form": MakeupMaterialForm(initial={
            "makeup_material": meeting.makeup_material}) if can_record else None,
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


@login_required
@require_POST
def makeup_material(request, pk):
    meeting = selectors.get_meeting_for(request.user, pk)
    if not request.user.has_perm("meetings.record_attendance", meeting):
        raise PermissionDenied
    form = MakeupMaterialForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["makeup_material"]))
        return redirect("meetings:detail", pk=meeting.pk)
    try:
        services.set_makeup_material(actor=request.user, meeting=meeting,
                                     text=form.cleaned_data["makeup_material"])
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("The make-up material is saved; absent members see it "
                                    "on their tasks page."))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_POST
def makeup_done(request, pk):
    attendance = selectors.get_own_attendance(request.user, pk)
    try:
        services.confirm_makeup(actor=request.user, attendance=attendance)
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("Thank you: your make-up is recorded and the task is "
                                    "done."))
    return redirect("campaigns:my_tasks")
