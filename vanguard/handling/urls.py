"""URLs of handling: the register, a case (open, add a step, close) and a document."""

from django.urls import path

from vanguard.handling import views

app_name = "handling"

urlpatterns = [
    path("", views.register, name="register"),
    path("cases/new/", views.case_open, name="case_open"),
    path("cases/<int:pk>/", views.case_detail, name="case"),
    path("cases/<int:pk>/steps/", views.step_add, name="step_add"),
    path("cases/<int:pk>/close/", views.case_close, name="case_close"),
    path("documents/<int:pk>/", views.document, name="document"),
]
