"""URLs of surveys."""

from django.urls import path  # noqa: F401

app_name = "surveys"

urlpatterns: list = []
