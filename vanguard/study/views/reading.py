"""The reading list: a member's list with mark-read buttons and their notes, and the office's
editor (which other readers of the campaign see read-only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.study import selectors_writing as selectors
from vanguard.study.forms_writing import ReadingItemForm
from vanguard.study.models import ReadingItem
from vanguard.study.services import reading as services
from vanguard.study.services.reading import READING_KIND


@login_required
def reading_list(request, campaign):
    campaign = selectors.get_member_campaign_for(request.user, campaign)
    person = request.user.person
    assignment = selectors.study_assignments(person, campaign).get(READING_KIND)
    items = list(selectors.readings_with_marks(campaign, person))
    notes = list(selectors.own_writings(person, campaign, "note"))
    required = [i for i in items if i.required]
    return render(request, "study/reading_list.html", {
        "campaign": campaign, "assignment": assignment, "items": items, "notes": notes,
        "required_total": len(required),
        "required_read": sum(1 for i in required if i.is_read),
        "tally": selectors.tally(notes, assignment),
        "can_mark": assignment is not None and assignment.activity.phase.state == "open",
    })


@login_required
@require_POST
def mark(request, pk):
    item = get_object_or_404(ReadingItem, pk=pk)
    campaign = selectors.get_member_campaign_for(request.user, item.campaign_id)
    read = request.POST.get("read", "1") != "0"
    run_service(request, lambda: services.mark_read(actor=request.user, item=item, read=read),
                success=_("Marked as read.") if read else _("The mark is taken off."))
    return redirect(reverse("study:reading", args=[campaign.pk]) + f"#reading-{item.pk}")


@login_required
def reading_items(request, campaign):
    """The list's editor for the campaign's office; other readers see the list as it is."""
    campaign = selectors.get_reader_campaign_for(request.user, campaign)
    can_edit = request.user.has_perm("study.edit_reading_list", campaign)
    form = ReadingItemForm(request.POST or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.add_reading(actor=request.user, campaign=campaign, title=data["title"],
                                     source=data["source"], required=data["required"],
                                     order=data["order"])
            except VanguardError as exc:
                form.add_error(None, exc.text)
            else:
                return redirect("study:reading_items", campaign=campaign.pk)
    items = list(selectors.reading_items(campaign))
    return render(request, "study/reading_items.html", {
        "campaign": campaign, "items": items, "form": form, "can_edit": can_edit,
        "edit_forms": [(i, ReadingItemForm(prefix=f"r{i.pk}", initial={
            "title": i.title, "source": i.source, "required": i.required, "order": i.order}))
            for i in items] if can_edit else [],
    })


def _item_for(request, pk) -> ReadingItem:
    item = get_object_or_404(ReadingItem.objects.select_related("campaign"), pk=pk)
    selectors.get_reader_campaign_for(request.user, item.campaign_id)  # 404 outside scope
    return item


@login_required
@require_POST
def item_update(request, pk):
    item = _item_for(request, pk)
    form = ReadingItemForm(request.POST, prefix=f"r{item.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        data = form.cleaned_data
        run_service(request, lambda: services.update_reading(
            actor=request.user, item=item, title=data["title"], source=data["source"],
            required=data["required"], order=data["order"] or 0),
            success=_("The reading is saved."))
    return redirect("study:reading_items", campaign=item.campaign_id)


@login_required
@require_POST
def item_remove(request, pk):
    item = _item_for(request, pk)
    run_service(request, lambda: services.remove_reading(actor=request.user, item=item),
                success=_("The reading is taken off the list."))
    return redirect("study:reading_items", campaign=item.campaign_id)


@login_required
@require_POST
def load_seed(request, campaign):
    campaign = selectors.get_reader_campaign_for(request.user, campaign)
    run_service(request, lambda: services.load_seed_readings(actor=request.user,
                                                             campaign=campaign),
                success=_("The seed plan's reading list is loaded; readings already on the "
                          "list were left as they are."))
    return redirect("study:reading_items", campaign=campaign.pk)
