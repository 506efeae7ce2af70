"""URLs of people."""

from django.urls import path

from vanguard.people import views, views_roster

app_name = "people"
urlpatterns: list = [
    path("organizations/", views.organizations, name="organizations"),
    path("organizations/<str:code>/", views.organization_detail, name="organization"),
    path("persons/<int:pk>/", views.person_detail, name="person"),
    path("persons/<int:pk>/id-number/", views.reveal_id_number, name="reveal_id_number"),
    path("organizations/<str:code>/roster/import/", views_roster.roster_import,
         name="roster_import"),
    path("organizations/<str:code>/roster/export/", views_roster.roster_export,
         name="roster_export"),
]
