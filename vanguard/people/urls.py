"""URLs of people."""

from django.urls import path

from vanguard.people import views, views_roster, views_team

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
    path("organizations/<str:code>/team/", views_team.team, name="team"),
    path("organizations/<str:code>/team/members/add/", views_team.leader_add,
         name="team_leader_add"),
    path("organizations/<str:code>/team/members/<int:pk>/", views_team.leader_change,
         name="team_leader_change"),
    path("organizations/<str:code>/team/members/<int:pk>/principal/",
         views_team.leader_principal, name="team_leader_principal"),
    path("organizations/<str:code>/team/members/<int:pk>/remove/", views_team.leader_remove,
         name="team_leader_remove"),
    path("organizations/<str:code>/team/departments/add/", views_team.department_add,
         name="team_department_add"),
    path("organizations/<str:code>/team/departments/head/", views_team.department_head,
         name="team_department_head"),
    path("organizations/<str:code>/team/departments/<int:pk>/rename/",
         views_team.department_rename, name="team_department_rename"),
    path("organizations/<str:code>/team/departments/<int:pk>/remove/",
         views_team.department_remove, name="team_department_remove"),
]
