"""URLs of oversight (supervision): groups, visits, findings, good practices, red flags."""

from django.urls import path

from vanguard.oversight import views_supervision as views

urlpatterns = [
    path("<int:campaign>/", views.group_list, name="supervision_groups"),
    path("<int:campaign>/send/", views.group_send, name="supervision_send"),
    path("<int:campaign>/school/", views.school_findings, name="supervision_school_findings"),
    path("<int:campaign>/flags/", views.red_flags, name="supervision_flags"),
    path("groups/<int:pk>/", views.group_detail, name="supervision_group"),
    path("groups/<int:pk>/edit/", views.group_edit, name="supervision_group_edit"),
    path("groups/<int:pk>/recall/", views.group_recall, name="supervision_group_recall"),
    path("groups/<int:pk>/visits/", views.visit_add, name="supervision_visit_add"),
    path("groups/<int:pk>/findings/new/", views.finding_add, name="supervision_finding_add"),
    path("groups/<int:pk>/practices/new/", views.practice_add, name="supervision_practice_add"),
    path("visits/<int:pk>/held/", views.visit_held, name="supervision_visit_held"),
    path("findings/<int:pk>/", views.finding_detail, name="supervision_finding"),
    path("findings/<int:pk>/answer/", views.finding_answer, name="supervision_finding_answer"),
    path("findings/<int:pk>/close/", views.finding_close, name="supervision_finding_close"),
    path("practices/<int:pk>/", views.practice_detail, name="supervision_practice"),
    path("practices/<int:pk>/share/", views.practice_share, name="supervision_practice_share"),
]
