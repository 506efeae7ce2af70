"""URLs of meetings."""

from django.urls import path

from vanguard.meetings import urls_follow_up, urls_special, views, views_sign_in

app_name = "meetings"
urlpatterns = [
    path("activity/<int:pk>/", views.for_activity, name="for_activity"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/attendance/", views.record, name="record"),
    path("<int:pk>/makeup-material/", views.makeup_material, name="makeup_material"),
    path("<int:pk>/sign-in-code/", views_sign_in.sign_in_code, name="sign_in_code"),
    path("<int:pk>/sign-in/", views_sign_in.sign_in, name="sign_in"),
    path("attendance/<int:pk>/makeup-done/", views.makeup_done, name="makeup_done"),
] + urls_special.urlpatterns + urls_follow_up.urlpatterns
