"""The project's URLs and one bare view: the floor a page on this stack cannot go below."""

from django.shortcuts import render
from django.urls import include, path

from vanguard.people.models import Organization


def bare(request):
    """One small template and one indexed query, through the same middleware as every page."""
    root = Organization.objects.order_by("path").values("name").first()
    return render(request, "bench/bare.html", {"root": root})


urlpatterns = [
    path("bench/bare/", bare, name="bench_bare"),
    path("", include("vanguard.urls")),
]

handler400 = "vanguard.web.views.bad_request"
handler403 = "vanguard.web.views.forbidden"
handler404 = "vanguard.web.views.not_found"
handler500 = "vanguard.web.views.server_error"
