"""URLs of talks: one's own talks, recording for someone, coverage, confirm and withdraw."""

from django.urls import path

from vanguard.talks import views

app_name = "talks"
urlpatterns = [
    # A person's required partners, talks to confirm, their talks and the form to record one.
    path("<int:campaign>/", views.my_talks, name="my_talks"),
    # A secretary or the office records a talk for someone of their unit (?org=<code>).
    path("<int:campaign>/record/", views.record_for, name="record_for"),
    # Required pairs done / waiting / missing for a unit (?org=<code>), with names.
    path("<int:campaign>/coverage/", views.coverage, name="coverage"),
    path("talk/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("talk/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    # The office brings the pairs of its plan's talks step in line with the roster.
    path("step/<int:pk>/refresh/", views.refresh, name="refresh"),
]
