"""The hours pages: a plan's study sessions, a session's attendance, who is behind (with
exemptions), the ledger's Excel files, and a member's own hours with their self-study."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from vanguard.campaigns.models import Phase
from vanguard.core import clock
from vanguard.core.errors import VanguardError
from vanguard.people.models import Member, Organization
from vanguard.people.roster import uploads
from vanguard.people.roster.upload_form import FILENAME_MAX
from vanguard.study import selectors_hours as hours
from vanguard.study.forms_hours import (
    AttendanceForm,
    ExemptionForm,
    HoursUploadForm,
    SelfStudyForm,
    SessionForm,
)
from vanguard.study.hours_sheet import EXPORT_HEADERS
from vanguard.study.models import HoursExemption
from vanguard.study.services import hours as services
from vanguard.study.services import progress
from vanguard.study.services.hours_export import XLSX_TYPE, export_behind, export_hours
from vanguard.study.services.hours_import import import_hours

SESSIONS_PER_PAGE = 50
BEHIND_PER_PAGE = 100


def _xlsx(exported) -> HttpResponse:
    response = HttpResponse(exported.content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, exported.filename)
    response["Cache-Control"] = "no-store"
    return response


def _next_or(request, fallback):
    """Back to the page the form was on (`next`, if it is on this site), else `fallback`."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return fallback


def _node(request, activity, perm: str = "study.view_hours") -> Organization:
    """The organization a page is about (?org=CODE, else the viewer's own); 404 unless the
    viewer reads its members' hours."""
    node = hours.node_for(request.user, activity, request.GET.get("org", ""))
    if not request.user.has_perm("study.view_hours", node):
        raise Http404
    if perm != "study.view_hours" and not request.user.has_perm(perm, node):
        raise PermissionDenied
    return node


# --- the plan's study page and a session ------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def plan_hours(request, pk):
    """The sessions held for the plan's study step; office and secretaries record new ones."""
    activity = hours.get_hours_activity_for(request.user, pk)
    can_record = (hours.can_record_in(request.user, activity)
                  and activity.phase.state == Phase.State.OPEN)
    phase = activity.phase
    form = SessionForm(request.POST or None, organizations=hours.recording_organizations(
        request.user, activity), initial={"held_on": min(max(clock.today(), phase.starts_on),
                                                         phase.ends_on)})
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                session = services.record_session(actor=request.user, activity=activity,
                                                  **form.cleaned_data)
            except VanguardError as exc:
                form.add_error(None, exc.text)
            else:
                messages.success(request, _("The session is recorded; now tick who attended."))
                return redirect("study:hours_session", pk=session.pk)
    sessions = Paginator(hours.sessions_for(request.user, activity), SESSIONS_PER_PAGE)
    return render(request, "study/hours_plan.html", {
        "activity": activity, "plan": activity.plan, "form": form, "can_record": can_record,
        "page": sessions.get_page(request.GET.get("page")),
        "minimums": hours.Minimums.of(activity, activity.plan.campaign),
    })


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request, pk):
    """The session and the checklist of its organization's members, ticked to record hours."""
    session = hours.get_session_for(request.user, pk)
    can_record = (request.user.has_perm("study.record_session", session)
                  and session.activity.phase.state == Phase.State.OPEN)
    checklist = list(hours.session_checklist(session))
    open_ids = [m.person_id for m in checklist if m.entry_id is None]
    form = AttendanceForm(request.POST or None, person_ids=open_ids)
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                entries = services.record_session_attendance(
                    actor=request.user, session=session, person_ids=form.cleaned_data["person"])
            except VanguardError as exc:
                messages.error(request, exc.text)
            else:
                messages.success(request, _("Hours recorded for %(n)d people.")
                                 % {"n": len(entries)})
                return redirect("study:hours_session", pk=session.pk)
        else:
            messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    ticked = set(form.data.getlist("person")) if form.is_bound else set()
    select_all = request.GET.get("all") == "1"
    office = request.user.has_perm("study.remove_entry", session)
    rows = [{"member": m, "recorded": m.entry_id is not None,
             "ticked": select_all or str(m.person_id) in ticked,
             "can_remove": m.entry_id is not None and can_record and (
                 office or m.entry_recorder == request.user.pk)} for m in checklist]
    return render(request, "study/hours_session.html", {
        "session": session, "activity": session.activity, "rows": rows,
        "can_record": can_record, "recorded": len(checklist) - len(open_ids),
    })


@login_required
@require_POST
def entry_remove(request, pk):
    entry = hours.get_entry_for(request.user, pk)
    if not request.user.has_perm("study.remove_entry", entry):
        raise PermissionDenied
    try:
        services.remove_entry(actor=request.user, entry=entry)
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("The line is removed from the ledger."))
    if entry.session_id:
        return _next_or(request, redirect("study:hours_session", pk=entry.session_id))
    return _next_or(request, redirect("study:hours_mine", pk=entry.campaign_id))


# --- who is behind, exemptions, Excel out -----------------------------------------------------

@login_required
@require_GET
def behind(request, pk):
    activity = hours.get_hours_activity_for(request.user, pk)
    node = _node(request, activity)
    campaign = activity.plan.campaign
    page = Paginator(hours.behind(campaign, node), BEHIND_PER_PAGE).get_page(
        request.GET.get("page"))
    plan_path = activity.plan.organization.path
    return render(request, "study/hours_behind.html", {
        "activity": activity, "plan": activity.plan, "node": node, "page": page,
        "rows": hours.rows_of(page.object_list, campaign),
        "exempt": hours.rows_of(hours.exempt(campaign, node), campaign),
        "counts": hours.behind_counts(campaign, activity, node),
        "can_exempt": request.user.has_perm("study.grant_exemption", node)
        and campaign.state == campaign.State.RUNNING,
        "ancestors": [a for a in Organization.objects.get_ancestors(node)
                      if a.path.startswith(plan_path)
                      and request.user.has_perm("study.view_hours", a)],
        "minimums": hours.Minimums.of(activity, campaign),
        "exemption_form": ExemptionForm(),
    })


@login_required
@require_GET
def behind_export(request, pk):
    activity = hours.get_hours_activity_for(request.user, pk)
    node = _node(request, activity)
    return _xlsx(export_behind(actor=request.user, campaign=activity.plan.campaign, node=node))


@login_required
@require_GET
def ledger_export(request, pk):
    activity = hours.get_hours_activity_for(request.user, pk)
    node = _node(request, activity)
    return _xlsx(export_hours(actor=request.user, organization=node,
                              campaign=activity.plan.campaign))




@login_required
@require_POST
def exemption_grant(request, pk):
    activity = hours.get_hours_activity_for(request.user, pk)
    form = ExemptionForm(request.POST)
    member = hours.member_in(activity.plan.organization, request.POST.get("person", ""))
    if member is None or not request.user.has_perm("study.view_hours", member.organization):
        raise Http404
    if not request.user.has_perm("study.grant_exemption", member.organization):
        raise PermissionDenied
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    else:
        try:
            services.grant_exemption(actor=request.user, campaign=activity.plan.campaign,
                                     person=member.person, reason=form.cleaned_data["reason"])
        except VanguardError as exc:
            messages.error(request, exc.text)
        else:
            messages.success(request, _("%(name)s is exempt from the hours minimum.")
                             % {"name": member.person.name})
    return _next_or(request, redirect("study:hours_behind", pk=activity.pk))


@login_required
@require_POST
def exemption_revoke(request, pk):
    exemption = HoursExemption.objects.select_related("person", "campaign").filter(pk=pk).first()
    member = (Member.objects.select_related("organization").filter(person=exemption.person)
              .first() if exemption is not None else None)
    if member is None or not request.user.has_perm("study.view_hours", member.organization):
        raise Http404
    if not request.user.has_perm("study.grant_exemption", member.organization):
        raise PermissionDenied
    try:
        services.revoke_exemption(actor=request.user, exemption=exemption)
    except VanguardError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("The exemption of %(name)s is withdrawn.")
                         % {"name": exemption.person.name})
    task = progress.assignment_for(exemption.person, exemption.campaign, hours.KIND)
    if task is None:
        return redirect("campaigns:my_tasks")
    return _next_or(request, redirect("study:hours_behind", pk=task.activity_id))


# --- a member's own hours ---------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def my_hours(request, pk):
    """Organized hours toward the minimum, self-study apart, the ledger, and logging study."""
    if not request.user.has_perm("study.log_self_study"):
        raise PermissionDenied
    task = hours.get_my_task(request.user, pk)
    campaign, person = task.activity.plan.campaign, task.person
    form = SelfStudyForm(request.POST or None, initial={"studied_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.log_self_study(actor=request.user, campaign=campaign, **form.cleaned_data)
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("Your self-study is logged."))
            return redirect("study:hours_mine", pk=campaign.pk)
    total = hours.my_total(person, campaign)
    minimums = hours.Minimums.of(task.activity, campaign)
    entries = list(hours.my_entries(person, campaign))
    return render(request, "study/hours_mine.html", {
        "campaign": campaign, "task": task, "total": total, "minimums": minimums,
        "percent": minimums.percent(total.organized),
        "missing": max(hours.ZERO, minimums.hours - total.organized),
        "shortfalls": minimums.shortfalls(total.organized, total.self_study, total.by_kind),
        "entries": [(e, e.recorded_by_id == request.user.pk
                     and campaign.state == campaign.State.RUNNING) for e in entries],
        "exemption": hours.my_exemption(person, campaign),
        "form": form, "running": campaign.state == campaign.State.RUNNING,
    })


# --- importing hours from Excel: check first, then commit --------------------------------------

UPLOAD_KEY = "study.hours_upload"


def _import_page(request, activity, node, **context):
    context.setdefault("form", HoursUploadForm())
    return render(request, "study/hours_import.html", {
        "activity": activity, "plan": activity.plan, "node": node,
        "max_bytes": settings.UPLOAD_MAX_BYTES, "headers": list(EXPORT_HEADERS.values()),
        **context})


@login_required
@require_http_methods(["GET", "POST"])
def hours_import(request, pk):
    """GET: the upload form. POST a file: check it, writing nothing. POST commit: write it."""
    activity = hours.get_hours_activity_for(request.user, pk)
    node = _node(request, activity, "study.import_hours")
    if request.method == "GET":
        return _import_page(request, activity, node)
    if "commit" in request.POST:
        return _import_commit(request, activity, node)
    return _import_preview(request, activity, node)


def _import_preview(request, activity, node):
    form = HoursUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _import_page(request, activity, node, form=form)
    upload = form.cleaned_data["file"]
    uploads.discard((request.session.pop(UPLOAD_KEY, None) or {}).get("token"))
    token = uploads.stash(upload)
    try:
        result = import_hours(actor=request.user, organization=node,
                              campaign=activity.plan.campaign,
                              path_or_file=uploads.path_of(token), filename=upload.name,
                              dry_run=True)
    except VanguardError as exc:
        uploads.discard(token)
        form.add_error("file", exc.text)
        return _import_page(request, activity, node, form=form)
    if result.ok and result.created:
        # The commit reads this same file again; the session says which one and for where.
        request.session[UPLOAD_KEY] = {"token": token, "org": node.code, "activity": activity.pk,
                                       "filename": upload.name[:FILENAME_MAX]}
    else:
        uploads.discard(token)
    return _import_page(request, activity, node, preview=result)


def _import_commit(request, activity, node):
    stashed = request.session.pop(UPLOAD_KEY, None) or {}
    path = uploads.path_of(stashed.get("token", ""))
    if (stashed.get("org") != node.code or stashed.get("activity") != activity.pk
            or path is None or not path.exists()):
        uploads.discard(stashed.get("token"))
        messages.error(request, _("There is no checked file waiting to be imported here. "
                                  "Upload the file again."))
        return redirect(request.get_full_path())
    try:
        result = import_hours(actor=request.user, organization=node,
                              campaign=activity.plan.campaign, path_or_file=path,
                              filename=stashed.get("filename", ""))
    except VanguardError as exc:
        messages.error(request, exc.text)
        return redirect(request.get_full_path())
    finally:
        uploads.discard(stashed["token"])
    if not result.written:  # the ledger changed between the check and the commit
        return _import_page(request, activity, node, preview=result)
    return _import_page(request, activity, node, result=result)
