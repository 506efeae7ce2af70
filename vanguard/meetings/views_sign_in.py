"""QR sign-in: the code the meeting's screen shows (refreshed by HTMX), and the page a
member's phone opens when they scan it."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from vanguard.access import ratelimit
from vanguard.core import clock
from vanguard.meetings import selectors, services
from vanguard.meetings.errors import MeetingError

# Sign-in attempts one user may make in ten minutes: a member needs one or two; eight-digit
# codes cannot be guessed in so few.
DEFAULT_SIGN_IN_LIMIT = 10
SIGN_IN_WINDOW_SECONDS = 600


def current_code(request, meeting):
    services.ensure_sign_in_secret(meeting)

    def absolute_url(code: str) -> str:
        return request.build_absolute_uri(
            reverse("meetings:sign_in", args=[meeting.pk]) + "?" + urlencode({"code": code}))

    return selectors.sign_in_code(meeting, clock.now(), absolute_url)


@login_required
@require_safe
@never_cache
def sign_in_code(request, pk):
    """The fragment the meeting page polls every 15 seconds (the code changes each minute)."""
    meeting = selectors.get_meeting_for(request.user, pk)
    if not request.user.has_perm("meetings.record_attendance", meeting):
        raise PermissionDenied
    return render(request, "meetings/_sign_in_code.html",
                  {"meeting": meeting, "sign_in": current_code(request, meeting)})


@login_required
@require_safe
@never_cache
def sign_in(request, pk):
    """Opening the scanned address signs the member in: the code in it is good for a minute
    or two only, so nobody else can make a member sign in, and a second visit changes
    nothing."""
    limit = getattr(settings, "MEETING_SIGN_IN_RATE_LIMIT", DEFAULT_SIGN_IN_LIMIT)
    if not ratelimit.hit(f"meetings.sign_in:{request.user.pk}", limit=limit,
                         seconds=SIGN_IN_WINDOW_SECONDS):
        return _result(request, None, "refused", _("Too many attempts"),
                       _("You tried to sign in too many times. Wait a few minutes, then scan "
                         "the code on the screen again."), status=429)
    meeting = selectors.get_meeting_to_sign_in(pk)
    try:
        services.sign_in(actor=request.user, meeting=meeting,
                         code=request.GET.get("code", "")[:16])
    except MeetingError as exc:
        if exc.code == "not_expected":
            return _result(request, None, "refused", _("Not signed in"), exc.text, status=403)
        if exc.code == "already_signed_in":
            return _result(request, meeting, "already", _("Already signed in"), exc.text)
        return _result(request, meeting, "refused", _("Not signed in"), exc.text, status=400)
    return _result(request, meeting, "signed_in", _("Signed in"),
                   _("You are recorded as present. Thank you."))


def _result(request, meeting, outcome: str, title: str, text: str, *, status: int = 200):
    # The meeting is named only to someone on its list.
    return render(request, "meetings/sign_in.html", {
        "meeting": meeting, "outcome": outcome, "title": title, "text": text,
    }, status=status)
