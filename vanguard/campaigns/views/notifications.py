"""A person's notifications: reminders and news about their work."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from vanguard.campaigns.models import Notification
from vanguard.core import clock


def _person(request):
    person = getattr(request.user, "person", None)
    if person is None:
        raise PermissionDenied
    return person


@login_required
def notifications(request):
    person = _person(request)
    page = Paginator(Notification.objects.filter(person=person), 30).get_page(
        request.GET.get("page"))
    return render(request, "campaigns/notifications.html", {"page": page})


@login_required
@require_POST
def mark_read(request):
    Notification.objects.filter(person=_person(request), read_at__isnull=True).update(
        read_at=clock.now())
    return redirect("campaigns:notifications")
