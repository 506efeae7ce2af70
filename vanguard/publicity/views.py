"""Signed-in pages of the practice activities: the list by theme, the record form (with photos
and participants from the organization's people), one activity, and its photos."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from vanguard.campaigns import selectors as campaign_selectors
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.publicity import selectors, themes
from vanguard.publicity.forms import ActivityForm, PhotoForm
from vanguard.publicity.services import activities as services
from vanguard.publicity.services.common import eligible_people

PAGE_SIZE = 20


def chosen_organization(request, campaign, orgs):
    """The organization picked with ?org=CODE (or the only one the viewer runs)."""
    code = request.POST.get("org") or request.GET.get("org") or ""
    if code:
        return selectors.get_run_organization(request.user, campaign, code)
    only = list(orgs[:2])
    return only[0] if len(only) == 1 else None


@login_required
def activity_list(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    names = themes.theme_names(campaign)
    theme = request.GET.get("theme", "")[:40]
    theme = theme if theme in names else ""
    counts = selectors.theme_counts(request.user, campaign)
    page = Paginator(selectors.activities_for(request.user, campaign, theme),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "publicity/activity_list.html", {
        "campaign": campaign, "theme": theme, "names": names, "page": page,
        "themes": [(t, counts.get(t.key, 0)) for t in themes.themes_of(campaign)],
        "total": sum(counts.values()),
        "can_record": selectors.run_organizations(request.user, campaign).exists(),
    })


@login_required
def activity_add(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    orgs = selectors.run_organizations(request.user, campaign)
    if not orgs.exists():
        raise PermissionDenied
    organization = chosen_organization(request, campaign, orgs)
    form = None
    if organization is not None:
        form = ActivityForm(request.POST or None, request.FILES or None,
                            themes=themes.theme_choices(campaign),
                            people=eligible_people(organization))
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                activity = services.record_activity(
                    actor=request.user, campaign=campaign, organization=organization,
                    theme=data["theme"], title=data["title"], held_on=data["held_on"],
                    place=data["place"], description=data["description"],
                    participants=data["participants"], photos=data["photos"],
                    caption=data["caption"], for_publication=data["for_publication"])
            except VanguardError as exc:
                form.add_error(None, exc.text)
            else:
                messages.success(request, _("The activity is recorded."))
                return redirect("publicity:activity", pk=activity.pk)
    return render(request, "publicity/activity_form.html", {
        "campaign": campaign, "orgs": orgs, "organization": organization, "form": form})


@login_required
def activity_detail(request, pk):
    activity = selectors.get_activity_for(request.user, pk)
    can_record = request.user.has_perm("publicity.record_activity", activity)
    return render(request, "publicity/activity_detail.html", {
        "activity": activity, "campaign": activity.campaign,
        "theme_name": themes.theme_names(activity.campaign).get(activity.theme,
                                                                 activity.theme),
        "photos": list(activity.photos.all()),
        "participants": list(activity.participants.all()),
        "news": list(activity.news.all().only("id", "title", "status")),
        "photo_form": PhotoForm() if can_record else None, "can_record": can_record,
    })


@login_required
@require_POST
def photo_add(request, pk):
    activity = selectors.get_activity_for(request.user, pk)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        data = form.cleaned_data
        run_service(request, lambda: services.add_photo(
            actor=request.user, activity=activity, upload=data["photo"],
            caption=data["caption"], for_publication=data["for_publication"]),
            success=_("The photo is added."))
    return redirect("publicity:activity", pk=activity.pk)


@login_required
@require_POST
def photo_remove(request, pk):
    photo = selectors.get_photo_for(request.user, pk)
    run_service(request, lambda: services.remove_photo(actor=request.user, photo=photo),
                success=_("The photo is removed."))
    return redirect("publicity:activity", pk=photo.activity_id)


def photo_response(photo):
    try:
        handle = photo.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, content_type=photo.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response


@login_required
def photo(request, pk):
    """A photo to whoever may read its activity; never from /media/ directly."""
    response = photo_response(selectors.get_photo_for(request.user, pk))
    response["Cache-Control"] = "private, max-age=300"
    return response
