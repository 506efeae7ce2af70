"""The project's URLs: one include per app."""

from django.urls import include, path

urlpatterns = [
    path("", include("vanguard.web.urls")),
    path("accounts/", include("vanguard.access.urls")),
    path("people/", include("vanguard.people.urls")),
    path("campaigns/", include("vanguard.campaigns.urls")),
    path("meetings/", include("vanguard.meetings.urls")),
    path("study/", include("vanguard.study.urls")),
    path("opinions/", include("vanguard.opinions.urls")),
    path("talks/", include("vanguard.talks.urls")),
    path("analyses/", include("vanguard.analyses.urls")),
    path("evaluations/", include("vanguard.evaluations.urls")),
    path("rectification/", include("vanguard.rectification.urls")),
    path("assessments/", include("vanguard.assessments.urls")),
    path("reports/", include("vanguard.reports.urls")),
    path("oversight/", include("vanguard.oversight.urls")),
    path("surveys/", include("vanguard.surveys.urls")),
    path("publicity/", include("vanguard.publicity.urls")),
    path("handling/", include("vanguard.handling.urls")),
]

handler400 = "vanguard.web.views.bad_request"
handler403 = "vanguard.web.views.forbidden"
handler404 = "vanguard.web.views.not_found"
handler500 = "vanguard.web.views.server_error"
