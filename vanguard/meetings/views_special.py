"""Special meeting pages: the step's meetings (one per branch, or the team's), a meeting's
records (attendance, self-criticisms, criticisms, minutes), the team's material package and
its notice to the public, and the superior office's list of packages sent to it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.access.models import Role
from vanguard.access.scope import roles_of
from vanguard.campaigns.services import notices
from vanguard.campaigns.views.calendar import warn_of_teaching
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.meetings import package as packages
from vanguard.meetings import selectors_special as selectors
from vanguard.meetings import services_special as services
from vanguard.meetings.forms import AttendanceForm
from vanguard.meetings.forms_special import (
    CriticismForm,
    MinutesForm,
    NoticeForm,
    SelfCriticismForm,
    SpecialScheduleForm,
)
from vanguard.meetings.models import Attendance, Meeting

PAGE_SIZE = 30
RUN = "meetings.run_special_meeting"


@login_required
def for_activity(request, pk):
    """The step's meetings as far as the viewer sees, and scheduling the ones they run."""
    activity = selectors.get_special_activity_for(request.user, pk)
    places = selectors.meeting_places(activity, request.user)
    open_places = [p for p in places if p.meeting is None
                   and request.user.has_perm(RUN, p)]
    if activity.kind == selectors.DEMOCRATIC_LIFE_KIND and places and \
            places[0].meeting is not None:
        return redirect("meetings:special_detail", pk=places[0].meeting.pk)
    form = SpecialScheduleForm(request.POST or None, places=open_places,
                               initial={"title": activity.name})
    if request.method == "POST":
        if not open_places:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            place = next(p for p in open_places if p.pk == data.pop("organization"))
            try:
                meeting = services.schedule_special_meeting(
                    actor=request.user, activity=activity, organization=place, **data)
            except VanguardError as exc:
                form.add_error(None, exc.text)
            else:
                messages.success(request, _("The meeting is scheduled; everyone with the task "
                                            "is on its attendance list."))
                warn_of_teaching(request, meeting)
                return redirect("meetings:special_detail", pk=meeting.pk)
    # One page for the step's meetings of every kind: its places, then the schedule form.
    return render(request, "meetings/step_meetings.html", {
        "activity": activity, "places": places, "form": form if open_places else None,
        "detail_url": "meetings:special_detail", "places_testid": "special-places"})


def _prefilled_notice(meeting: Meeting, rows, criticisms) -> dict:
    """A first text for the notice, in Chinese (it is for the public); the office edits it."""
    held = timezone.localtime(meeting.held_at)
    present = sum(r.status == Attendance.Status.PRESENT for r in rows)
    accepted = sum(c.accepted is True for c in criticisms)
    body = (f"{held.year}年{held.month}月{held.day}日，{meeting.organization.name}领导班子召开"
            f"专题民主生活会。领导班子成员应到{len(rows)}人，实到{present}人。会上，班子成员"
            f"逐一作了自我批评，相互提出批评意见{len(criticisms)}条，其中{accepted}条已当场"
            f"表示接受。会议材料已按干部管理权限报送上级党组织。")
    return {"title": f"关于{meeting.organization.name}领导班子专题民主生活会情况的通报",
            "body": body}


def _context(request, meeting: Meeting, **forms) -> dict:
    rows = selectors.special_attendance(meeting)
    criticisms = selectors.criticisms_of(meeting)
    package = selectors.package_of(meeting)
    user = request.user
    can_run = user.has_perm(RUN, meeting)
    democratic = meeting.kind == Meeting.Kind.DEMOCRATIC_LIFE
    writable = can_run and package is None
    present = [r.person for r in rows if r.status == Attendance.Status.PRESENT]
    notice = services.notice_of(meeting) if democratic else None
    can_publish = democratic and user.has_perm("campaigns.publish_notice", meeting.organization)
    return {
        "meeting": meeting, "rows": rows, "criticisms": criticisms, "package": package,
        "not_ready": [r for r in rows if not r.ready],
        "present_count": len(present),
        "self_criticisms": sum(r.self_criticism_done for r in rows),
        "democratic": democratic, "can_run": can_run, "writable": writable,
        "statuses": AttendanceForm.base_fields["status"].choices,
        "criticism_form": forms.get("criticism_form") or (
            CriticismForm(people=present) if writable else None),
        "minutes_form": forms.get("minutes_form") or (
            MinutesForm(initial={"minutes": meeting.minutes}) if writable else None),
        "can_download": democratic and (can_run or user.has_perm(
            "meetings.acknowledge_package", meeting)),
        "can_submit": democratic and can_run and package is None,
        "notice": notice, "can_publish": can_publish,
        "notice_form": forms.get("notice_form") or (
            NoticeForm(initial=_prefilled_notice(meeting, rows, criticisms))
            if can_publish and meeting.minutes else None),
    }


@login_required
def detail(request, pk):
    meeting = selectors.get_special_meeting_for(request.user, pk)
    return render(request, "meetings/special_detail.html", _context(request, meeting))


def _runner_meeting(request, pk) -> Meeting:
    meeting = selectors.get_special_meeting_for(request.user, pk)
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
        run_service(request, lambda: services.record_special_attendance(
            actor=request.user, meeting=meeting, person_id=form.cleaned_data["person"],
            status=form.cleaned_data["status"],
            absence_reason=form.cleaned_data["absence_reason"]),
            success=_("Attendance saved."))
    return redirect("meetings:special_detail", pk=meeting.pk)


@login_required
@require_POST
def self_criticism(request, pk):
    meeting = _runner_meeting(request, pk)
    form = SelfCriticismForm(request.POST)
    if form.is_valid():
        run_service(request, lambda: services.record_self_criticism(
            actor=request.user, meeting=meeting, person_id=form.cleaned_data["person"],
            done=form.cleaned_data["done"]), success=_("Self-criticism saved."))
    return redirect("meetings:special_detail", pk=meeting.pk)


def _again(request, meeting, **forms):
    """The page again with the form as typed and its error (nothing was saved)."""
    return render(request, "meetings/special_detail.html", _context(request, meeting, **forms))


@login_required
@require_POST
def criticism_add(request, pk):
    meeting = _runner_meeting(request, pk)
    people = [r.person for r in selectors.special_attendance(meeting)]
    form = CriticismForm(request.POST, people=people)
    if form.is_valid():
        try:
            services.record_criticism(
                actor=request.user, meeting=meeting, critic_id=form.cleaned_data["critic"],
                target_id=form.cleaned_data["target"], summary=form.cleaned_data["summary"],
                accepted=form.accepted_value())
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The criticism is recorded."))
            return redirect("meetings:special_detail", pk=meeting.pk)
    return _again(request, meeting, criticism_form=form)


@login_required
@require_POST
def criticism_remove(request, pk):
    criticism = selectors.get_criticism_for(request.user, pk)
    meeting = _runner_meeting(request, criticism.meeting_id)
    run_service(request, lambda: services.remove_criticism(actor=request.user,
                                                           criticism=criticism),
                success=_("The criticism is removed."))
    return redirect("meetings:special_detail", pk=meeting.pk)


@login_required
@require_POST
def minutes(request, pk):
    meeting = _runner_meeting(request, pk)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.record_minutes(actor=request.user, meeting=meeting,
                                    text=form.cleaned_data["minutes"])
        except VanguardError as exc:
            form.add_error("minutes", exc.text)
        else:
            messages.success(request, _("The minutes are saved."))
            return redirect("meetings:special_detail", pk=meeting.pk)
    return _again(request, meeting, minutes_form=form)


@login_required
def package_download(request, pk):
    """The archive (the Word document and its manifest): what was sent, or a preview."""
    meeting = selectors.get_special_meeting_for(request.user, pk)
    allowed = request.user.has_perm(RUN, meeting) or request.user.has_perm(
        "meetings.acknowledge_package", meeting)
    if meeting.kind != Meeting.Kind.DEMOCRATIC_LIFE or not allowed:
        raise PermissionDenied
    built = packages.build_package(meeting)
    response = HttpResponse(built.archive, content_type="application/zip")
    response["Content-Disposition"] = f"attachment; filename={built.filename}"
    return response


@login_required
@require_POST
def package_submit(request, pk):
    meeting = _runner_meeting(request, pk)
    run_service(request, lambda: services.submit_package(actor=request.user, meeting=meeting),
                success=_("The package is sent to the superior organization's office."))
    return redirect("meetings:special_detail", pk=meeting.pk)


@login_required
@require_POST
def notice_publish(request, pk):
    meeting = selectors.get_special_meeting_for(request.user, pk)
    if not request.user.has_perm("campaigns.publish_notice", meeting.organization):
        raise PermissionDenied
    form = NoticeForm(request.POST)
    if form.is_valid():
        try:
            services.publish_meeting_notice(actor=request.user, meeting=meeting,
                                            **form.cleaned_data)
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The notice is on the school's public page."))
            return redirect("meetings:special_detail", pk=meeting.pk)
    return _again(request, meeting, notice_form=form)


@login_required
@require_POST
def notice_withdraw(request, pk):
    meeting = selectors.get_special_meeting_for(request.user, pk)
    notice = services.notice_of(meeting)
    if notice is None:
        messages.error(request, _("This meeting has no notice."))
    else:
        run_service(request, lambda: notices.withdraw_notice(actor=request.user, notice=notice),
                    success=_("The notice is withdrawn from the public page."))
    return redirect("meetings:special_detail", pk=meeting.pk)


def _holds_office(user) -> bool:
    return any(r.kind in (Role.Kind.OFFICE, Role.Kind.ADMIN) for r in roles_of(user))


@login_required
def package_list(request):
    """The packages sent to the viewer's organization (an office of a superior level)."""
    if not _holds_office(request.user):
        raise PermissionDenied
    page = Paginator(selectors.packages_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "meetings/special_packages.html", {"page": page})


@login_required
@require_POST
def package_acknowledge(request, pk):
    package = selectors.get_package_for(request.user, pk)
    run_service(request, lambda: services.acknowledge_package(actor=request.user,
                                                              package=package),
                success=_("The package is acknowledged."))
    return redirect("meetings:packages")
