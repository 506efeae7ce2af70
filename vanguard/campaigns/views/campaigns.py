"""The campaign list, launching a campaign, a campaign's overview and its progress roll-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from vanguard.access import scope
from vanguard.access.models import Role
from vanguard.campaigns import builtin, registry, selectors, services
from vanguard.campaigns.forms import LaunchForm
from vanguard.core.errors import VanguardError
from vanguard.people.models import Organization


@login_required
def campaign_list(request):
    if not scope.roles_of(request.user) or not (scope.is_admin(request.user) or
                                                scope.role_paths(request.user, scope.READERS)):
        raise PermissionDenied
    campaigns = selectors.campaigns_for(request.user)
    return render(request, "campaigns/campaign_list.html", {
        "campaigns": campaigns,
        "can_launch": bool(_launch_organizations(request.user)[:1]),
    })


def _launch_organizations(user):
    if scope.is_admin(user):
        return Organization.objects.filter(depth=1)
    return Organization.objects.filter(
        pk__in=[r.organization_id for r in scope.roles_of(user) if r.kind == Role.Kind.OFFICE])


@login_required
def launch(request):
    organizations = _launch_organizations(request.user)
    if not organizations.exists():
        raise PermissionDenied
    builtin.sync_builtin_templates()
    form = LaunchForm(request.POST or None, organizations=organizations)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.launch_campaign(
                actor=request.user, template_key=form.cleaned_data["template"].key,
                organization=form.cleaned_data["organization"],
                starts_on=form.cleaned_data["starts_on"], name=form.cleaned_data["name"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The campaign is launched; each school now has a draft "
                                        "plan to adjust and submit."))
            return redirect("campaigns:detail", pk=campaign.pk)
    return render(request, "campaigns/launch.html", {"form": form})


@login_required
def campaign_detail(request, pk):
    campaign = selectors.get_campaign_for(request.user, pk)
    plans = list(selectors.plans_for(request.user, campaign))
    kinds = selectors.activity_kinds(campaign)
    return render(request, "campaigns/campaign_detail.html", {
        "campaign": campaign, "plans": plans,
        "start": scope.start_organization(request.user),
        "work_links": registry.campaign_links(campaign, request.user, kinds),
        "campaign_pages": registry.campaign_pages(campaign, request.user),
    })


@login_required
def progress(request, pk):
    campaign = selectors.get_campaign_for(request.user, pk)
    code = request.GET.get("org", "")[:32]
    node = (Organization.objects.filter(code=code).first() if code
            else scope.start_organization(request.user))
    if node is None or not request.user.has_perm("campaigns.view_progress", node):
        raise Http404
    if not node.path.startswith(campaign.organization.path):
        raise Http404
    rows = selectors.progress_rows(campaign, node)
    columns = selectors.phase_columns(campaign)
    chart = {"labels": [r.label for r in rows],
             "values": [r.total_percent or 0 for r in rows]}
    return render(request, "campaigns/progress.html", {
        "campaign": campaign, "node": node, "columns": columns, "chart": chart,
        "table": [(row, [row.cell(key) for key, _ in columns]) for row in rows],
        "ancestors": [a for a in Organization.objects.get_ancestors(node)
                      if request.user.has_perm("campaigns.view_progress", a)],
        "is_branch": node.kind == Organization.Kind.BRANCH,
    })
