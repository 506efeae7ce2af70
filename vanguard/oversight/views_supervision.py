"""Supervision pages: the groups a level sends (list, send, change, recall), a group's page
with its visits, findings and good practices, a finding with the school's answer and the
group's closing, a school's findings to answer, and the district's red flags."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from vanguard.access import scope
from vanguard.campaigns import selectors as campaign_selectors
from vanguard.campaigns.models import Campaign
from vanguard.campaigns.views.common import run_service
from vanguard.core import clock
from vanguard.core.errors import VanguardError
from vanguard.oversight import flags as red
from vanguard.oversight.forms_supervision import (
    AnswerForm,
    CloseForm,
    FindingForm,
    GroupForm,
    PracticeForm,
    VisitForm,
    VisitHeldForm,
)
from vanguard.oversight.models import Finding
from vanguard.oversight.selectors import supervision as selectors
from vanguard.oversight.services import findings
from vanguard.oversight.services import supervision as services


def _campaign(request, pk) -> Campaign:
    campaign = Campaign.objects.select_related("organization").filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign


def _refuse(request, campaign):
    """403 for someone who reads the campaign, 404 for anyone else (existence never leaks)."""
    if campaign_selectors.campaigns_for(request.user).filter(pk=campaign.pk).exists():
        raise PermissionDenied
    raise Http404


def _can_change(user, group) -> bool:
    return group.closed_at is None and user.has_perm("oversight.send_supervision_group",
                                                     group.organization)


def _can_record(user, group) -> bool:
    return group.ends_on >= clock.today() and user.has_perm("oversight.record_finding", group)


def _errors(form) -> str:
    return " ".join(e for errors in form.errors.values() for e in errors)


# --- groups ---------------------------------------------------------------------------------

@login_required
@require_GET
def group_list(request, campaign):
    campaign = _campaign(request, campaign)
    groups = list(selectors.groups_for(request.user, campaign))
    senders = list(selectors.sending_organizations(request.user, campaign))
    if not groups and not senders and not scope.is_admin(request.user):
        _refuse(request, campaign)
    return render(request, "oversight/supervision_list.html", {
        "campaign": campaign, "groups": groups, "can_send": bool(senders),
        "can_flags": request.user.has_perm("oversight.view_red_flags", campaign.organization),
    })


def _group_form(request, campaign, senders, *, group=None):
    organization = group.organization if group else campaign.organization
    initial = None
    if group is not None:
        initial = {"name": group.name, "leader": group.leader_id,
                   "members": list(group.members.values_list("pk", flat=True)),
                   "schools": list(group.schools.values_list("pk", flat=True)),
                   "starts_on": group.starts_on, "ends_on": group.ends_on}
    return GroupForm(request.POST or None, initial=initial, organizations=senders,
                     people=selectors.member_choices(organization),
                     schools=selectors.school_choices(campaign, organization),
                     with_organization=group is None)


@login_required
def group_send(request, campaign):
    campaign = _campaign(request, campaign)
    senders = selectors.sending_organizations(request.user, campaign)
    if not senders.exists():
        _refuse(request, campaign)
    form = _group_form(request, campaign, senders)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            group = services.send_group(
                actor=request.user, campaign=campaign, organization=data["organization"],
                name=data["name"], leader=data["leader"], members=data["members"],
                schools=data["schools"], starts_on=data["starts_on"], ends_on=data["ends_on"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The group is sent; its members can now read the "
                                        "schools it covers."))
            return redirect("oversight:supervision_group", pk=group.pk)
    return render(request, "oversight/supervision_form.html",
                  {"campaign": campaign, "form": form, "group": None})


@login_required
def group_edit(request, pk):
    group = selectors.get_group_for(request.user, pk)
    if not _can_change(request.user, group):
        raise PermissionDenied
    form = _group_form(request, group.campaign, None, group=group)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_group(
                actor=request.user, group=group, name=data["name"], leader=data["leader"],
                members=data["members"], schools=data["schools"],
                starts_on=data["starts_on"], ends_on=data["ends_on"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The group is changed; its members' roles follow."))
            return redirect("oversight:supervision_group", pk=group.pk)
    return render(request, "oversight/supervision_form.html",
                  {"campaign": group.campaign, "form": form, "group": group})


@login_required
@require_POST
def group_recall(request, pk):
    group = selectors.get_group_for(request.user, pk)
    if not _can_change(request.user, group):
        raise PermissionDenied
    run_service(request, lambda: services.recall_group(actor=request.user, group=group),
                success=_("The group is recalled; the roles it gave are taken back."))
    return redirect("oversight:supervision_group", pk=group.pk)


@login_required
@require_GET
def group_detail(request, pk):
    group = selectors.get_group_for(request.user, pk)
    can_record = _can_record(request.user, group)
    page = selectors.group_page(group)
    return render(request, "oversight/supervision_group.html", {
        "group": group, "campaign": group.campaign, **page,
        "can_change": _can_change(request.user, group), "can_record": can_record,
        "at_work": services.is_at_work(group),
        "visit_form": VisitForm(schools=group.schools.order_by("code")) if can_record else None,
        "held_form": VisitHeldForm(initial={"held_on": clock.today()}) if can_record else None,
    })


# --- visits ---------------------------------------------------------------------------------

def _recording_group(request, pk):
    group = selectors.get_group_for(request.user, pk)
    if not _can_record(request.user, group):
        raise PermissionDenied
    return group


@login_required
@require_POST
def visit_add(request, pk):
    group = _recording_group(request, pk)
    form = VisitForm(request.POST, schools=group.schools.order_by("code"))
    if not form.is_valid():
        messages.error(request, _errors(form))
    else:
        run_service(request, lambda: findings.plan_visit(actor=request.user, group=group,
                                                         **form.cleaned_data),
                    success=_("The visit is planned."))
    return redirect("oversight:supervision_group", pk=group.pk)


@login_required
@require_POST
def visit_held(request, pk):
    visit = selectors.get_visit_for(request.user, pk)
    if not _can_record(request.user, visit.group):
        raise PermissionDenied
    form = VisitHeldForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
    else:
        run_service(request, lambda: findings.mark_visit_held(actor=request.user, visit=visit,
                                                              **form.cleaned_data),
                    success=_("The visit is marked held."))
    return redirect("oversight:supervision_group", pk=visit.group_id)


# --- findings -------------------------------------------------------------------------------

@login_required
def finding_add(request, pk):
    group = _recording_group(request, pk)
    form = FindingForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        try:
            finding = findings.record_finding(actor=request.user, group=group,
                                              **form.cleaned_data)
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The finding is recorded; the school's office is "
                                        "told."))
            return redirect("oversight:supervision_finding", pk=finding.pk)
    return render(request, "oversight/supervision_finding_form.html",
                  {"group": group, "form": form})


@login_required
@require_GET
def finding_detail(request, pk):
    finding = selectors.get_finding_for(request.user, pk)
    open_ = finding.status != Finding.Status.CLOSED
    can_answer = open_ and request.user.has_perm("oversight.answer_finding", finding)
    can_close = open_ and request.user.has_perm("oversight.close_finding", finding)
    return render(request, "oversight/supervision_finding.html", {
        "finding": finding, "group": finding.group,
        "can_answer": can_answer, "can_close": can_close,
        "answer_form": AnswerForm(initial={"answer": finding.answer}) if can_answer else None,
        "close_form": CloseForm() if can_close else None,
        "can_see_group": request.user.has_perm("oversight.view_supervision_group",
                                               finding.group),
    })


@login_required
@require_POST
def finding_answer(request, pk):
    finding = selectors.get_finding_for(request.user, pk)
    if not request.user.has_perm("oversight.answer_finding", finding):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
    else:
        run_service(request, lambda: findings.answer_finding(
            actor=request.user, finding=finding, answer=form.cleaned_data["answer"]),
            success=_("The answer is sent to the group."))
    return redirect("oversight:supervision_finding", pk=finding.pk)


@login_required
@require_POST
def finding_close(request, pk):
    finding = selectors.get_finding_for(request.user, pk)
    if not request.user.has_perm("oversight.close_finding", finding):
        raise PermissionDenied
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _errors(form))
    else:
        run_service(request, lambda: findings.close_finding(
            actor=request.user, finding=finding, note=form.cleaned_data["note"]),
            success=_("The finding is closed."))
    return redirect("oversight:supervision_finding", pk=finding.pk)


@login_required
@require_GET
def school_findings(request, campaign):
    campaign = _campaign(request, campaign)
    if not selectors.run_school_ids(request.user):
        _refuse(request, campaign)
    status = request.GET.get("status", "")
    return render(request, "oversight/supervision_school_findings.html", {
        "campaign": campaign, "status": status if status in Finding.Status.values else "",
        "findings": list(selectors.school_findings(request.user, campaign, status)),
        "statuses": Finding.Status.choices,
        "practices": list(selectors.shared_practices(request.user, campaign)),
    })


# --- good practices -------------------------------------------------------------------------

@login_required
def practice_add(request, pk):
    group = _recording_group(request, pk)
    form = PracticeForm(request.POST or None, schools=group.schools.order_by("code"))
    if request.method == "POST" and form.is_valid():
        try:
            practice = findings.record_good_practice(actor=request.user, group=group,
                                                     **form.cleaned_data)
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The good practice is recorded."))
            return redirect("oversight:supervision_practice", pk=practice.pk)
    return render(request, "oversight/supervision_practice_form.html",
                  {"group": group, "form": form})


def _can_share(user, practice) -> bool:
    group = practice.group
    return practice.shared_at is None and (
        user.has_perm("oversight.record_finding", group)
        or user.has_perm("oversight.send_supervision_group", group.organization))


@login_required
@require_GET
def practice_detail(request, pk):
    practice = selectors.get_practice_for(request.user, pk)
    return render(request, "oversight/supervision_practice.html", {
        "practice": practice, "group": practice.group,
        "can_share": _can_share(request.user, practice),
        "can_see_group": request.user.has_perm("oversight.view_supervision_group",
                                               practice.group),
    })


@login_required
@require_POST
def practice_share(request, pk):
    practice = selectors.get_practice_for(request.user, pk)
    if not _can_share(request.user, practice) and practice.shared_at is None:
        raise PermissionDenied
    run_service(request, lambda: findings.share_good_practice(actor=request.user,
                                                              practice=practice),
                success=_("The good practice is shared with every school."))
    return redirect("oversight:supervision_practice", pk=practice.pk)


# --- red flags ------------------------------------------------------------------------------

@login_required
@require_GET
def red_flags(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    node = selectors.flags_node(request.user, campaign, request.GET.get("org", ""))
    only = request.GET.get("flag", "")
    only = only if only in red.KEYS else ""
    rows = red.red_flags(campaign, node, only=only)
    return render(request, "oversight/flags.html", {
        "campaign": campaign, "node": node, "rows": rows, "only": only, "flags": red.FLAGS,
        "flagged": sum(1 for row in rows if len(row)),
    })
