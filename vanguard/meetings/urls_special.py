"""URLs of the special meetings (organizational life, democratic life) and their packages."""

from django.urls import path

from vanguard.meetings import views_special as views

urlpatterns = [
    path("special/activity/<int:pk>/", views.for_activity, name="special_for_activity"),
    path("special/<int:pk>/", views.detail, name="special_detail"),
    path("special/<int:pk>/attendance/", views.attendance, name="special_attendance"),
    path("special/<int:pk>/self-criticism/", views.self_criticism,
         name="special_self_criticism"),
    path("special/<int:pk>/criticisms/", views.criticism_add, name="special_criticism_add"),
    path("special/criticisms/<int:pk>/remove/", views.criticism_remove,
         name="special_criticism_remove"),
    path("special/<int:pk>/minutes/", views.minutes, name="special_minutes"),
    path("special/<int:pk>/package.zip", views.package_download, name="special_package"),
    path("special/<int:pk>/package/submit/", views.package_submit,
         name="special_package_submit"),
    path("special/<int:pk>/notice/", views.notice_publish, name="special_notice"),
    path("special/<int:pk>/notice/withdraw/", views.notice_withdraw,
         name="special_notice_withdraw"),
    # The superior office: packages sent to it, and acknowledging one.
    path("packages/", views.package_list, name="packages"),
    path("packages/<int:pk>/acknowledge/", views.package_acknowledge,
         name="package_acknowledge"),
]
