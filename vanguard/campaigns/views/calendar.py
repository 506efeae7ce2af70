"""The school calendar pages, a person's iCal feed (its page and the feed itself), the
notification preferences, and the teaching-hours warning the meeting pages show."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotFound
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from vanguard.access import ratelimit, scope
from vanguard.campaigns.forms_calendar import (
    PeriodForm,
    PeriodImportForm,
    PreferencesForm,
    TeachingHoursForm,
)
from vanguard.campaigns.models import CalendarFeed, CalendarPeriod
from vanguard.campaigns.services import calendar, digest, feeds
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.people.models import Organization

VIEW, EDIT = "campaigns.view_calendar", "campaigns.edit_calendar"
FEED_LIMIT_SECONDS = 600
SESSION_KEY = "vanguard.calendar_feed_url"


def campaign_pages(campaign, user) -> list[tuple[str, str]]:
    """The campaign page's link to the school calendar, for those with a reading role."""
    if not any(role.kind in scope.READERS for role in scope.roles_of(user)) and \
            not scope.is_admin(user):
        return []
    return [(_("School calendar"), reverse("campaigns:calendar"))]


def warn_of_teaching(request, meeting) -> None:
    """After a meeting is scheduled: a warning (never a refusal) when it falls in teaching
    hours in term and many of the invited are teachers."""
    text = calendar.teaching_warning(meeting)
    if text:
        messages.warning(request, text)


# --- the school calendar ------------------------------------------------------------------------

def get_calendar_holder_for(viewer, code: str) -> Organization:
    """The organization whose calendar is asked for: 404 when missing, not a calendar's
    keeper (a branch), or outside what the viewer reads."""
    organization = Organization.objects.filter(code=code).first()
    if organization is None or not viewer.has_perm(VIEW, organization) or \
            not calendar.is_calendar_holder(organization):
        raise Http404
    return organization


def _period_for(viewer, pk) -> CalendarPeriod:
    period = get_object_or_404(CalendarPeriod.objects.select_related("organization"), pk=pk)
    if not viewer.has_perm(VIEW, period.organization):
        raise Http404
    return period


@login_required
def calendar_home(request):
    """The calendar of the viewer's school (or district): where their reading role starts."""
    start = scope.start_organization(request.user)
    if start is None:
        raise PermissionDenied
    return redirect("campaigns:calendar_org", code=calendar.holder_for(start).code)


@login_required
def calendar_org(request, code, *, period_form=None, hours_form=None):
    organization = get_calendar_holder_for(request.user, code)
    can_edit = request.user.has_perm(EDIT, organization)
    first, last = calendar.teaching_hours_of(organization)
    below = []
    if organization.school_id is None:
        # The schools' calendars one level down, as far as the viewer reads them.
        below = list(Organization.objects.filter(
            organization.subtree_q(), scope.subtree_filter(request.user, scope.READERS),
            school__isnull=False, depth=organization.depth + 1).order_by("code"))
    return render(request, "campaigns/calendar.html", {
        "organization": organization, "can_edit": can_edit,
        "periods": calendar.periods_for(organization).order_by("starts_on", "kind", "id"),
        "teaching_hours": (first, last), "below": below,
        "period_form": period_form or PeriodForm(),
        "hours_form": hours_form or TeachingHoursForm(initial={"starts_at": first,
                                                               "ends_at": last}),
        "import_form": PeriodImportForm(),
    })


def _edit_holder(request, code) -> Organization:
    organization = get_calendar_holder_for(request.user, code)
    if not request.user.has_perm(EDIT, organization):
        raise PermissionDenied
    return organization


@login_required
@require_POST
def period_add(request, code):
    organization = _edit_holder(request, code)
    form = PeriodForm(request.POST)
    if form.is_valid():
        try:
            calendar.add_period(actor=request.user, organization=organization,
                                **form.cleaned_data)
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The period is added to the calendar."))
            return redirect("campaigns:calendar_org", code=organization.code)
    return calendar_org(request, code, period_form=form)


@login_required
def period_edit(request, pk):
    period = _period_for(request.user, pk)
    if not request.user.has_perm(EDIT, period.organization):
        raise PermissionDenied
    initial = {"kind": period.kind, "name": period.name, "starts_on": period.starts_on,
               "ends_on": period.ends_on}
    form = PeriodForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            calendar.update_period(actor=request.user, period=period, **form.cleaned_data)
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The period is saved."))
            return redirect("campaigns:calendar_org", code=period.organization.code)
    return render(request, "campaigns/calendar_period.html", {"period": period, "form": form})


@login_required
@require_POST
def period_remove(request, pk):
    period = _period_for(request.user, pk)
    code = period.organization.code
    run_service(request, lambda: calendar.remove_period(actor=request.user, period=period),
                success=_("The period is removed from the calendar."))
    return redirect("campaigns:calendar_org", code=code)


@login_required
@require_POST
def teaching_hours(request, code):
    organization = _edit_holder(request, code)
    form = TeachingHoursForm(request.POST)
    if form.is_valid():
        try:
            calendar.set_teaching_hours(actor=request.user, organization=organization,
                                        **form.cleaned_data)
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The teaching hours are saved."))
            return redirect("campaigns:calendar_org", code=organization.code)
    return calendar_org(request, code, hours_form=form)


@login_required
@require_POST
def periods_import(request, code):
    from vanguard.campaigns.services.calendar_import import import_periods

    organization = _edit_holder(request, code)
    form = PeriodImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose an Excel workbook (.xlsx) to import."))
    else:
        try:
            added = import_periods(actor=request.user, organization=organization,
                                   upload=form.cleaned_data["file"])
        except VanguardError as exc:
            messages.error(request, exc.text)
        else:
            messages.success(request, _("%(n)d periods are imported.") % {"n": added})
    return redirect("campaigns:calendar_org", code=organization.code)


# --- a person's feed ------------------------------------------------------------------------------

def _person(request):
    person = getattr(request.user, "person", None)
    if person is None:
        raise PermissionDenied
    return person


@login_required
@never_cache
def my_calendar(request):
    person = _person(request)
    return render(request, "campaigns/calendar_mine.html", {
        "has_feed": CalendarFeed.objects.filter(person=person).exists(),
        # Shown once, right after it is made: only its hash is kept.
        "feed_url": request.session.pop(SESSION_KEY, None),
    })


@login_required
@require_POST
def my_calendar_feed(request):
    _person(request)
    action = request.POST.get("action")
    if action == "revoke":
        run_service(request, lambda: feeds.revoke_feed(actor=request.user),
                    success=_("Your calendar address is revoked; calendars that used it stop "
                              "updating."))
    elif action in ("create", "regenerate"):
        try:
            token = feeds.create_feed(actor=request.user)
        except VanguardError as exc:
            messages.error(request, exc.text)
        else:
            request.session[SESSION_KEY] = request.build_absolute_uri(
                reverse("campaigns:calendar_feed", kwargs={"token": token}))
            messages.success(request, _("Your new calendar address is below. Copy it now: "
                                        "it is shown only once."))
    else:
        messages.error(request, _("Unknown action."))
    return redirect("campaigns:my_calendar")


@require_safe
@never_cache
def calendar_feed(request, token):
    """The feed itself, for phone calendars (no login): read-only, rate-limited per
    address, and 404 without detail for an unknown or revoked address."""
    limit = getattr(settings, "VANGUARD_CALENDAR_FEED_LIMIT", 120)
    if not ratelimit.hit(f"calendar.feed:{ratelimit.client_address(request)}", limit=limit,
                         seconds=FEED_LIMIT_SECONDS):
        return HttpResponse(status=429, content_type="text/plain")
    person = feeds.person_for_token(token)
    if person is None:
        return HttpResponseNotFound(content_type="text/plain")
    events = feeds.events_of(
        person, link=lambda name, *args: request.build_absolute_uri(reverse(name, args=args)))
    body = feeds.render_calendar(events, name=_("Vanguard — %(name)s") % {"name": person.name})
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="vanguard.ics"'
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- notification preferences ---------------------------------------------------------------------

@login_required
def notification_preferences(request):
    person = _person(request)
    # An empty POST (every box unticked) is still a submission.
    form = PreferencesForm(request.POST if request.method == "POST" else None,
                           rows=digest.preferences_of(person))
    if request.method == "POST" and form.is_valid():
        if run_service(request, lambda: digest.set_preferences(actor=request.user,
                                                               enabled=form.choices()),
                       success=_("Your notification choices are saved.")):
            return redirect("campaigns:notification_preferences")
    return render(request, "campaigns/notification_preferences.html", {"form": form})
