"""URLs of oversight (coverage), under /oversight/coverage/ in the "oversight" namespace."""

from django.urls import path

from vanguard.oversight import views_coverage as views

urlpatterns = [
    path("<int:campaign>/", views.coverage, name="coverage"),
    path("<int:campaign>/export.xlsx", views.coverage_export, name="coverage_export"),
    path("<int:campaign>/elsewhere/", views.coverage_elsewhere, name="coverage_elsewhere"),
    path("<int:campaign>/members/<int:member>/", views.coverage_member,
         name="coverage_member"),
    path("<int:campaign>/members/<int:member>/attempt/", views.coverage_attempt_add,
         name="coverage_attempt_add"),
    path("<int:campaign>/members/<int:member>/participation/", views.coverage_participation,
         name="coverage_participation"),
    path("<int:campaign>/members/<int:member>/participation/remove/",
         views.coverage_participation_remove, name="coverage_participation_remove"),
    path("reports/<int:pk>/", views.coverage_report, name="coverage_report"),
]
