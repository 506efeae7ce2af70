"""The leadership team and departments page of a school (its top organization), and the
forms that keep them: every write goes through `services.team` and back to the page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.campaigns.views.common import run_service
from vanguard.people import selectors
from vanguard.people.errors import PeopleError
from vanguard.people.forms import DepartmentForm, DepartmentHeadForm, LeaderChangeForm, LeaderForm
from vanguard.people.models import Department
from vanguard.people.services import team as services


def _talks_note() -> str:
    return _("The required talk pairs of running campaigns follow the change.")


def _managed(request, code):
    """The school's top organization, if the user may keep its team (403 for readers)."""
    organization = selectors.get_school_top_for(request.user, code)
    if not request.user.has_perm("people.manage_team", organization):
        raise PermissionDenied
    return organization


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        messages.error(request, " ".join(errors))


def _back(organization):
    return redirect("people:team", code=organization.code)


def _departments(organization):
    return Department.objects.filter(school_id=organization.school_id).order_by("name")


@login_required
def team(request, code):
    organization = selectors.get_school_top_for(request.user, code)
    manage = request.user.has_perm("people.manage_team", organization)
    leaders = selectors.team_of(organization)
    context = {
        "organization": organization, "leaders": leaders, "may_manage": manage,
        "departments": selectors.departments_of(organization),
        "no_principal": bool(leaders) and not any(x.is_principal for x in leaders),
    }
    if manage:
        people = selectors.team_candidates(organization)
        departments = _departments(organization)
        context.update({
            "leader_form": LeaderForm(people=people, departments=departments),
            "department_form": DepartmentForm(),
            "head_form": DepartmentHeadForm(people=people, departments=departments),
            "school_departments": context["departments"],
        })
    return render(request, "people/team.html", context)


@login_required
@require_POST
def department_add(request, code):
    organization = _managed(request, code)
    form = DepartmentForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        run_service(request, lambda: services.add_department(
            actor=request.user, organization=organization, name=form.cleaned_data["name"]),
            success=_("The department is added."))
    return _back(organization)


@login_required
@require_POST
def department_rename(request, code, pk):
    organization = _managed(request, code)
    department = selectors.get_department_of(organization, pk)
    form = DepartmentForm(request.POST)
    if not form.is_valid():
        _form_errors(request, form)
    else:
        run_service(request, lambda: services.rename_department(
            actor=request.user, department=department, name=form.cleaned_data["name"]),
            success=_("The department is renamed."))
    return _back(organization)


@login_required
@require_POST
def department_head(request, code):
    organization = _managed(request, code)
    form = DepartmentHeadForm(request.POST, departments=_departments(organization),
                              people=selectors.team_candidates(organization))
    if not form.is_valid():
        _form_errors(request, form)
    else:
        run_service(request, lambda: services.set_department_head(
            actor=request.user, department=form.cleaned_data["department"],
            head=form.cleaned_data["head"]),
            success=_("The department's head is saved.") + " " + _talks_note())
    return _back(organization)


@login_required
@require_POST
def department_remove(request, code, pk):
    organization = _managed(request, code)
    department = selectors.get_department_of(organization, pk)
    run_service(request, lambda: services.remove_department(actor=request.user,
                                                            department=department),
                success=_("The department is removed."))
    return _back(organization)


def _principal_message(leader) -> str:
    if getattr(leader, "replaced", None) is not None:
        return _("%(name)s is now the principal leader, in place of %(before)s.") % {
            "name": leader.person.name, "before": leader.replaced.name}
    if leader.is_principal:
        return _("%(name)s is the principal leader.") % {"name": leader.person.name}
    return ""


def _run_leader(request, call, success: str) -> None:
    """Like run_service, with the principal flag's move said in the message."""
    try:
        leader = call()
    except PeopleError as exc:
        messages.error(request, exc.text)
        return
    messages.success(request, " ".join(filter(None, [success, _principal_message(leader),
                                                     _talks_note()])))


@login_required
@require_POST
def leader_add(request, code):
    organization = _managed(request, code)
    form = LeaderForm(request.POST, people=selectors.team_candidates(organization),
                      departments=_departments(organization))
    if not form.is_valid():
        _form_errors(request, form)
    else:
        _run_leader(request, lambda: services.add_leader(
            actor=request.user, organization=organization, **form.cleaned_data),
            _("The team member is added."))
    return _back(organization)


@login_required
@require_POST
def leader_change(request, code, pk):
    organization = _managed(request, code)
    leader = selectors.get_leader_of(organization, pk)
    form = LeaderChangeForm(request.POST, departments=_departments(organization))
    if not form.is_valid():
        _form_errors(request, form)
    else:
        run_service(request, lambda: services.change_leader(
            actor=request.user, leader=leader, **form.cleaned_data),
            success=_("The team member is saved.") + " " + _talks_note())
    return _back(organization)


@login_required
@require_POST
def leader_principal(request, code, pk):
    organization = _managed(request, code)
    leader = selectors.get_leader_of(organization, pk)
    _run_leader(request, lambda: services.set_principal(actor=request.user, leader=leader), "")
    return _back(organization)


@login_required
@require_POST
def leader_remove(request, code, pk):
    organization = _managed(request, code)
    leader = selectors.get_leader_of(organization, pk)
    run_service(request, lambda: services.remove_leader(actor=request.user, leader=leader),
                success=_("The team member is removed.") + " " + _talks_note())
    return _back(organization)
