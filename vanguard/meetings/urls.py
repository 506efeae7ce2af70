"""URLs of meetings."""

from django.urls import path

from vanguard.meetings import views

app_name = "meetings"
urlpatterns = [
    path("activity/<int:pk>/", views.for_activity, name="for_activity"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/attendance/", views.record, name="record"),
]
