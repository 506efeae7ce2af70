"""URLs of people."""

from django.urls import path

from vanguard.people import views

app_name = "people"
urlpatterns: list = [
    path("organizations/", views.organizations, name="organizations"),
    path("organizations/<str:code>/", views.organization_detail, name="organization"),
]
