"""URLs of the follow-up meeting on rectification (整改专题组织生活会), one per branch."""

from django.urls import path

from vanguard.meetings import views_follow_up as views

urlpatterns = [
    path("follow-up/activity/<int:pk>/", views.for_activity, name="follow_up_for_activity"),
    path("follow-up/<int:pk>/", views.detail, name="follow_up_detail"),
    path("follow-up/<int:pk>/attendance/", views.attendance, name="follow_up_attendance"),
    path("follow-up/<int:pk>/progress/", views.progress, name="follow_up_progress"),
    path("follow-up/<int:pk>/minutes/", views.minutes, name="follow_up_minutes"),
]
