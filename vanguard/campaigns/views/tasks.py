"""A member's "my tasks" home page and ticking a task done."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.campaigns import registry, selectors, services
from vanguard.campaigns.forms import CompleteTaskForm
from vanguard.campaigns.models import Assignment, Phase
from vanguard.campaigns.views.common import run_service


@login_required
def my_tasks(request):
    if not request.user.has_perm("campaigns.view_tasks"):
        raise PermissionDenied
    tasks = list(selectors.tasks_for(request.user))
    open_tasks = [t for t in tasks if t.activity.phase.state == Phase.State.OPEN]
    for task in open_tasks:
        panel = getattr(registry.get(task.activity.kind), "task_panel", None)
        task.panel = panel(task, request) if panel else ""
    upcoming = [t for t in tasks if t.activity.phase.state == Phase.State.PENDING]
    done = sum(1 for t in open_tasks if t.status == Assignment.Status.DONE)
    return render(request, "campaigns/my_tasks.html", {
        "open_tasks": open_tasks, "upcoming": upcoming, "done": done,
        "percent": round(100 * done / len(open_tasks)) if open_tasks else None,
    })


@login_required
@require_POST
def task_complete(request, pk):
    task = selectors.tasks_for(request.user).filter(pk=pk).first()
    if task is None:
        raise Http404
    form = CompleteTaskForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    run_service(request, lambda: services.complete_task(actor=request.user, assignment=task,
                                                        note=note),
                success=_("Marked as done."))
    return redirect("campaigns:my_tasks")
