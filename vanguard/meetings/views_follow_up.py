"""Follow-up meeting pages: the step's meetings per branch (and scheduling one), a meeting's
attendance with each member's progress note, and its minutes."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from vanguard.campaigns.views.calendar import warn_of_teaching
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.meetings import selectors_follow_up as selectors
from vanguard.meetings import services_follow_up as services
from vanguard.meetings.forms import AttendanceForm
from vanguard.meetings.forms_special import MinutesForm, SpecialScheduleForm
from vanguard.meetings.models import Attendance, Meeting

RUN = "meetings.run_special_meeting"


class ProgressNoteForm(forms.Form):
    person = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        required=False, max_length=services.MAX_NOTE,
        error_messages={"max_length": gettext_lazy(
            "The progress note may be at most %(limit_value)d characters (it has "
            "%(show_value)d).")})


@login_required
def for_activity(request, pk):
    activity = selectors.get_follow_up_activity_for(request.user, pk)
    places = selectors.branches_with_meetings(activity, request.user)
    open_places = [p for p in places if p.meeting is None and request.user.has_perm(RUN, p)]
    form = SpecialScheduleForm(request.POST or None, places=open_places,
                               initial={"title": activity.name})
    if request.method == "POST":
        if not open_places:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            place = next(p for p in open_places if p.pk == data.pop("organization"))
            try:
                meeting = services.schedule_follow_up(actor=request.user, activity=activity,
                                                      organization=place, **data)
            except VanguardError as exc:
                form.add_error(None, exc.text)
            else:
                messages.success(request, _("The meeting is scheduled; the branch's members "
                                            "are on its attendance list."))
                warn_of_teaching(request, meeting)
                return redirect("meetings:follow_up_detail", pk=meeting.pk)
    # One page for the step's meetings of every kind: its places, then the schedule form.
    return render(request, "meetings/step_meetings.html", {
        "activity": activity, "places": places, "form": form if open_places else None,
        "detail_url": "meetings:follow_up_detail", "places_testid": "follow-up-places"})


def _context(request, meeting: Meeting, minutes_form=None) -> dict:
    rows = selectors.attendance_of(meeting)
    writable = request.user.has_perm(RUN, meeting) and \
        meeting.activity.phase.state == meeting.activity.phase.State.OPEN
    return {
        "meeting": meeting, "rows": rows, "writable": writable,
        "present_count": sum(r.status == Attendance.Status.PRESENT for r in rows),
        "noted_count": sum(bool(r.progress_note) for r in rows),
        "statuses": AttendanceForm.base_fields["status"].choices,
        "max_note": services.MAX_NOTE,
        "minutes_form": minutes_form or (
            MinutesForm(initial={"minutes": meeting.minutes}) if writable else None),
    }


@login_required
def detail(request, pk):
    meeting = selectors.get_follow_up_meeting_for(request.user, pk)
    return render(request, "meetings/follow_up_detail.html", _context(request, meeting))


def _runner_meeting(request, pk) -> Meeting:
    meeting = selectors.get_follow_up_meeting_for(request.user, pk)
    if not request.user.has_perm(RUN, meeting):
        raise PermissionDenied
    return meeting


@login_required
@require_POST
def attendance(request, pk):
    meeting = _runner_meeting(request, pk)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status; a reason may be at most 200 characters."))
    else:
        run_service(request, lambda: services.record_follow_up_attendance(
            actor=request.user, meeting=meeting, person_id=form.cleaned_data["person"],
            status=form.cleaned_data["status"],
            absence_reason=form.cleaned_data["absence_reason"]), success=_("Attendance saved."))
    return redirect("meetings:follow_up_detail", pk=meeting.pk)


@login_required
@require_POST
def progress(request, pk):
    meeting = _runner_meeting(request, pk)
    form = ProgressNoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        run_service(request, lambda: services.record_progress_note(
            actor=request.user, meeting=meeting, person_id=form.cleaned_data["person"],
            note=form.cleaned_data["note"]), success=_("The progress note is saved."))
    return redirect("meetings:follow_up_detail", pk=meeting.pk)


@login_required
@require_POST
def minutes(request, pk):
    meeting = _runner_meeting(request, pk)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.record_follow_up_minutes(actor=request.user, meeting=meeting,
                                              text=form.cleaned_data["minutes"])
        except VanguardError as exc:
            form.add_error("minutes", exc.text)
        else:
            messages.success(request, _("The minutes are saved."))
            return redirect("meetings:follow_up_detail", pk=meeting.pk)
    return render(request, "meetings/follow_up_detail.html",
                  _context(request, meeting, minutes_form=form))
