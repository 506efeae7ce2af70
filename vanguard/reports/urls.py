"""URLs of the summary report: the campaign's reports, one report's pages, reports received."""

from django.urls import path

from vanguard.reports import views

app_name = "reports"

urlpatterns = [
    path("received/", views.received, name="received"),
    path("campaign/<int:campaign>/", views.campaign_reports, name="campaign"),
    path("campaign/<int:campaign>/generate/", views.generate, name="generate"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/refresh/", views.refresh, name="refresh"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>.docx", views.word, name="word"),
]
