"""Leading-group pages: a campaign's groups (and forming one), one group with its seats and
the roles that follow from it, editing, seats added and removed, the Word list; and the
leader's own figures beside their departments'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.campaigns import selectors as campaign_selectors
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.oversight.documents_leading import groups_document
from vanguard.oversight.forms_leading import GroupForm, NewGroupForm, SeatForm
from vanguard.oversight.selectors import leader_figures, leading
from vanguard.oversight.services import leading as services
from vanguard.people.models import Organization

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _may_manage(user, group) -> bool:
    return user.has_perm("oversight.manage_leading_group", group.organization)


@login_required
def leading_groups(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    groups = list(leading.groups_for(request.user, campaign))
    return render(request, "oversight/leading_groups.html", {
        "campaign": campaign, "groups": groups,
        "levels": leading.levels_without_group(request.user, campaign),
        "form": NewGroupForm(),
    })


@login_required
@require_POST
def leading_group_create(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    organization = Organization.objects.filter(code=request.POST.get("org", "")[:32]).first()
    if organization is None or not request.user.has_perm("oversight.manage_leading_group",
                                                         organization):
        raise PermissionDenied
    form = NewGroupForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("oversight:leading_groups", campaign=campaign.pk)
    try:
        group = services.create_leading_group(actor=request.user, campaign=campaign,
                                              organization=organization, **form.cleaned_data)
    except VanguardError as exc:
        messages.error(request, exc.text)
        return redirect("oversight:leading_groups", campaign=campaign.pk)
    messages.success(request, _("The leading group is formed: now seat its head, members "
                                "and office."))
    return redirect("oversight:leading_group", pk=group.pk)


@login_required
def leading_group(request, pk):
    group = leading.get_group_for(request.user, pk)
    manage = _may_manage(request.user, group)
    return render(request, "oversight/leading_group.html", {
        "group": group, "page": leading.group_page(group), "may_manage": manage,
        "seat_form": SeatForm(people=leading.seat_candidates(group)) if manage else None,
    })


@login_required
def leading_group_edit(request, pk):
    group = leading.get_group_for(request.user, pk)
    if not _may_manage(request.user, group):
        raise PermissionDenied
    form = GroupForm(request.POST or None, initial={
        "name": group.name, "office_name": group.office_name, "duties": group.duties})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_leading_group(actor=request.user, group=group, **form.cleaned_data)
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The leading group is saved."))
            return redirect("oversight:leading_group", pk=group.pk)
    return render(request, "oversight/leading_edit.html", {"group": group, "form": form})


@login_required
@require_POST
def seat_add(request, pk):
    group = leading.get_group_for(request.user, pk)
    if not _may_manage(request.user, group):
        raise PermissionDenied
    form = SeatForm(request.POST, people=leading.seat_candidates(group))
    if not form.is_valid():
        return render(request, "oversight/leading_group.html", {
            "group": group, "page": leading.group_page(group), "may_manage": True,
            "seat_form": form}, status=400)
    run_service(request, lambda: services.add_seat(actor=request.user, group=group,
                                                   **form.cleaned_data),
                success=_("The seat is added; the roles follow from it."))
    return redirect("oversight:leading_group", pk=group.pk)


@login_required
@require_POST
def seat_remove(request, pk):
    seat = leading.get_seat_for(request.user, pk)
    if not _may_manage(request.user, seat.group):
        raise PermissionDenied
    group_pk = seat.group_id
    run_service(request, lambda: services.remove_seat(actor=request.user, seat=seat),
                success=_("The seat is removed, and the roles it gave are taken back."))
    return redirect("oversight:leading_group", pk=group_pk)


@login_required
@require_POST
def roles_refresh(request, pk):
    group = leading.get_group_for(request.user, pk)
    if not _may_manage(request.user, group):
        raise PermissionDenied
    run_service(request, lambda: services.refresh_roles(actor=request.user, group=group),
                success=_("The roles follow the seats again."))
    return redirect("oversight:leading_group", pk=group.pk)


@login_required
def leading_groups_word(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    groups = list(leading.groups_for(request.user, campaign))
    response = HttpResponse(groups_document(campaign, groups), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="leading-groups-{campaign.pk}.docx"'
    return response


@login_required
def leader_figures_page(request, campaign):
    campaign, post = leader_figures.get_leader_post_for(request.user, campaign)
    view = leader_figures.leader_view(campaign, post)
    return render(request, "oversight/leading_leader.html", {
        "campaign": campaign, "view": view,
        "progress_org": view.school.organization if view.school else None,
        "may_see_progress": bool(view.school) and request.user.has_perm(
            "campaigns.view_progress", view.school.organization),
    })
