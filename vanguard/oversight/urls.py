"""URLs of oversight: leading groups, supervision and the red flags, coverage."""

from django.urls import include, path

app_name = "oversight"

urlpatterns = [
    path("leading/", include("vanguard.oversight.urls_leading")),
    path("supervision/", include("vanguard.oversight.urls_supervision")),
    path("coverage/", include("vanguard.oversight.urls_coverage")),
]
