"""Intake pages: the public opinion form and the receipt lookup (no login), the logged-in
user's form, and the staff pages (typing in, symposia, the second check, the office's
settings with the public link, its QR code and the printable form).

The anonymous paths keep the session as it was: an anonymous visitor has none, and for a
logged-in user the session row is not saved again (SESSION_SAVE_EVERY_REQUEST would write a
new expiry, a time to the second beside their account). The receipt is rendered in the POST
response itself, never passed through the session or django.contrib.messages.
"""

from functools import wraps

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from vanguard.access.ratelimit import client_address
from vanguard.campaigns import selectors as campaign_selectors
from vanguard.campaigns.models import Campaign
from vanguard.campaigns.views.common import run_service
from vanguard.core.errors import VanguardError
from vanguard.opinions import selectors_intake as selectors
from vanguard.opinions import subjects
from vanguard.opinions.forms_intake import (
    EntryForm,
    GiveOpinionForm,
    OpinionForm,
    ReceiptForm,
    SymposiumForm,
)
from vanguard.opinions.models import Channel
from vanguard.opinions.services import intake as services
from vanguard.opinions.services import receipts
from vanguard.people.models import Organization

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def leave_session_unsaved(request) -> None:
    """Skip this request's session save. SessionMiddleware saves every non-empty session
    (SESSION_SAVE_EVERY_REQUEST); the new expiry would mark, to the second, when this user
    sent an anonymous opinion. An anonymous visitor's empty session is never saved anyway."""
    session = getattr(request, "session", None)
    if session is not None:
        session.save = lambda must_create=False: None


def session_left_alone(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        leave_session_unsaved(request)
        return view(request, *args, **kwargs)

    return wrapped


def already_sent() -> str:
    return _("This form was already sent (or it was open too long): nothing more was saved. "
             "If you did not see a receipt code, your opinion was still saved once; its code "
             "cannot be shown again.")


def _receipt_page(request, given: services.Given, continue_url: str):
    return render(request, "opinions/receipt_shown.html", {
        "code": receipts.grouped(given.receipt), "received_on": given.opinion.received_on,
        "continue_url": continue_url,
    })


def _form_page(request, template, form, intake, **context):
    return render(request, template, {"form": form, "intake": intake,
                                      "nonce": services.new_form_nonce(), **context})


# --- no login ----------------------------------------------------------------------------------

@session_left_alone
@never_cache
def public_form(request, form_key):
    intake = selectors.get_public_intake(form_key)
    reason = services.accepting(intake)
    if reason:
        return render(request, "opinions/public_closed.html", {"intake": intake,
                                                                "reason": reason})
    form = OpinionForm(request.POST or None, subjects=subjects.choices(intake.organization))
    if request.method == "POST" and form.is_valid():
        if not services.use_form_nonce(form.cleaned_data["nonce"]):
            form.add_error(None, already_sent())
        else:
            data = form.cleaned_data
            try:
                given = services.submit_public_opinion(
                    intake=intake, subject=data["subject"], category=data["category"],
                    text=data["text"], source_group=data["source_group"])
            except VanguardError as exc:
                form.add_error(None, exc.text)
            else:
                return _receipt_page(request, given, reverse("opinions:public_form",
                                                             args=[intake.form_key]))
    return _form_page(request, "opinions/public_form.html", form, intake)


@session_left_alone
@never_cache
def receipt(request):
    """Look a receipt up: POST only carries the code, so it is never in an address or log."""
    form = ReceiptForm(request.POST or None)
    result, status = None, 200
    if request.method == "POST" and form.is_valid():
        try:
            result = receipts.look_up(code=form.cleaned_data["code"],
                                      address=client_address(request))
        except VanguardError as exc:
            form.add_error("code", exc.text)
            status = 429 if exc.code == "rate_limited" else 200
    return render(request, "opinions/receipt_lookup.html", {"form": form, "result": result},
                  status=status)


# --- the logged-in user's form -------------------------------------------------------------------

@login_required
@never_cache
def give(request, campaign):
    person = getattr(request.user, "person", None)
    if person is None:
        raise PermissionDenied
    campaign = Campaign.objects.filter(pk=campaign).first()
    intake = selectors.own_intake(person, campaign) if campaign else None
    if intake is None:
        raise Http404
    reason = services.accepting(intake)
    if reason:
        return render(request, "opinions/public_closed.html", {"intake": intake,
                                                                "reason": reason})
    form = GiveOpinionForm(request.POST or None, subjects=subjects.choices(intake.organization))
    if request.method == "POST" and form.is_valid():
        anonymous = form.cleaned_data["anonymity"] == "anonymous"
        if anonymous:
            leave_session_unsaved(request)
        if not services.use_form_nonce(form.cleaned_data["nonce"]):
            form.add_error(None, already_sent())
        else:
            response = _give(request, form, intake, anonymous)
            if response is not None:
                return response
    return _form_page(request, "opinions/intake_give.html", form, intake, campaign=campaign)


def _give(request, form, intake, anonymous: bool):
    data = form.cleaned_data
    try:
        given = services.submit_opinion(
            actor=request.user, intake=intake, subject=data["subject"],
            category=data["category"], text=data["text"], source_group=data["source_group"],
            anonymous=anonymous)
    except VanguardError as exc:
        form.add_error(None, exc.text)
        return None
    if anonymous:
        return _receipt_page(request, given, reverse("web:home"))
    messages.success(request, _("Thank you: your opinion is received. Only the campaign office "
                                "sees your name."))
    return redirect("opinions:give", campaign=intake.campaign_id)


# --- staff ----------------------------------------------------------------------------------------

@login_required
def intake_index(request, campaign):
    campaign = campaign_selectors.get_campaign_for(request.user, campaign)
    return render(request, "opinions/intake_index.html", {
        "campaign": campaign, "rows": selectors.intakes_run_by(request.user, campaign)})


def _entry_initial(request, intake) -> dict:
    """The channel, date and symposium of the last entry, so a pile of slips goes quickly."""
    initial = {"anonymous": True, "received_on": services.date_window(intake)[1]}
    channel = request.GET.get("channel", "")
    if channel in Channel.values:
        initial["channel"] = channel
    if request.GET.get("symposium", "").isdigit():
        initial["symposium"], initial["channel"] = int(request.GET["symposium"]), "symposium"
    if request.GET.get("date"):
        initial["received_on"] = request.GET["date"][:10]
    return initial


@login_required
def enter(request, pk):
    intake = selectors.get_entry_intake_for(request.user, pk)
    symposia = list(selectors.symposia_for(request.user, intake))
    form = EntryForm(request.POST or None, initial=_entry_initial(request, intake),
                     subjects=subjects.choices(intake.organization), symposia=symposia)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not services.use_form_nonce(data["nonce"]):
            form.add_error(None, already_sent())
        else:
            symposium = next((s for s in symposia if s.pk == data["symposium"]), None)
            try:
                opinion = services.enter_opinion(
                    actor=request.user, intake=intake, channel=data["channel"],
                    subject=data["subject"], category=data["category"], text=data["text"],
                    source_group=data["source_group"], received_on=data["received_on"],
                    anonymous=data["anonymous"], giver_name=data["giver_name"],
                    symposium=symposium)
            except VanguardError as exc:
                form.add_error(None, exc.text)
            else:
                messages.success(request, _("Entered.") + (" " + _(
                    "It counts once another person in the office has checked it.")
                    if opinion.status == opinion.Status.UNCONFIRMED else ""))
                query = f"?channel={opinion.channel}&date={opinion.received_on}"
                if opinion.symposium_id:
                    query += f"&symposium={opinion.symposium_id}"
                return redirect(reverse("opinions:enter", args=[intake.pk]) + query)
    first, last = services.date_window(intake)
    return _form_page(request, "opinions/intake_enter.html", form, intake,
                      closed=services.accepting(intake), first_day=first, last_day=last,
                      manages=request.user.has_perm("opinions.manage_intake", intake))


def _symposium_organizations(user, intake):
    if user.has_perm("opinions.enter_opinion", intake):
        top = intake.organization
        return [top, *Organization.objects.filter(path__startswith=top.path,
                                                  kind=Organization.Kind.BRANCH)
                .order_by("path")]
    return services.secretary_branches(user, intake)


@login_required
def symposia(request, pk):
    intake = selectors.get_entry_intake_for(request.user, pk)
    form = SymposiumForm(request.POST or None,
                         organizations=_symposium_organizations(request.user, intake))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organization = next(o for o in _symposium_organizations(request.user, intake)
                            if o.pk == data["organization"])
        try:
            symposium = services.record_symposium(
                actor=request.user, intake=intake, organization=organization,
                held_on=data["held_on"], attendance=data["attendance"],
                attendees=data["attendees"])
        except VanguardError as exc:
            form.add_error(None, exc.text)
        else:
            messages.success(request, _("The symposium is recorded: now enter what was said."))
            return redirect(reverse("opinions:enter", args=[intake.pk])
                            + f"?symposium={symposium.pk}")
    return render(request, "opinions/intake_symposia.html", {
        "intake": intake, "form": form,
        "manages": request.user.has_perm("opinions.manage_intake", intake),
        "rows": selectors.symposia_for(request.user, intake).order_by("-held_on", "-id")})


@login_required
def unconfirmed(request, pk):
    intake = selectors.get_managed_intake_for(request.user, pk)
    return render(request, "opinions/intake_unconfirmed.html", {
        "intake": intake, "rows": selectors.unconfirmed_for(request.user, intake)})


@login_required
@require_POST
def confirm(request, pk, opinion):
    intake = selectors.get_managed_intake_for(request.user, pk)
    opinion = selectors.get_unconfirmed_for(request.user, intake, opinion)
    run_service(request, lambda: services.confirm_opinion(actor=request.user, opinion=opinion),
                success=_("Confirmed: the opinion now counts."))
    return redirect("opinions:unconfirmed", pk=intake.pk)


def public_url(request, intake) -> str:
    return request.build_absolute_uri(reverse("opinions:public_form", args=[intake.form_key]))


@login_required
def intake_settings(request, pk):
    intake = selectors.get_managed_intake_for(request.user, pk)
    url = public_url(request, intake)
    # segno writes the markup itself from our own address: nothing typed by a user is in it.
    svg = segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True,
                                                svgclass="w-100 h-auto", lineclass=None,
                                                title="QR")
    return render(request, "opinions/intake_settings.html", {
        "intake": intake, "url": url, "svg": mark_safe(svg),
        "counts": selectors.intake_counts(intake), "closed": services.accepting(intake)})


@login_required
@require_POST
def intake_toggle(request, pk):
    intake = selectors.get_managed_intake_for(request.user, pk)
    field, value = request.POST.get("field", ""), request.POST.get("value") == "on"
    if field == "is_open":
        run_service(request, lambda: services.set_intake_open(
            actor=request.user, intake=intake, is_open=value),
            success=_("The intake is open.") if value else _("The intake is closed."))
    elif field == "second_check":
        run_service(request, lambda: services.set_second_check(
            actor=request.user, intake=intake, on=value),
            success=_("Typed-in opinions now wait for a second check.") if value
            else _("Typed-in opinions now count at once."))
    else:
        messages.error(request, _("Choose a setting to change."))
    return redirect("opinions:intake", pk=intake.pk)


@login_required
def form_docx(request, pk):
    from vanguard.opinions.documents import opinion_form_document

    intake = selectors.get_managed_intake_for(request.user, pk)
    response = HttpResponse(opinion_form_document(intake, public_url(request, intake)),
                            content_type=DOCX)
    response["Content-Disposition"] = f"attachment; filename=opinion-form-{intake.pk}.docx"
    return response
