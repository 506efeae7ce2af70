"""The register's pages. Only the keepers (the leading group's office head and the principal
leader at the case's level) get anything; everybody else, the admin included, gets the same
403 page, whether the case asked for exists or not, and the refusal is audited. Every look at
the register, a case or a document is audited with the actor."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.access import audit
from vanguard.core import clock
from vanguard.core.errors import VanguardError
from vanguard.handling import selectors, services
from vanguard.handling.forms import CloseCaseForm, OpenCaseForm, StepForm
from vanguard.handling.models import Case

PAGE_SIZE = 50


def _refuse(request, action: str, changes: dict | None = None):
    """The one refusal: audited as denied, a clear 403 page, nothing else recorded."""
    audit.record(actor=request.user, action=action, outcome="denied", changes=changes or {})
    return render(request, "web/error.html", {"title": _("Not allowed"),
                                              "text": _(services.REFUSAL)}, status=403)


def _may_view(user, case) -> bool:
    return case is not None and user.has_perm("handling.view_register", case)


@login_required
def register(request):
    organizations = selectors.kept_organizations(request.user)
    if not organizations:
        return _refuse(request, "handling.register.viewed")
    status = request.GET.get("status", "")[:10]
    cases = selectors.register_cases(organizations, status).annotate(step_count=Count("steps"))
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record(actor=request.user, action="handling.register.viewed",
                 target=organizations[0] if len(organizations) == 1 else None,
                 changes={"organizations": [org.pk for org in organizations],
                          "status": status, "shown": len(page.object_list)})
    return render(request, "handling/register.html", {
        "page": page, "status": status, "statuses": Case.Status.choices,
        "organizations": organizations})


@login_required
def case_open(request):
    organizations = selectors.kept_organizations(request.user)
    if not organizations:
        return _refuse(request, "handling.case.opened")
    form = OpenCaseForm(request.POST or None, initial={"opened_on": clock.today()},
                        members=selectors.eligible_members(organizations),
                        campaigns=selectors.eligible_campaigns(organizations))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.open_case(actor=request.user, member=data["member"],
                                      kind=data["kind"], opened_on=data["opened_on"],
                                      grounds=data["grounds"], campaign=data["campaign"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The case is opened."))
            return redirect("handling:case", pk=case.pk)
    return render(request, "handling/open.html", {"form": form})


def _case_page(request, case, *, step_form=None, close_form=None):
    audit.record(actor=request.user, action="handling.case.viewed", target=case)
    is_open = case.status == Case.Status.OPEN
    return render(request, "handling/case.html", {
        "case": case, "steps": selectors.case_steps(case), "is_open": is_open,
        "step_form": step_form or (StepForm(initial={"happened_on": clock.today()})
                                   if is_open else None),
        "close_form": close_form or (CloseCaseForm(case=case,
                                                   initial={"closed_on": clock.today()})
                                     if is_open else None),
    })


@login_required
def case_detail(request, pk):
    case = selectors.get_case(pk)
    if not _may_view(request.user, case):
        return _refuse(request, "handling.case.viewed", {"case": str(pk)})
    return _case_page(request, case)


@login_required
@require_POST
def step_add(request, pk):
    case = selectors.get_case(pk)
    if not _may_view(request.user, case):
        return _refuse(request, "handling.step.added", {"case": str(pk)})
    form = StepForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_step(actor=request.user, case=case, kind=data["kind"],
                              happened_on=data["happened_on"], text=data["text"],
                              upload=data["file"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The step is recorded."))
            return redirect("handling:case", pk=case.pk)
    return _case_page(request, case, step_form=form)


@login_required
@require_POST
def case_close(request, pk):
    case = selectors.get_case(pk)
    if not _may_view(request.user, case):
        return _refuse(request, "handling.case.closed", {"case": str(pk)})
    form = CloseCaseForm(request.POST, case=case)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.close_case(actor=request.user, case=case, closed_on=data["closed_on"],
                                measure=data["measure"], outcome=data["outcome"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The case is closed."))
            return redirect("handling:case", pk=case.pk)
    return _case_page(request, case, close_form=form)


@login_required
def document(request, pk):
    """The file, to the keepers only; never from /media/ directly."""
    found = selectors.get_document(pk)
    if found is None or not _may_view(request.user, found.step.case):
        return _refuse(request, "handling.document.viewed", {"document": str(pk)})
    audit.record(actor=request.user, action="handling.document.viewed", target=found,
                 changes={"case": found.step.case_id})
    try:
        handle = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=found.file_name,
                            content_type=found.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
