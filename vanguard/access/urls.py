"""URLs of access: login, logout, password change, audit log."""

from django.urls import path

from vanguard.access import views

app_name = "access"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("audit/", views.audit_log, name="audit"),
]
